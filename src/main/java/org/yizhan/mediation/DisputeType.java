package org.yizhan.mediation;

/** What neighbours fall out over. */
public enum DisputeType {
  NOISE("噪音 (Noise)"),
  CLUTTER("楼道堆物 (Clutter in the stairwell)"),
  PARKING("停车 (Parking)"),
  PROPERTY_FEES("物业费 (Property fees)"),
  WATER_LEAK("漏水 (Water leak)"),
  FAMILY("家庭纠纷 (Family matter)"),
  OTHER("其他 (Other)");

  private final String label;

  DisputeType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
