package org.yizhan.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * How often one client may ask the pages that need no login ({@code /api/public/…}): {@value #PER_MINUTE} requests a
 * minute, plenty for a resident checking an order or the catalog, far too few to try codes. Beyond that, 429 with
 * {@code Retry-After} until the minute is over.
 */
@Component
public class PublicRateLimit extends OncePerRequestFilter {

  static final int PER_MINUTE = 60;
  private static final int MAX_CLIENTS = 10_000;

  private record Window(long minute, int requests) {}

  private final Map<String, Window> byClient = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Instant now = clock.instant();
    long minute = now.getEpochSecond() / 60;
    if (byClient.size() >= MAX_CLIENTS) {
      byClient.values().removeIf(window -> window.minute() < minute);
    }
    Window window = byClient.merge(request.getRemoteAddr(), new Window(minute, 1),
        (before, next) -> before.minute() == minute ? new Window(minute, before.requests() + 1) : next);
    if (window.requests() > PER_MINUTE) {
      long retryAfter = Math.max(1, 60 - now.getEpochSecond() % 60);
      response.setStatus(429);
      response.setHeader("Retry-After", String.valueOf(retryAfter));
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write("{\"error\": \"查询太频繁，请 " + retryAfter + " 秒后再试 (Too many requests from this "
          + "address; try again in " + retryAfter + " s)\"}");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Forgets a client's requests of this minute (for tests). */
  public void forget(String client) {
    byClient.remove(client);
  }

  /** Forgets every client's requests (for tests, which start each class from none). */
  public void forgetEveryone() {
    byClient.clear();
  }
}
