package org.yizhan.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LockWaitTest {

  /** A clock that moves only when the wait pauses. */
  private static final class FakeClock implements LockWait.Clock {
    long now;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void pause(Duration pause) {
      now += pause.toNanos();
    }
  }

  private final FakeClock clock = new FakeClock();
  private final List<Duration> reports = new ArrayList<>();
  private final LockWait.Report report = new LockWait.Report() {
    @Override
    public void stillWaiting(Duration waited) {
      reports.add(waited);
    }

    @Override
    public RuntimeException gaveUp(Duration waited) {
      return new IllegalStateException("gave up after " + waited.toSeconds() + " s");
    }
  };

  private LockWait wait(Duration limit) {
    return new LockWait(limit, Duration.ofSeconds(1), Duration.ofSeconds(10), clock);
  }

  @Test
  void aFreeLockIsTakenAtOnceWithoutWaiting() throws Exception {
    int[] attempts = {0};
    Duration waited = wait(Duration.ofMinutes(5)).await(() -> ++attempts[0] == 1, report);

    assertThat(waited).isZero();
    assertThat(attempts[0]).isEqualTo(1);
    assertThat(reports).isEmpty();
  }

  @Test
  void aLockReleasedWithinTheLimitIsTakenAndTheWaitIsReported() throws Exception {
    // The other node lets go after 25 s.
    Duration waited = wait(Duration.ofMinutes(5)).await(() -> clock.now >= Duration.ofSeconds(25).toNanos(), report);

    assertThat(waited).isEqualTo(Duration.ofSeconds(25));
    assertThat(reports).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
  }

  @Test
  void aLockHeldBeyondTheLimitMakesTheNodeGiveUpWithTheReportsMessage() {
    int[] attempts = {0};
    assertThatThrownBy(() -> wait(Duration.ofSeconds(30)).await(() -> {
      attempts[0]++;
      return false;
    }, report)).isInstanceOf(IllegalStateException.class).hasMessage("gave up after 30 s");

    assertThat(attempts[0]).as("one attempt at the start and one after each second").isEqualTo(31);
    assertThat(reports).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
  }

  @Test
  void aLimitOfZeroTriesOnce() {
    int[] attempts = {0};
    assertThatThrownBy(() -> wait(Duration.ZERO).await(() -> {
      attempts[0]++;
      return false;
    }, report)).hasMessage("gave up after 0 s");
    assertThat(attempts[0]).isEqualTo(1);
  }

  @Test
  void aFailingAttemptEndsTheWait() {
    assertThatThrownBy(() -> wait(Duration.ofMinutes(5)).await(() -> {
      throw new java.sql.SQLException("connection refused");
    }, report)).hasMessage("connection refused");
  }

  @Test
  void aNegativeLimitOrNoPauseIsRefused() {
    assertThatThrownBy(() -> new LockWait(Duration.ofSeconds(-1), Duration.ofSeconds(1), Duration.ofSeconds(1), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LockWait(Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(1), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
