package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.yizhan.StationTest;

/** The filters everybody starts with read Chinese first, also on a database made when they read English first. */
@StationTest
class StationFiltersTest {

  @Autowired FilterService filters;
  @Autowired StationAccess access;
  @Autowired IdentityService identity;

  @Test
  void filtersAreChineseFirst() {
    assertThat(filters.createFilterQuery().list()).extracting(Filter::getName)
        .contains("本组待办 (My group's open tasks)", "我认领的 (Claimed by me)", "已超时 (Overdue)")
        .doesNotContain("My group's open tasks (本组待办)", "Claimed by me (我认领的)", "Overdue (已超时)");
    Filter open = filters.createFilterQuery().filterName("本组待办 (My group's open tasks)").singleResult();
    assertThat(open.getProperties().get("description"))
        .isEqualTo("本组尚未认领的任务 (Tasks offered to your groups that nobody has claimed yet)");
    assertThat(labels(open))
        .containsExactly("订单号 (Order)", "片区 (Area)", "交付方式 (Hand-over)", "配送单号 (Delivery)", "案件号 (Case)");
  }

  @Test
  void aFilterUnderItsFormerEnglishFirstNameIsRenamedInPlace() {
    Filter filter = filters.createFilterQuery().filterName("本组待办 (My group's open tasks)").singleResult();
    String id = filter.getId();
    long matching = countAsVolunteer(id);
    Map<String, Object> original = new LinkedHashMap<>(filter.getProperties());
    // As an earlier version of the station saved it, with a card variable a manager added by hand.
    Map<String, Object> former = new LinkedHashMap<>(filter.getProperties());
    former.put("description", "Tasks offered to your groups that nobody has claimed yet (本组尚未认领的任务)");
    former.put("variables", List.of(Map.of("name", "orderNo", "label", "Order (订单号)"),
        Map.of("name", "residentArea", "label", "Area (片区)"), Map.of("name", "note", "label", "Note (备注)")));
    filters.saveFilter(filter.setName("My group's open tasks (本组待办)").setProperties(former));

    access.run(new DefaultApplicationArguments());

    assertThat(filters.createFilterQuery().filterName("My group's open tasks (本组待办)").count()).isZero();
    List<Filter> renamed = filters.createFilterQuery().filterName("本组待办 (My group's open tasks)").list();
    assertThat(renamed).extracting(Filter::getId).containsExactly(id);
    Filter after = renamed.get(0);
    assertThat(countAsVolunteer(id)).as("the same query").isEqualTo(matching);
    assertThat(after.getOwner()).isEqualTo(StationAccess.FILTER_OWNER);
    assertThat(after.getProperties()).containsEntry("description",
        "本组尚未认领的任务 (Tasks offered to your groups that nobody has claimed yet)")
        .containsEntry("priority", -10).containsEntry("color", "#2f7d32");
    assertThat(labels(after))
        .containsExactly("订单号 (Order)", "片区 (Area)", "Note (备注)");

    // back to what a new database holds, for the other tests of this context
    filters.saveFilter(after.setProperties(original));
  }

  private static List<Object> labels(Filter filter) {
    return ((List<?>) filter.getProperties().get("variables")).stream().map(v -> (Object) ((Map<?, ?>) v).get("label"))
        .toList();
  }

  private long countAsVolunteer(String filterId) {
    identity.setAuthentication("wang.fang", List.of("station-volunteers"));
    try {
      return filters.count(filterId);
    } finally {
      identity.clearAuthentication();
    }
  }
}
