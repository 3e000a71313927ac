package org.yizhan.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;

/** A 400 in the shape the engine's REST API uses, so Tasklist and Modeler show its message as they show the engine's. */
public final class EngineStyleError {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineStyleError() {}

  public static void badRequest(HttpServletResponse response, String message) throws IOException {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(JSON.writeValueAsString(Map.of("type", "InvalidRequestException", "message", message)));
  }
}
