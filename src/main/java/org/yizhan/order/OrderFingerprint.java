package org.yizhan.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an order request asks for, as a SHA-256 hex digest: the same for the same order however its JSON was spelled
 * (spacing, field order, a field left out or sent as null), different when anything the order would hold differs —
 * the resident as typed, each line's item and quantity in their order, the hand-over preference, the note. A retry
 * with a key already used is compared by it.
 */
final class OrderFingerprint {

  private OrderFingerprint() {}

  static String of(OrderRequest request) {
    StringBuilder canonical = new StringBuilder();
    field(canonical, request.residentId());
    if (request.items() == null) {
      canonical.append('-');
    } else {
      canonical.append(request.items().size()).append(':');
      for (OrderRequest.Line line : request.items()) {
        if (line == null) {
          canonical.append('~');
          continue;
        }
        field(canonical, line.sku());
        field(canonical, line.quantity() == null ? null : line.quantity().toString());
      }
    }
    field(canonical, request.deliveryPreference() == null ? null : request.deliveryPreference().name());
    field(canonical, request.note());
    return sha256(canonical.toString());
  }

  /** Length-prefixed, so that no two different sets of values run together into the same text. */
  private static void field(StringBuilder canonical, String value) {
    if (value == null) {
      canonical.append('-');
    } else {
      canonical.append(value.length()).append(':').append(value);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
