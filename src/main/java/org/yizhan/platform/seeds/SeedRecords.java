package org.yizhan.platform.seeds;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The shapes of the seed files. */
final class SeedRecords {

  private SeedRecords() {}

  record GroupSeed(String id, String name) {}

  record UserSeed(String id, String firstName, String lastName, List<String> groups) {}

  record BuildingSeed(String id, String name) {}

  record GridSeed(String id, String name, List<BuildingSeed> buildings) {}

  record ResidentSeed(String id, String name, String phone, String address, String building, LocalDate birthDate,
      List<String> tags) {}

  record GridVolunteersSeed(String grid, List<String> volunteers) {}

  record PartnerSeed(String id, String firstName, String lastName, String group) {}

  record MediatorsSeed(Map<String, List<String>> buildingHeads, Map<String, List<String>> gridWorkers,
      List<GroupSeed> partnerGroups, List<PartnerSeed> partners) {}

  record CatalogSeed(String sku, String kind, String name, String brand, String unit, BigDecimal unitPrice,
      String merchantId, int maxQuantity, Boolean active) {}

  record MerchantSeed(String id, String name, List<String> users) {}
}
