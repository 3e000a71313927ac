package org.yizhan.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money as people read it, wherever the station writes an amount for them: ¥93.00, never ¥93 or ¥93.5. */
public final class Money {

  private Money() {}

  public static String text(BigDecimal amount) {
    return "¥" + amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
