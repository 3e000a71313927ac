package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private Instant now = Instant.parse("2026-11-29T08:00:00Z");
  private final LoginThrottle throttle = new LoginThrottle(new Clock() {
    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  });

  @Test
  void fiveFailuresAreFreeThenTheClientWaitsLongerAfterEachFailureUpToFiveMinutes() {
    for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
      throttle.failed("10.0.0.7", "admin");
    }
    assertThat(throttle.waitFor("10.0.0.7")).isEmpty();

    throttle.failed("10.0.0.7", "admin");
    assertThat(throttle.waitFor("10.0.0.7")).contains(Duration.ofSeconds(2));
    throttle.failed("10.0.0.7", "admin");
    assertThat(throttle.waitFor("10.0.0.7")).contains(Duration.ofSeconds(4));
    for (int i = 0; i < 30; i++) {
      throttle.failed("10.0.0.7", "admin");
    }
    assertThat(throttle.waitFor("10.0.0.7")).contains(Duration.ofMinutes(5));

    now = now.plus(Duration.ofMinutes(5));
    assertThat(throttle.waitFor("10.0.0.7")).as("waited out").isEmpty();
    assertThat(throttle.waitFor("10.0.0.8")).as("another client").isEmpty();
  }

  @Test
  void successfulSignInForgetsTheFailures() {
    for (int i = 0; i < 7; i++) {
      throttle.failed("10.0.0.7", "wang.fang");
    }
    throttle.succeeded("10.0.0.7");

    assertThat(throttle.waitFor("10.0.0.7")).isEmpty();
    throttle.failed("10.0.0.7", "wang.fang");
    assertThat(throttle.waitFor("10.0.0.7")).as("counting starts again").isEmpty();
  }
}
