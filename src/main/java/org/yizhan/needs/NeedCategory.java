package org.yizhan.needs;

/**
 * What residents ask for on their doorsteps. Needs that the catalog already serves become an order in one action;
 * the rest are counted, which is how medicine purchase and parcel collection became services.
 */
public enum NeedCategory {
  MEDICINE("SVC-MEDICINE"),
  PARCEL("SVC-PARCEL"),
  HAIRCUT("SVC-HAIRCUT"),
  REPAIR("SVC-REPAIR"),
  PENSION_CERTIFICATION("SVC-PENSION-CERT"),
  GROCERIES(null),
  HOUSEHOLD_HELP(null),
  HEALTH_CHECK(null),
  ASSISTIVE_DEVICE(null),
  OTHER(null);

  private final String serviceSku;

  NeedCategory(String serviceSku) {
    this.serviceSku = serviceSku;
  }

  /** The catalog service that answers this need, or null when the station has none yet. */
  public String serviceSku() {
    return serviceSku;
  }
}
