package org.yizhan.mediation;

/** What neighbours fall out over. */
public enum DisputeType {
  NOISE("Noise (噪音)"),
  CLUTTER("Clutter in the stairwell (楼道堆物)"),
  PARKING("Parking (停车)"),
  PROPERTY_FEES("Property fees (物业费)"),
  WATER_LEAK("Water leak (漏水)"),
  FAMILY("Family matter (家庭纠纷)"),
  OTHER("Other (其他)");

  private final String label;

  DisputeType(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
