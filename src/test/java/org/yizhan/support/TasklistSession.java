package org.yizhan.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A browser's session with Camunda Tasklist: the login form, the session cookie and the CSRF token the webapps ask for,
 * and the engine API under {@code /camunda/api/engine/engine/default} with the headers Tasklist sends.
 */
public final class TasklistSession {

  /** What Tasklist's SDK asks for: HAL first (tasks with their assignees and process definitions embedded). */
  public static final String TASKLIST_ACCEPT = "application/hal+json, application/json; q=0.5";
  private static final String ENGINE_API = "/camunda/api/engine/engine/default";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CookieManager cookies = new CookieManager();
  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
  /** The node the browser talks to; {@link #moveTo(int)} changes it as a load balancer would, cookies kept. */
  private volatile String base;
  /** The webapps send a new token whenever a session starts, signing in included; like Tasklist, send the latest. */
  private volatile String csrfToken = "";

  private TasklistSession(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Tasklist opened by somebody who has not signed in: cookies and CSRF token, no session user. */
  public static TasklistSession notSignedIn(int port) {
    TasklistSession session = new TasklistSession(port);
    session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/app/tasklist/")).GET());
    return session;
  }

  /** Opens Tasklist and signs in with its login form; fails unless the login is accepted. */
  public static TasklistSession login(int port, String user, String password) {
    return login("tasklist", port, user, password);
  }

  /** Opens one of the webapps ({@code tasklist}, {@code cockpit}, {@code admin}) and signs in with its login form. */
  public static TasklistSession login(String app, int port, String user, String password) {
    TasklistSession session = new TasklistSession(port);
    session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/app/" + app + "/")).GET());
    StationHttp.Response login = session.send(HttpRequest.newBuilder(
            URI.create(session.base + "/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", session.csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))));
    if (login.status() != 200) {
      throw new IllegalStateException(user + " could not sign in to Tasklist: " + login.status() + " " + login.text());
    }
    // What Tasklist asks right after signing in; it also hands out the new session's token.
    session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/api/admin/auth/user/default")).GET());
    return session;
  }

  /**
   * Sends the following requests to another node on this machine, with the same cookies and CSRF token: what a load
   * balancer without sticky sessions does to a browser.
   */
  public TasklistSession moveTo(int port) {
    this.base = "http://127.0.0.1:" + port;
    return this;
  }

  /** Tasklist's "Log out": the logout call with the CSRF token. */
  public StationHttp.Response logout() {
    return send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/logout"))
        .header("X-XSRF-TOKEN", csrfToken)
        .POST(HttpRequest.BodyPublishers.noBody()));
  }

  /** The value of the session cookie the browser holds, or null. */
  public String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals(name))
        .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
  }

  /** A POST outside the engine API (e.g. {@code /api/orders}) with the session's cookies and a JSON body. */
  public StationHttp.Response post(String path, String jsonBody) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
  }

  /** A form POST with the CSRF token, as the webapps' login form sends it. */
  public StationHttp.Response postForm(String path, String formBody) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString(formBody)));
  }

  /** A request outside the engine API (e.g. {@code /api/...}) with the session's cookies. */
  public StationHttp.Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** A POST to the engine API as Tasklist sends it, e.g. {@code /filter/{id}/list?firstResult=0&maxResults=15}. */
  public StationHttp.Response postToEngine(String path, String jsonBody) {
    return send(HttpRequest.newBuilder(URI.create(base + ENGINE_API + path))
        .header("Accept", TASKLIST_ACCEPT)
        .header("Content-Type", "application/json")
        .header("X-XSRF-TOKEN", csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
  }

  /** Any request to the engine API as Tasklist sends it; {@code body} null for none. */
  public StationHttp.Response sendToEngine(String method, String path, String jsonBody) {
    HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(jsonBody);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + ENGINE_API + path))
        .header("Accept", TASKLIST_ACCEPT)
        .header("X-XSRF-TOKEN", csrfToken)
        .method(method, body);
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request);
  }

  /** The session's cookies as a browser sends them, for requests written byte by byte. */
  public String cookieHeader() {
    return cookies.getCookieStore().getCookies().stream().map(cookie -> cookie.getName() + "=" + cookie.getValue())
        .collect(java.util.stream.Collectors.joining("; "));
  }

  /** The CSRF token the webapps expect in {@code X-XSRF-TOKEN} with every write. */
  public String csrfToken() {
    return csrfToken;
  }

  public StationHttp.Response getFromEngine(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + ENGINE_API + path)).header("Accept", TASKLIST_ACCEPT).GET());
  }

  private StationHttp.Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (String cookie : response.headers().allValues("Set-Cookie")) {
        if (cookie.startsWith("XSRF-TOKEN=")) {
          csrfToken = cookie.substring("XSRF-TOKEN=".length()).split(";", 2)[0];
        }
      }
      JsonNode json = null;
      try {
        json = response.body().isBlank() ? null : JSON.readTree(response.body());
      } catch (IOException notJson) {
        json = null;
      }
      return new StationHttp.Response(response.statusCode(), response.body(), json, response.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
