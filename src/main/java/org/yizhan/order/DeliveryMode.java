package org.yizhan.order;

/** How the order reaches the resident: collected at the station, or carried to the door. */
public enum DeliveryMode {
  PICKUP,
  DOORSTEP
}
