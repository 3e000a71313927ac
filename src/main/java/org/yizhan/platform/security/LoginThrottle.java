package org.yizhan.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins counted per client (the address the request comes from). After {@value #FREE_FAILURES} failures in a
 * row a client waits before it may try again, 2 s at first and twice as long after each further failure, at most
 * {@link #LONGEST_WAIT}; a successful sign-in forgets its failures. This is what keeps one stranger from trying
 * passwords fast, or from keeping other people's accounts waiting: the engine itself delays a single account after
 * each wrong password (up to a minute) but, as configured here, never locks it for good. Every failure is logged for
 * administrators with the client and the user name tried.
 */
@Component
public class LoginThrottle {

  static final int FREE_FAILURES = 5;
  static final Duration FIRST_WAIT = Duration.ofSeconds(2);
  static final Duration LONGEST_WAIT = Duration.ofMinutes(5);
  /** Enough for a town's stations; past it, clients that have waited out their delay are forgotten first. */
  private static final int MAX_CLIENTS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

  private record Failures(int count, Instant waitUntil) {}

  private final Map<String, Failures> byClient = new ConcurrentHashMap<>();
  private final Clock clock;

  public LoginThrottle() {
    this(Clock.systemUTC());
  }

  LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** How long the client must still wait before it may sign in again, if at all. */
  Optional<Duration> waitFor(String client) {
    Failures failures = byClient.get(client);
    if (failures == null || failures.waitUntil() == null) {
      return Optional.empty();
    }
    Duration left = Duration.between(clock.instant(), failures.waitUntil());
    return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
  }

  void failed(String client, String user) {
    if (byClient.size() >= MAX_CLIENTS) {
      byClient.entrySet().removeIf(entry -> waitFor(entry.getKey()).isEmpty());
    }
    Failures now = byClient.compute(client, (key, before) -> {
      int count = before == null ? 1 : before.count() + 1;
      return new Failures(count, count <= FREE_FAILURES ? null : clock.instant().plus(wait(count)));
    });
    LOG.warn("Failed sign-in as '{}' from {} ({} in a row{})", printable(user), client, now.count(),
        now.waitUntil() == null ? "" : "; the client waits " + wait(now.count()).toSeconds() + " s");
  }

  void succeeded(String client) {
    byClient.remove(client);
  }

  /** Forgets a client's failures, as a successful sign-in does (for an administrator, and for tests). */
  public void forget(String client) {
    byClient.remove(client);
  }

  /** Forgets every client's failures (for tests, which start each class from none). */
  public void forgetEveryone() {
    byClient.clear();
  }

  /** What a stranger typed as a user name, fit for one line of the log (no line breaks or control characters). */
  private static String printable(String user) {
    String text = user == null ? "" : user.replaceAll("\\p{Cntrl}", "?");
    return text.length() <= 64 ? text : text.substring(0, 61) + "...";
  }

  private static Duration wait(int failures) {
    int doublings = Math.min(failures - FREE_FAILURES - 1, 20);
    Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }
}
