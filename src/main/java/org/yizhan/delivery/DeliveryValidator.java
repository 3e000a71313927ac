package org.yizhan.delivery;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.yizhan.residents.ResidentLookup;

/**
 * What a delivery may be asked with, checked where a delivery starts ("Prepare delivery", whoever started it) and, for
 * a round, once for the round. Each rule refuses with the field at fault and words a station manager can act on.
 */
final class DeliveryValidator {

  static final int MAX_NOTE = 500;

  private DeliveryValidator() {}

  /** The resident's number as sent, trimmed; refused when missing or longer than any number. */
  static String residentId(Object sent) {
    String residentId = sent == null ? "" : sent.toString().strip();
    if (residentId.isEmpty()) {
      throw new DeliveryRefusedException(DeliveryProcess.RESIDENT_ID,
          "请填写居民台账中的居民编号，如 R-0001 (Enter the resident's number from the registry, e.g. R-0001)");
    }
    if (residentId.length() > ResidentLookup.MAX_LENGTH) {
      throw new DeliveryRefusedException(DeliveryProcess.RESIDENT_ID, "居民编号最多 " + ResidentLookup.MAX_LENGTH
          + " 个字，如 R-0001 (A resident's number has at most " + ResidentLookup.MAX_LENGTH + " characters, e.g. R-0001)");
    }
    return residentId;
  }

  static DeliveryRefusedException unknownResident(String residentId) {
    return new DeliveryRefusedException(DeliveryProcess.RESIDENT_ID, "居民台账中没有 " + residentId
        + "，请先查一下编号 (There is no resident " + residentId + " in the registry; look the number up first)");
  }

  /** What is delivered; refused when missing or not one of the kinds. */
  static DeliveryKind kind(Object sent) {
    String kind = sent == null ? "" : sent.toString().strip();
    if (kind.isEmpty()) {
      throw new DeliveryRefusedException(DeliveryProcess.KIND, "请选择配送内容 (Say what is delivered: " + kinds() + ")");
    }
    try {
      return DeliveryKind.valueOf(kind);
    } catch (IllegalArgumentException unknown) {
      throw new DeliveryRefusedException(DeliveryProcess.KIND, "配送内容只能是 " + kinds().replace(", ", "、")
          + " (What is delivered must be one of " + kinds() + ")");
    }
  }

  /** The note as sent (null when none was); refused when longer than a note may be. */
  static String note(Object sent) {
    String note = sent == null ? null : sent.toString();
    if (note != null && note.length() > MAX_NOTE) {
      throw new DeliveryRefusedException(DeliveryProcess.NOTE, "备注最多 " + MAX_NOTE + " 个字 (The note may be at most "
          + MAX_NOTE + " characters)");
    }
    return note;
  }

  private static String kinds() {
    return Arrays.stream(DeliveryKind.values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
