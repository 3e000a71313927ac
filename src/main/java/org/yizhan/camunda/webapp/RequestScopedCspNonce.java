package org.yizhan.camunda.webapp;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the webapps' Content-Security-Policy nonce to the request that made it.
 *
 * <p>Camunda 7.24's webapps keep the nonce of the page being served in an attribute of the whole servlet context: its
 * header filter ({@code ContentSecurityPolicyProvider}) writes a new one for every request, and the filter that serves
 * {@code index.html} ({@code ProcessEnginesFilter}) reads it back to stamp the page's scripts. When another request
 * passes the header filter in between (a second volunteer opening Tasklist, any webapp request of anybody), the page
 * carries a nonce that is not the one in its header, the browser refuses every script, and Tasklist stays blank: three
 * browsers opening Tasklist at once gave one blank page on this machine. Operaton fixed it by keeping the nonce on the
 * request (operaton pull request 3515).
 *
 * <p>This gives each webapp request a view of the servlet context in which that one attribute is the request's own;
 * everything else goes to the real context. It rests on the attribute's name and on both Camunda filters asking
 * {@code request.getServletContext()}, verified on 7.24.0 (a test fails when they stop). Switched off with
 * {@code yizhan.camunda.request-scoped-csp-nonce=false}; it can go when the webapps keep the nonce per request
 * themselves. See docs/decisions.
 */
class RequestScopedCspNonce extends OncePerRequestFilter {

  /** {@code ContentSecurityPolicyProvider.ATTR_CSP_FILTER_NONCE} of Camunda's webapp (an implementation class). */
  static final String NONCE_ATTRIBUTE = "org.camunda.bpm.csp.nonce";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ServletContext shared = request.getServletContext();
    ServletContext ownNonce = withOwnNonce(shared, request);
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public ServletContext getServletContext() {
        return ownNonce;
      }
    }, response);
  }

  /** The servlet context, except that the nonce attribute is read from and written to the request. */
  private static ServletContext withOwnNonce(ServletContext shared, HttpServletRequest request) {
    return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
        new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
          if (args != null && args.length > 0 && NONCE_ATTRIBUTE.equals(args[0])) {
            switch (method.getName()) {
              case "getAttribute":
                return request.getAttribute(NONCE_ATTRIBUTE);
              case "setAttribute":
                request.setAttribute(NONCE_ATTRIBUTE, args[1]);
                return null;
              case "removeAttribute":
                request.removeAttribute(NONCE_ATTRIBUTE);
                return null;
              default:
                break;
            }
          }
          try {
            return method.invoke(shared, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
