package org.yizhan.delivery;

public enum DeliveryStatus {
  OPEN,
  DELIVERED,
  REFUSED,
  RETURNED
}
