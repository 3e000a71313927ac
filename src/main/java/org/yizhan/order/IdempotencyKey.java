package org.yizhan.order;

import java.util.List;

import org.yizhan.platform.web.ApiException;

/**
 * The {@code Idempotency-Key} header of {@code POST /api/orders}: a value the client makes up once per order it means
 * to place (a UUID, say) and sends again with every retry of that same order. A header rather than a body field,
 * because it says how to treat the request, not what the order is: it stays out of the order's fingerprint, the
 * request body keeps its shape, and it is the convention clients and proxies know (Stripe, the IETF httpapi draft
 * "The Idempotency-Key HTTP Header Field").
 *
 * @param value the key as sent: 1–100 printable ASCII characters
 */
record IdempotencyKey(String value) {

  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED_HEADER = "Idempotent-Replayed";
  static final int MAX_LENGTH = 100;

  /** The key the request carries, or null when it carries none (then the order is placed as without keys). */
  static IdempotencyKey from(List<String> headerValues) {
    if (headerValues == null || headerValues.isEmpty()) {
      return null;
    }
    if (headerValues.size() > 1) {
      throw refused("只能发送一个 Idempotency-Key 请求头 (Send one Idempotency-Key header, not "
          + headerValues.size() + ")");
    }
    String value = headerValues.get(0);
    if (value == null || value.isEmpty()) {
      throw refused("Idempotency-Key 不能为空；不需要时请不要发送此请求头 (Idempotency-Key must not be empty; "
          + "leave the header out if you do not use one)");
    }
    if (value.length() > MAX_LENGTH) {
      throw refused("Idempotency-Key 最多 " + MAX_LENGTH + " 个字符，现在是 " + value.length() + " 个 (Idempotency-Key may be "
          + "at most " + MAX_LENGTH + " characters, not " + value.length() + "; a UUID has 36)");
    }
    for (int at = 0; at < value.length(); at++) {
      char c = value.charAt(at);
      if (c < 0x20 || c > 0x7E) {
        throw refused("Idempotency-Key 只能包含可打印的 ASCII 字符（字母、数字、标点），第 " + (at + 1) + " 个字符不是 "
            + "(Idempotency-Key may hold only printable ASCII characters — letters, digits, punctuation; character "
            + (at + 1) + " is not one; a UUID is a good key)");
      }
    }
    return new IdempotencyKey(value);
  }

  private static ApiException refused(String message) {
    return ApiException.badInput(HEADER, message);
  }
}
