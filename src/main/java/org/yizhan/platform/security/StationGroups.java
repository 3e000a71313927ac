package org.yizhan.platform.security;

/** The group ids the models' candidate groups name. Users and further groups are managed in Camunda Admin. */
public final class StationGroups {

  public static final String VOLUNTEERS = "station-volunteers";
  public static final String MANAGERS = "station-managers";
  public static final String MERCHANTS = "merchants";
  public static final String BUILDING_HEADS = "building-heads";
  public static final String GRID_WORKERS = "grid-workers";
  public static final String MEDIATION_COMMITTEE = "mediation-committee";
  public static final String GOVERNANCE_CENTRE = "governance-centre";
  public static final String ADMINS = "camunda-admin";

  /** The group of volunteers living in or covering a grid; doorstep deliveries go to it first. */
  public static String gridVolunteers(String gridId) {
    return "grid-" + gridId.toLowerCase(java.util.Locale.ROOT) + "-volunteers";
  }

  public static final String POLICE_STATION = "police-station";
  public static final String JUDICIAL_OFFICE = "judicial-office";
  public static final String PEOPLES_COURT = "peoples-court";

  /** The building heads of one building: level 1 of mediation for disputes in it. */
  public static String buildingHeads(String buildingId) {
    return "building-" + buildingId.toLowerCase(java.util.Locale.ROOT) + "-heads";
  }

  /** The grid workers of one grid: level 2 of mediation. */
  public static String gridWorkers(String gridId) {
    return "grid-" + gridId.toLowerCase(java.util.Locale.ROOT) + "-workers";
  }

  private StationGroups() {}
}
