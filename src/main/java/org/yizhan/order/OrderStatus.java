package org.yizhan.order;

/** Where an order stands; the public sees it too. */
public enum OrderStatus {
  PLACED,
  ACCEPTED,
  PROCURING,
  READY,
  OUT_FOR_DELIVERY,
  COMPLETED,
  CANCELLED,
  REJECTED;

  public boolean isClosed() {
    return this == COMPLETED || this == CANCELLED || this == REJECTED;
  }
}
