package org.yizhan.camunda.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

/** Task queries through the engine's Java API, the layer every REST path ends in. */
@StationTest
class QueryExpressionGuardTest {

  private static final String PROBE = "yizhan.query.probe";
  private static final String ATTACK = "${''.getClass().forName('java.lang.System').getMethod('setProperty', "
      + "''.getClass(), ''.getClass()).invoke(null, '" + PROBE + "', 'ran')}";

  @Autowired TaskService tasks;
  @Autowired FilterService filters;
  @Autowired IdentityService identity;

  @AfterEach
  void probeNeverRan() {
    identity.clearAuthentication();
    assertThat(System.getProperty(PROBE)).isNull();
  }

  @Test
  void adHocQueryWithAnExpressionInAnOrQueryIsRefused() {
    TaskQuery query = tasks.createTaskQuery().or().taskAssigneeExpression(ATTACK).taskUnassigned().endOr();

    assertThatThrownBy(query::list).isInstanceOf(UnsafeExpressionException.class)
        .hasMessageContaining("orQueries[0].taskAssignee");
    assertThatThrownBy(query::count).isInstanceOf(UnsafeExpressionException.class);
  }

  @Test
  void adHocQueryRefusesEvenTasklistsFunctions() {
    TaskQuery query = tasks.createTaskQuery().or().taskCandidateGroupInExpression("${currentUserGroups()}").endOr();

    assertThatThrownBy(query::list).isInstanceOf(UnsafeExpressionException.class);
  }

  @Test
  void queryRunWithAFilterMayNotCarryExpressions() {
    Filter filter = filters.createFilterQuery().filterName("本组待办 (My group's open tasks)").singleResult();
    TaskQuery extending = tasks.createTaskQuery().or().dueBeforeExpression(ATTACK).endOr();

    assertThatThrownBy(() -> filters.list(filter.getId(), extending)).isInstanceOf(UnsafeExpressionException.class);
    assertThatThrownBy(() -> filters.count(filter.getId(), extending)).isInstanceOf(UnsafeExpressionException.class);
  }

  @Test
  void seededFiltersRunWithTheirFunctionsForASignedInVolunteer() {
    identity.setAuthentication("wang.fang", List.of("station-volunteers"));
    for (Filter filter : filters.createFilterQuery().list()) {
      assertThat(filters.count(filter.getId())).as(filter.getName()).isNotNull();
      filters.listPage(filter.getId(), tasks.createTaskQuery().orderByTaskCreateTime().desc(), 0, 15);
    }
  }

  @Test
  void filterIsSavedOnlyWithTasklistsFunctions() {
    Filter unsafe = filters.newTaskFilter("Unsafe (不安全)").setOwner("admin")
        .setQuery(tasks.createTaskQuery().or().taskAssigneeExpression(ATTACK).endOr());
    assertThatThrownBy(() -> filters.saveFilter(unsafe)).isInstanceOf(UnsafeExpressionException.class)
        .hasMessageContaining("was not saved");

    Filter namesABean = filters.newTaskFilter("Bean (组件)").setOwner("admin")
        .setQuery(tasks.createTaskQuery().taskAssigneeExpression("${registerOrder}"));
    assertThatThrownBy(() -> filters.saveFilter(namesABean)).isInstanceOf(UnsafeExpressionException.class);

    Filter dueThisWeek = filters.newTaskFilter("Due this week (本周到期)").setOwner("admin")
        .setQuery(tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
            .or().dueBeforeExpression("${dateTime().plusDays(7).toDate()}").taskUnassigned().endOr());
    try {
      filters.saveFilter(dueThisWeek);
      identity.setAuthentication("wang.fang", List.of("station-volunteers"));
      assertThat(filters.count(dueThisWeek.getId())).isNotNull();
    } finally {
      identity.clearAuthentication();
      filters.deleteFilter(dueThisWeek.getId());
    }
    assertThat(filters.createFilterQuery().filterName("Unsafe (不安全)").count()).isZero();
  }
}
