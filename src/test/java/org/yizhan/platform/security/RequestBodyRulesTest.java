package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yizhan.platform.security.RequestBodyRules.Kind;

class RequestBodyRulesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
      none                                     | JSON
      application/json                         | JSON
      application/json; charset=UTF-8          | JSON
      application/json;charset="utf-8"         | JSON
      application/hal+json                     | JSON
      multipart/form-data; boundary=x          | MULTIPART
      application/x-www-form-urlencoded        | OTHER
      text/plain                               | OTHER
      """)
  void kindFollowsTheContentType(String contentType, Kind kind) throws RequestBodyRules.Refused {
    assertThat(RequestBodyRules.kindOf(contentType)).isEqualTo(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json; charset=UTF-16", "application/json; charset=utf-32",
      "application/json; charset=ISO-8859-1", "application/hal+json; charset=UTF-16LE", "not a type"})
  void jsonInAnotherCharsetOrAnUnreadableTypeIsRefused(String contentType) {
    assertThatThrownBy(() -> RequestBodyRules.kindOf(contentType)).isInstanceOf(RequestBodyRules.Refused.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      overlong dot      | 7B2278223A2277C0AE66227D
      overlong NUL      | 7B2278223A2277C08066227D
      three-byte overlong slash | 7B2278223A2277E080AF66227D
      lone continuation | 7B2278223A227780227D
      encoded surrogate | 7B2278223A2277EDA08066227D
      UTF-16LE          | 7B002200780022003A0031007D00
      UTF-16BE with BOM | FEFF007B00220078002200 3A0031007D
      UTF-32BE          | 0000007B00000031 0000007D
      not JSON          | 783D31
      two values        | 7B7D7B7D
      a key twice       | 7B2278223A312C2278223A6E756C6C7D
      a nested key twice | 7B2261223A7B2278223A312C2278223A327D7D
      """)
  void badJsonIsRefused(String description, String hex) {
    byte[] body = HexFormat.of().parseHex(hex.replace(" ", ""));

    assertThat(RequestBodyRules.jsonProblem(body)).as(description).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"userId\": \"王芳\"}", "[1, 2]", "{\"note\": \"\\u0000\"}"})
  void utf8JsonPasses(String json) {
    assertThat(RequestBodyRules.jsonProblem(json.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "deflate", "br", "gzip, identity"})
  void anyContentEncodingButIdentityIsRefused(String encoding) {
    assertThat(RequestBodyRules.contentEncodingProblem(encoding)).isPresent();
    assertThat(RequestBodyRules.contentEncodingProblem("identity")).isEmpty();
    assertThat(RequestBodyRules.contentEncodingProblem(null)).isEmpty();
  }
}
