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

/**
 * The filters everybody starts with read Chinese first, also on a database made when they read English first, and show
 * the hand-over in words, also where a filter of an earlier version showed it raw.
 */
@StationTest
class StationFiltersTest {

  @Autowired FilterService filters;
  @Autowired StationAccess access;
  @Autowired IdentityService identity;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;

  @Test
  void filtersAreChineseFirst() {
    assertThat(filters.createFilterQuery().list()).extracting(Filter::getName)
        .contains("本组待办 (My group's open tasks)", "我认领的 (Claimed by me)", "已超时 (Overdue)")
        .doesNotContain("My group's open tasks (本组待办)", "Claimed by me (我认领的)", "Overdue (已超时)");
    Filter open = filters.createFilterQuery().filterName("本组待办 (My group's open tasks)").singleResult();
    assertThat(open.getProperties().get("description"))
        .isEqualTo("本组尚未认领的任务 (Tasks offered to your groups that nobody has claimed yet)");
    assertThat(labels(open)).containsExactly("订单号 (Order)", "片区 (Area)", "交付方式 (Hand-over)",
        "配送单号 (Delivery)", "案件号 (Case)", "要供的货 (To supply)");
    assertThat(names(open)).as("the hand-over in words, never DOORSTEP")
        .containsExactly("orderNo", "residentArea", "handOverText", "deliveryNo", "caseNo", "supplyText");
  }

  @Test
  void aFilterStillShowingTheRawHandOverShowsItInWordsInPlaceAndOtherFiltersAreLeftAlone() {
    Filter mine = filters.createFilterQuery().filterName("我认领的 (Claimed by me)").singleResult();
    Map<String, Object> original = new LinkedHashMap<>(mine.getProperties());
    // As the station saved its filters before the hand-over was worded.
    Map<String, Object> former = new LinkedHashMap<>(mine.getProperties());
    former.put("variables", List.of(Map.of("name", "orderNo", "label", "订单号 (Order)"),
        Map.of("name", "residentArea", "label", "片区 (Area)"), Map.of("name", "deliveryMode", "label", "交付方式 (Hand-over)"),
        Map.of("name", "deliveryNo", "label", "配送单号 (Delivery)"), Map.of("name", "caseNo", "label", "案件号 (Case)")));
    filters.saveFilter(mine.setProperties(former));
    // A manager's own filter: its own choice of card variables, the raw hand-over among them.
    Filter managers = filters.newTaskFilter("送货上门的 (Doorstep ones)").setOwner("chen.jing")
        .setQuery(engineTaskQuery()).setProperties(new LinkedHashMap<>(Map.of("variables", List.of(
            Map.of("name", "deliveryMode", "label", "Mode"), Map.of("name", "note", "label", "备注 (Note)")))));
    filters.saveFilter(managers);
    Filter untouched = filters.newTaskFilter("只看案件 (Cases only)").setOwner("chen.jing").setQuery(engineTaskQuery())
        .setProperties(new LinkedHashMap<>(Map.of("variables", List.of(Map.of("name", "caseNo", "label", "案件")))));
    filters.saveFilter(untouched);
    try {
      access.run(new DefaultApplicationArguments());

      Filter after = filters.getFilter(mine.getId());
      assertThat(after.getName()).isEqualTo("我认领的 (Claimed by me)");
      assertThat(names(after)).containsExactly("orderNo", "residentArea", "handOverText", "deliveryNo", "caseNo",
          "supplyText");
      assertThat(labels(after)).containsExactly("订单号 (Order)", "片区 (Area)", "交付方式 (Hand-over)",
          "配送单号 (Delivery)", "案件号 (Case)", "要供的货 (To supply)");
      assertThat(after.getProperties()).containsEntry("priority", -5).containsEntry("color", "#1565c0");
      assertThat(names(filters.getFilter(managers.getId()))).containsExactly("handOverText", "note", "supplyText");
      assertThat(names(filters.getFilter(untouched.getId()))).containsExactly("caseNo");

      access.run(new DefaultApplicationArguments());
      assertThat(names(filters.getFilter(mine.getId()))).as("a second start changes nothing more")
          .containsExactly("orderNo", "residentArea", "handOverText", "deliveryNo", "caseNo", "supplyText");
    } finally {
      filters.saveFilter(filters.getFilter(mine.getId()).setProperties(original));
      filters.deleteFilter(managers.getId());
      filters.deleteFilter(untouched.getId());
    }
  }

  private org.camunda.bpm.engine.task.TaskQuery engineTaskQuery() {
    return engine.getTaskService().createTaskQuery().taskAssigneeExpression("${currentUser()}");
  }

  private static List<Object> names(Filter filter) {
    return ((List<?>) filter.getProperties().get("variables")).stream().map(v -> (Object) ((Map<?, ?>) v).get("name"))
        .toList();
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
