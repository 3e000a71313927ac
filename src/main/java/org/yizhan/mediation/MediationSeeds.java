package org.yizhan.mediation;

import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.yizhan.platform.security.IdentitySeeds;
import org.yizhan.platform.security.StationGroups;
import org.yizhan.platform.seeds.DemoSeeds;

/** Who mediates in the demo station: each building's heads, each grid's workers and the partner bodies' staff. */
@Component
@Order(20)
class MediationSeeds implements DemoSeeds {

  record PartnerGroupSeed(String id, String name) {}

  record PartnerSeed(String id, String firstName, String lastName, String group) {}

  record MediatorsSeed(Map<String, List<String>> buildingHeads, Map<String, List<String>> gridWorkers,
      List<PartnerGroupSeed> partnerGroups, List<PartnerSeed> partners) {}

  private final IdentitySeeds identity;

  MediationSeeds(IdentitySeeds identity) {
    this.identity = identity;
  }

  @Override
  public List<SeedFile> files() {
    return List.of(new SeedFile("mediators.yaml", files -> load(files.readOne("mediators.yaml", MediatorsSeed.class))));
  }

  private void load(MediatorsSeed seed) {
    seed.buildingHeads().forEach((building, users) -> identity.members(StationGroups.buildingHeads(building),
        building + "楼栋长 (Building heads of " + building + ")", users));
    seed.gridWorkers().forEach((grid, users) -> identity.members(StationGroups.gridWorkers(grid),
        grid + "网格员 (Grid workers of " + grid + ")", users));
    seed.partnerGroups().forEach(group -> identity.members(group.id(), group.name(), List.of()));
    seed.partners().forEach(partner -> identity.user(partner.id(), partner.firstName(), partner.lastName(),
        List.of(partner.group())));
  }
}
