package org.yizhan.platform.seeds;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.yizhan.catalog.Merchant;
import org.yizhan.catalog.MerchantRepository;
import org.yizhan.platform.StartupWork;
import org.yizhan.platform.YizhanProperties;
import org.yizhan.platform.security.StationGroups;
import org.yizhan.platform.seeds.SeedRecords.CatalogSeed;
import org.yizhan.platform.seeds.SeedRecords.GridSeed;
import org.yizhan.platform.seeds.SeedRecords.GridVolunteersSeed;
import org.yizhan.platform.seeds.SeedRecords.GroupSeed;
import org.yizhan.platform.seeds.SeedRecords.MediatorsSeed;
import org.yizhan.platform.seeds.SeedRecords.MerchantSeed;
import org.yizhan.platform.seeds.SeedRecords.PartnerSeed;
import org.yizhan.platform.seeds.SeedRecords.ResidentSeed;
import org.yizhan.platform.seeds.SeedRecords.UserSeed;

/**
 * Loads the demo station from {@code seeds/} once: each file is recorded in {@code seed_load} when loaded, so a
 * second start keeps what is there and loads nothing twice. Only in the demo profile (the prod profile switches
 * {@code yizhan.seeds.enabled} off and refuses to start with it on).
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "yizhan.seeds.enabled", havingValue = "true")
public class DemoSeedLoader implements ApplicationRunner {

  /** Every demo user but the administrator signs in with this password. */
  public static final String DEMO_PASSWORD = "demo";

  private static final Logger log = LoggerFactory.getLogger(DemoSeedLoader.class);

  private final IdentityService identityService;
  private final JdbcClient jdbc;
  private final SeedFiles files;
  private final MerchantRepository merchants;
  private final ApplicationEventPublisher events;

  public DemoSeedLoader(IdentityService identityService, JdbcClient jdbc, YizhanProperties properties,
      MerchantRepository merchants, ApplicationEventPublisher events) {
    this.identityService = identityService;
    this.jdbc = jdbc;
    this.merchants = merchants;
    this.events = events;
    this.files = new SeedFiles(Path.of(properties.seeds().dir()));
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    loadOnce("groups.yaml", this::loadGroups);
    loadOnce("users.yaml", this::loadUsers);
    loadOnce("merchants.yaml", this::loadMerchants);
    loadOnce("grids.yaml", this::loadGrids);
    loadOnce("residents.yaml", this::loadResidents);
    loadOnce("catalog.yaml", this::loadCatalog);
    loadOnce("canteen.yaml", this::loadCanteenList);
    loadOnce("grid-volunteers.yaml", this::loadGridVolunteers);
    loadOnce("mediators.yaml", this::loadMediators);
    // Counted by the readiness check once this transaction is committed (StartupWork).
    events.publishEvent(new StartupWork.Done(StartupWork.Step.SEEDS_LOADED));
  }

  private void loadOnce(String file, Runnable loader) {
    boolean loaded = jdbc.sql("select count(*) from seed_load where name = ?").param(file).query(Integer.class).single() > 0;
    if (loaded) {
      return;
    }
    loader.run();
    jdbc.sql("insert into seed_load (name, loaded_at) values (?, ?)").params(file, LocalDateTime.now()).update();
    log.info("Loaded demo data from seeds/{}", file);
  }

  private void loadGroups() {
    for (GroupSeed seed : files.read("groups.yaml", GroupSeed.class)) {
      if (identityService.createGroupQuery().groupId(seed.id()).count() == 0) {
        Group group = identityService.newGroup(seed.id());
        group.setName(seed.name());
        group.setType("WORKFLOW");
        identityService.saveGroup(group);
      }
    }
  }

  private void loadUsers() {
    files.read("users.yaml", UserSeed.class).forEach(this::loadUser);
  }

  private void loadUser(UserSeed seed) {
    if (identityService.createUserQuery().userId(seed.id()).count() == 0) {
      User user = identityService.newUser(seed.id());
      user.setFirstName(seed.firstName());
      user.setLastName(seed.lastName());
      user.setEmail(seed.id() + "@station.example");
      user.setPassword(DEMO_PASSWORD);
      identityService.saveUser(user);
    }
    for (String groupId : seed.groups()) {
      if (identityService.createUserQuery().userId(seed.id()).memberOfGroup(groupId).count() == 0) {
        identityService.createMembership(seed.id(), groupId);
      }
    }
  }


  private void loadGrids() {
    for (GridSeed grid : files.read("grids.yaml", GridSeed.class)) {
      jdbc.sql("insert into grid (id, name) values (?, ?)").params(grid.id(), grid.name()).update();
      grid.buildings().forEach(building -> jdbc.sql("insert into building (id, name, grid_id) values (?, ?, ?)")
          .params(building.id(), building.name(), grid.id()).update());
    }
  }

  private void loadResidents() {
    for (ResidentSeed resident : files.read("residents.yaml", ResidentSeed.class)) {
      jdbc.sql("insert into resident (id, name, phone, address, building_id, birth_date) values (?, ?, ?, ?, ?, ?)")
          .params(resident.id(), resident.name(), resident.phone(), resident.address(), resident.building(),
              resident.birthDate())
          .update();
      resident.tags().forEach(tag -> jdbc.sql("insert into resident_tag (resident_id, tag) values (?, ?)")
          .params(resident.id(), tag).update());
    }
  }

  private void loadCanteenList() {
    for (String residentId : files.read("canteen.yaml", String.class)) {
      jdbc.sql("insert into canteen_enrolment (resident_id, enrolled_at) values (?, ?)")
          .params(residentId, LocalDateTime.now()).update();
    }
  }

  private void loadGridVolunteers() {
    for (GridVolunteersSeed seed : files.read("grid-volunteers.yaml", GridVolunteersSeed.class)) {
      String groupId = StationGroups.gridVolunteers(seed.grid());
      if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
        Group group = identityService.newGroup(groupId);
        group.setName(seed.grid() + "网格志愿者 (Volunteers of grid " + seed.grid() + ")");
        group.setType("WORKFLOW");
        identityService.saveGroup(group);
      }
      for (String userId : seed.volunteers()) {
        identityService.createMembership(userId, groupId);
      }
    }
  }

  private void loadMediators() {
    MediatorsSeed seed = files.readOne("mediators.yaml", MediatorsSeed.class);
    seed.buildingHeads().forEach((building, users) -> addMembers(StationGroups.buildingHeads(building),
        building + "楼栋长 (Building heads of " + building + ")", users));
    seed.gridWorkers().forEach((grid, users) -> addMembers(StationGroups.gridWorkers(grid),
        grid + "网格员 (Grid workers of " + grid + ")", users));
    seed.partnerGroups().forEach(group -> addMembers(group.id(), group.name(), List.of()));
    for (PartnerSeed partner : seed.partners()) {
      loadUser(new UserSeed(partner.id(), partner.firstName(), partner.lastName(), List.of(partner.group())));
    }
  }

  private void addMembers(String groupId, String name, List<String> users) {
    if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
      Group group = identityService.newGroup(groupId);
      group.setName(name);
      group.setType("WORKFLOW");
      identityService.saveGroup(group);
    }
    for (String userId : users) {
      if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
        identityService.createMembership(userId, groupId);
      }
    }
  }

  private void loadMerchants() {
    for (MerchantSeed seed : files.read("merchants.yaml", MerchantSeed.class)) {
      String groupId = Merchant.groupOf(seed.id());
      merchants.addIfMissing(new Merchant(seed.id(), seed.name(), groupId));
      addMembers(groupId, "Merchant " + seed.name(), seed.users());
    }
  }

  private void loadCatalog() {
    for (CatalogSeed item : files.read("catalog.yaml", CatalogSeed.class)) {
      jdbc.sql("""
              insert into catalog_item (sku, kind, name, brand, unit, unit_price, merchant_id, max_quantity, active)
              values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(item.sku(), item.kind(), item.name(), item.brand(), item.unit(), item.unitPrice(), item.merchantId(),
              item.maxQuantity(), item.active() == null || item.active())
          .update();
    }
  }
}
