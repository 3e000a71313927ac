package org.yizhan.platform.security;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tells Spring Boot's actuator who is asking, so that the health page's details (the database, the disk, the job
 * executor, refused models) go to administrators only ({@code show-details: when-authorized} with the
 * {@code camunda-admin} role) while anybody, a load balancer included, still reads whether the station is up. The
 * actuator reads the servlet request's principal and roles; the station's users live in the engine, not in Spring
 * Security, so the request is wrapped with the signed-in user and their groups as roles.
 *
 * <p>Only the health endpoint answers anybody. Every other actuator endpoint (the administrators' online backup) needs
 * somebody signed in and is answered 401 otherwise; the endpoint itself asks the permission table whether the caller's
 * groups may use it.
 */
class ActuatorCallerFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(ActuatorCallerFilter.class);

  private final IdentityService identityService;

  ActuatorCallerFilter(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    SignedIn user;
    try {
      user = SignedIn.of(request, identityService);
    } catch (RuntimeException identityUnavailable) {
      // The credentials cannot be checked (the database is away, which is when somebody looks at the health page):
      // the caller is answered as anybody is, with the status and without details, instead of a 500.
      log.warn("Cannot check who asks for {}; answering without details: {}", request.getRequestURI(),
          identityUnavailable.getMessage());
      chain.doFilter(request, response);
      return;
    }
    if (user == null && request.getHeader("Authorization") != null) {
      // Credentials that do not sign in are refused, as everywhere else, so that the sign-in throttle counts them and
      // the health page cannot be used to try passwords.
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Basic realm=\"Yizhan\"");
      return;
    }
    if (user == null && !isHealth(request)) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Basic realm=\"Yizhan\"");
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write("{\"error\":\"请先登录 (Sign in as an administrator: HTTP Basic with user name and password)\"}");
      return;
    }
    chain.doFilter(user == null ? request : new HttpServletRequestWrapper(request) {
      @Override
      public Principal getUserPrincipal() {
        return user::id;
      }

      @Override
      public String getRemoteUser() {
        return user.id();
      }

      @Override
      public boolean isUserInRole(String role) {
        return user.groups().contains(role);
      }
    }, response);
  }

  private static boolean isHealth(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
  }
}
