package org.yizhan.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte on a socket, so that the server receives exactly the spelling a test means (a
 * backslash, {@code ..}, a matrix parameter, a body in UTF-16) where an HTTP client library would refuse or tidy it.
 */
public final class RawHttp {

  public record Response(int status, String body) {}

  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  /** Sends one request; the headers given are sent as they are, after Host, Content-Length and Connection: close. */
  public Response send(String method, String rawPath, Map<String, String> headers, byte[] body) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Host", "127.0.0.1:" + port);
    all.put("Connection", "close");
    if (body != null) {
      all.put("Content-Length", String.valueOf(body.length));
    }
    all.putAll(headers);
    StringBuilder head = new StringBuilder(method).append(' ').append(rawPath).append(" HTTP/1.1\r\n");
    all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        socket.getOutputStream().write(body);
      }
      socket.getOutputStream().flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Response parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int headEnd = text.indexOf("\r\n\r\n");
    if (headEnd < 0) {
      throw new IOException("No HTTP response: " + text);
    }
    String head = text.substring(0, headEnd);
    int status = Integer.parseInt(head.substring(9, 12));
    byte[] body = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
    if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
      body = unchunk(body);
    }
    return new Response(status, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] unchunk(byte[] chunked) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = new java.io.ByteArrayInputStream(chunked);
    while (true) {
      StringBuilder size = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\n') {
        if (c != '\r') {
          size.append((char) c);
        }
      }
      int length = size.isEmpty() ? 0 : Integer.parseInt(size.toString().split(";")[0].trim(), 16);
      if (length == 0) {
        return out.toByteArray();
      }
      out.write(in.readNBytes(length));
      in.readNBytes(2);
    }
  }
}
