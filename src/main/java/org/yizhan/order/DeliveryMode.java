package org.yizhan.order;

/** How the order reaches the resident: collected at the station, or carried to the door. */
public enum DeliveryMode {
  PICKUP("到站自取 (Collected at the station)"),
  DOORSTEP("送货上门 (Carried to the door)");

  private final String label;

  DeliveryMode(String label) {
    this.label = label;
  }

  /** The hand-over in words, as task cards and forms show it; the constant itself never shows to people. */
  public String label() {
    return label;
  }
}
