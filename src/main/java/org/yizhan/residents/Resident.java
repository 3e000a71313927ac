package org.yizhan.residents;

import java.time.LocalDate;
import java.time.Period;
import java.util.Set;

/**
 * A resident's file in the registry. Name, phone and address are personal data: they never leave through public
 * endpoints.
 */
public record Resident(String id, String name, String phone, String address, String buildingId, String buildingName,
    String gridId, String gridName, LocalDate birthDate, Set<ResidentTag> tags) {

  public boolean has(ResidentTag tag) {
    return tags.contains(tag);
  }

  /** Age in whole years on the given day, or null when the birth date is not known. */
  public Integer ageOn(LocalDate day) {
    return birthDate == null ? null : Period.between(birthDate, day).getYears();
  }

  /** Where the resident lives at the level of detail everybody on the task may see (no flat number). */
  public String neighbourhood() {
    return buildingName + " · " + gridName;
  }
}
