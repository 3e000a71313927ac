package org.yizhan.platform.cluster;

import java.time.Duration;

/**
 * Waiting for a lock that another node holds, bounded: try, pause, try again, report now and then, and give up after
 * the configured time. A node that waits for good looks like a hung node to whoever runs it; one that gives up with a
 * message naming the holder can be looked after.
 *
 * <p>The clock and the pause are passed in, so that the waiting can be tested without waiting.
 */
final class LockWait {

  /** One attempt to take the lock; true when it is now held. */
  @FunctionalInterface
  interface Attempt {
    boolean tryOnce() throws Exception;
  }

  /** Told while waiting and when giving up. */
  interface Report {
    /** Still waiting, after {@code waited}; called about every {@code reportEvery}. */
    void stillWaiting(Duration waited);

    /** The exception to throw when the lock was not taken within the limit. */
    RuntimeException gaveUp(Duration waited);
  }

  /** Time as the wait sees it. */
  interface Clock {
    long nanoTime();

    void pause(Duration pause) throws InterruptedException;

    Clock SYSTEM = new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void pause(Duration pause) throws InterruptedException {
        Thread.sleep(pause.toMillis());
      }
    };
  }

  private final Duration limit;
  private final Duration pause;
  private final Duration reportEvery;
  private final Clock clock;

  LockWait(Duration limit, Duration pause, Duration reportEvery, Clock clock) {
    if (limit.isNegative() || pause.isNegative() || pause.isZero() || reportEvery.isNegative() || reportEvery.isZero()) {
      throw new IllegalArgumentException("The wait needs a limit of zero or more and a positive pause and report interval");
    }
    this.limit = limit;
    this.pause = pause;
    this.reportEvery = reportEvery;
    this.clock = clock;
  }

  /**
   * Tries until the attempt succeeds or the limit has passed; a limit of zero tries once.
   *
   * @return how long it waited (zero when the first attempt succeeded)
   */
  Duration await(Attempt attempt, Report report) throws Exception {
    long start = clock.nanoTime();
    long nextReport = reportEvery.toNanos();
    while (true) {
      if (attempt.tryOnce()) {
        return Duration.ofNanos(clock.nanoTime() - start);
      }
      long waited = clock.nanoTime() - start;
      if (waited >= limit.toNanos()) {
        throw report.gaveUp(Duration.ofNanos(waited));
      }
      if (waited >= nextReport) {
        report.stillWaiting(Duration.ofNanos(waited));
        nextReport = waited + reportEvery.toNanos();
      }
      clock.pause(pause);
    }
  }
}
