package org.yizhan.platform;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the station under {@code yizhan.*}.
 *
 * @param processesDir the folder whose models are deployed; the classpath copy is used when it does not exist
 * @param seeds        demo data loading
 * @param order        deadlines of the order flow, handed to the process as ISO-8601 durations
 */
@ConfigurationProperties("yizhan")
public record YizhanProperties(String processesDir, Seeds seeds, Order order) {

  public record Seeds(boolean enabled, String dir) {}

  public record Order(Duration acceptTimeout, Period pickupReminderAfter) {}
}
