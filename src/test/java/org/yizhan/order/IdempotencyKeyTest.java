package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yizhan.platform.web.ApiException;

/** The Idempotency-Key header: absent is fine, present must be 1–100 printable ASCII characters, sent once. */
class IdempotencyKeyTest {

  @Test
  void noHeaderMeansNoKey() {
    assertThat(IdempotencyKey.from(null)).isNull();
    assertThat(IdempotencyKey.from(List.of())).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "3f1c2d9e-7b7a-4c53-9a39-0b1f1f0f2b1e", "order 42 / desk #2", "~!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}"})
  void printableAsciiKeysAreTakenAsSent(String value) {
    assertThat(IdempotencyKey.from(List.of(value)).value()).isEqualTo(value);
  }

  @Test
  void aKeyMayHaveOneHundredCharactersButNotMore() {
    assertThat(IdempotencyKey.from(List.of("k".repeat(100))).value()).hasSize(100);
    assertRefused(List.of("k".repeat(101)), "最多 100 个字符");
  }

  @ParameterizedTest
  @ValueSource(strings = {"订单1", "café", "a\tb", "a\u0000b", "a\u001fb", "a\u007fb", "a\u0085b", "a\u00a0b", "emoji\ud83d\ude00"})
  void keysWithCharactersOutsidePrintableAsciiAreRefused(String value) {
    assertRefused(List.of(value), "只能包含可打印的 ASCII 字符");
  }

  @Test
  void anEmptyKeyIsRefused() {
    assertRefused(List.of(""), "不能为空");
  }

  @Test
  void twoKeysAreRefused() {
    assertRefused(List.of("one", "two"), "只能发送一个");
    assertRefused(List.of("same", "same"), "只能发送一个");
  }

  private static void assertRefused(List<String> headerValues, String chinese) {
    assertThatThrownBy(() -> IdempotencyKey.from(headerValues))
        .isInstanceOfSatisfying(ApiException.class, refused -> {
          assertThat(refused.status().value()).isEqualTo(400);
          assertThat(refused.field()).isEqualTo("Idempotency-Key");
          assertThat(refused.getMessage()).contains(chinese).contains("(").endsWith(")");
        });
  }
}
