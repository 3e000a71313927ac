package org.yizhan.platform.security;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * What the request firewall accepts as the body of a request to the APIs: JSON that is strictly valid UTF-8, or a
 * multipart upload (Modeler's deployments), each within a size bound, with no content encoding.
 *
 * <p>Jackson, which the engine reads bodies with, detects UTF-16 and UTF-32 by itself, and a lenient UTF-8 decoder may
 * turn an overlong byte sequence into a character it would otherwise have refused; so a body that reads one way here
 * could read another way in the engine. Decoding with {@link CodingErrorAction#REPORT} and parsing the decoded text
 * leaves only one reading: UTF-16 and UTF-32 bodies decode to text full of NUL characters, which is not JSON.
 */
final class RequestBodyRules {

  static final int MAX_JSON_BYTES = 1024 * 1024;
  static final int MAX_MULTIPART_BYTES = 10 * 1024 * 1024;

  /** How the firewall treats a body, by its content type. */
  enum Kind {
    /** Read, checked as UTF-8 JSON, and handed on. */
    JSON(MAX_JSON_BYTES),
    /** Read within its bound and handed on; its parts are the engine's to read. */
    MULTIPART(MAX_MULTIPART_BYTES),
    /** Left to the servlet: forms (the webapps' login) are read by the container as parameters. */
    OTHER(0);

    final int maxBytes;

    Kind(int maxBytes) {
      this.maxBytes = maxBytes;
    }
  }

  /** A request's content type could not be read, or names a charset other than UTF-8 for JSON. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  /**
   * Also refuses a key that appears twice in one object: parsers disagree on which one counts (Jackson takes the last),
   * so {@code {"residentId": "R-0001", "residentId": null}} would mean one thing to a check and another to the API.
   */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private RequestBodyRules() {}

  /** Refuses any content encoding but identity: a compressed body would pass every check here unread. */
  static Optional<String> contentEncodingProblem(String contentEncoding) {
    if (contentEncoding == null || contentEncoding.isBlank()
        || contentEncoding.trim().equalsIgnoreCase("identity")) {
      return Optional.empty();
    }
    return Optional.of("请求体不能压缩或另行编码 (Send the request body without Content-Encoding; '"
        + abbreviate(contentEncoding) + "' is not accepted)");
  }

  /** The kind of body a content type announces; JSON also when there is none, as the engine then reads JSON. */
  static Kind kindOf(String contentType) throws Refused {
    if (contentType == null || contentType.isBlank()) {
      return Kind.JSON;
    }
    MediaType type;
    try {
      type = MediaType.parseMediaType(contentType);
    } catch (InvalidMediaTypeException unreadable) {
      throw new Refused("无法识别请求的内容类型 (The Content-Type '" + abbreviate(contentType)
          + "' cannot be read; send application/json)");
    }
    if (type.getType().equals("multipart")) {
      return Kind.MULTIPART;
    }
    String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
    boolean json = type.getType().equals("application") && subtype.equals("json") || subtype.endsWith("+json");
    if (!json) {
      return Kind.OTHER;
    }
    String charset = type.getParameter("charset");
    if (charset != null && !unquote(charset).equalsIgnoreCase("UTF-8")) {
      throw new Refused("请求体必须使用 UTF-8 编码 (JSON must be sent as UTF-8; the Content-Type names the charset '"
          + abbreviate(charset) + "')");
    }
    return Kind.JSON;
  }

  /** What is wrong with a JSON body, if anything. An empty body is no JSON and left to the engine. */
  static Optional<String> jsonProblem(byte[] body) {
    if (body.length == 0) {
      return Optional.empty();
    }
    String text;
    try {
      text = strictUtf8(body);
    } catch (CharacterCodingException notUtf8) {
      return Optional.of("请求体不是有效的 UTF-8 (The request body is not valid UTF-8; send JSON encoded as UTF-8, "
          + "without a byte order mark in UTF-16 or UTF-32)");
    }
    try {
      JSON.readTree(text);
      return Optional.empty();
    } catch (JsonProcessingException notJson) {
      return Optional.of("请求体不是有效的 JSON (The request body is not valid JSON: "
          + abbreviate(notJson.getOriginalMessage()) + ", at line " + notJson.getLocation().getLineNr()
          + ", column " + notJson.getLocation().getColumnNr() + ")");
    }
  }

  static String tooLarge(Kind kind) {
    return "请求体过大 (The request body is larger than " + kind.maxBytes / 1024 / 1024 + " MiB, the most the station "
        + "accepts for " + (kind == Kind.MULTIPART ? "a deployment" : "JSON") + ")";
  }

  private static String strictUtf8(byte[] body) throws CharacterCodingException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    return decoder.decode(ByteBuffer.wrap(body)).toString();
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
        ? value.substring(1, value.length() - 1) : value;
  }

  static String abbreviate(String text) {
    String printable = text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 120 ? printable : printable.substring(0, 117) + "...";
  }
}
