package org.yizhan.platform.security;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpSession;

/**
 * A session that exists for one request only and is stored nowhere: what Camunda's webapp filters get for a static
 * file, or for a read of the webapps' API that comes without a live session ({@link WebappRequestsWithoutSession}):
 * they insist on giving each a session although neither needs one.
 */
final class RequestOnlySession implements HttpSession {

  private final String id = UUID.randomUUID().toString();
  private final long created = System.currentTimeMillis();
  private final Map<String, Object> attributes = new HashMap<>();
  private final ServletContext servletContext;
  private int maxInactiveSeconds;

  RequestOnlySession(ServletContext servletContext) {
    this.servletContext = servletContext;
  }

  @Override
  public long getCreationTime() {
    return created;
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public long getLastAccessedTime() {
    return created;
  }

  @Override
  public ServletContext getServletContext() {
    return servletContext;
  }

  @Override
  public void setMaxInactiveInterval(int interval) {
    maxInactiveSeconds = interval;
  }

  @Override
  public int getMaxInactiveInterval() {
    return maxInactiveSeconds;
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    return Collections.enumeration(attributes.keySet());
  }

  @Override
  public void setAttribute(String name, Object value) {
    if (value == null) {
      attributes.remove(name);
    } else {
      attributes.put(name, value);
    }
  }

  @Override
  public void removeAttribute(String name) {
    attributes.remove(name);
  }

  @Override
  public void invalidate() {
    attributes.clear();
  }

  @Override
  public boolean isNew() {
    return true;
  }
}
