package org.yizhan.platform.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yizhan.StationTest;
import org.yizhan.platform.security.StationGroups;
import org.yizhan.platform.security.StationPermissions;

@StationTest
class DemoSeedLoaderIT {

  @Autowired DemoSeedLoader loader;
  @Autowired JdbcClient jdbc;
  @Autowired IdentityService identity;

  @Test
  void everyGroupHasAtLeastTwoDemoUsersWhoSignInWithDemo() {
    for (String group : new StationPermissions().groupsAllowed("task.work")) {
      assertThat(identity.createUserQuery().memberOfGroup(group).count()).as(group).isGreaterThanOrEqualTo(2);
    }
    assertThat(identity.createUserQuery().memberOfGroup(StationGroups.ADMINS).count()).isGreaterThanOrEqualTo(2);
    assertThat(identity.checkPassword("li.qiang", "demo")).isTrue();
  }

  @Test
  void registryHoldsAMobilityLimitedResidentLivingAloneAndAnOrdinaryOne() {
    assertThat(jdbc.sql("""
        select count(*) from resident r
        where exists (select 1 from resident_tag t where t.resident_id = r.id and t.tag = 'MOBILITY_LIMITED')
          and exists (select 1 from resident_tag t where t.resident_id = r.id and t.tag = 'LIVING_ALONE')""")
        .query(Integer.class).single()).isPositive();
    assertThat(jdbc.sql("select count(*) from resident r where not exists (select 1 from resident_tag t where t.resident_id = r.id)")
        .query(Integer.class).single()).isPositive();
  }

  @Test
  void secondStartLoadsNothingTwice() throws Exception {
    int residents = count("resident");
    int catalog = count("catalog_item");
    long users = identity.createUserQuery().count();

    loader.run(null);

    assertThat(count("resident")).isEqualTo(residents);
    assertThat(count("catalog_item")).isEqualTo(catalog);
    assertThat(identity.createUserQuery().count()).isEqualTo(users);
  }

  private int count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
  }
}
