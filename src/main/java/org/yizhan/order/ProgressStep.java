package org.yizhan.order;

import java.util.Arrays;
import java.util.List;

/**
 * The steps of an order's progress (the order's timeline, shown on the residents' page but for
 * PublicOrderController's internal ones). Models record most of them with {@code progress.step}; the few the station's
 * own code records are not for models, which would record them a second time.
 */
public enum ProgressStep {
  PLACED(true),
  HAND_OVER_DECIDED(true),
  ACCEPTED(false),
  ACCEPT_OVERDUE(false),
  REJECTED(false),
  PROCURING(false),
  STOCK_CONFIRMED(false),
  PRICE_AGREED(true),
  GOODS_ARRIVED(false),
  GOODS_CHECKED(false),
  GOODS_RETURNED(false),
  SERVICE_SCHEDULED(false),
  READY(false),
  OUT_FOR_DELIVERY(false),
  HANDED_OVER(false),
  PICKUP_REMINDER(false),
  COMPLETED(false),
  CANCELLED(false);

  private final boolean recordedByTheStation;

  ProgressStep(boolean recordedByTheStation) {
    this.recordedByTheStation = recordedByTheStation;
  }

  /** The steps a model may record (all but those the station records itself). */
  public static List<ProgressStep> forModels() {
    return Arrays.stream(values()).filter(step -> !step.recordedByTheStation).toList();
  }
}
