package org.yizhan.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Talks to the running app over real HTTP, as a signed-in user or as nobody. */
public final class StationHttp {

  public record Response(int status, String text, JsonNode json, java.net.http.HttpHeaders headers) {
    public Response(int status, String text, JsonNode json) {
      this(status, text, json, java.net.http.HttpHeaders.of(java.util.Map.of(), (name, value) -> true));
    }

    /** The response header's value, or null when the response has none. */
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String authorization;

  private StationHttp(String base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  public static StationHttp anonymous(int port) {
    return new StationHttp("http://127.0.0.1:" + port, null);
  }

  public static StationHttp as(int port, String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new StationHttp("http://127.0.0.1:" + port, "Basic " + token);
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, String jsonBody) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
  }

  /** A JSON POST with extra headers, given as name, value, name, value, … */
  public Response post(String path, String jsonBody, String... nameValuePairs) {
    HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      builder.header(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return send(builder);
  }

  public Response put(String path, String jsonBody) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(jsonBody)));
  }

  public Response postRaw(String path, String contentType, String body) {
    HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(builder);
  }

  /** Any method, with a JSON body or none. */
  public Response send(String method, String path, String jsonBody) {
    HttpRequest.Builder builder = request(path).method(method, jsonBody == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (jsonBody != null) {
      builder.header("Content-Type", "application/json");
    }
    return send(builder);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private static Response send(HttpRequest.Builder builder) {
    try {
      HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      if (!response.body().isBlank()) {
        try {
          json = JSON.readTree(response.body());
        } catch (IOException notJson) {
          json = null;
        }
      }
      return new Response(response.statusCode(), response.body(), json, response.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
