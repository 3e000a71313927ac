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
 * @param delivery     attempts and deadlines of doorstep deliveries
 * @param mediation    deadlines of mediation cases (the levels' deadlines are in dispute-triage.dmn)
 */
@ConfigurationProperties("yizhan")
public record YizhanProperties(String processesDir, Seeds seeds, Order order, Delivery delivery, Mediation mediation) {

  public record Seeds(boolean enabled, String dir) {}

  public record Order(Duration acceptTimeout, Period pickupReminderAfter) {}

  /**
   * @param maxAttempts       doorstep attempts before the goods go back to the station
   * @param retryAfter        wait before the next attempt when nobody answered
   * @param welfareCheckWithin how soon a grid worker must look in on a resident at risk who did not answer
   */
  public record Delivery(int maxAttempts, Duration retryAfter, Duration welfareCheckWithin) {}

  /** @param followUpWithin the case owner's follow-up visit after a settlement (15日内回访) */
  public record Mediation(Period followUpWithin) {}
}
