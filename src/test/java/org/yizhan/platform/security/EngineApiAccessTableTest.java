package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

/** The table a station manager reads: it loads, every line parses, and it says what the roles' work needs. */
class EngineApiAccessTableTest {

  private static EngineApiAccessTable table;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream yaml = new ClassPathResource(EngineApiAccessTable.LOCATION).getInputStream()) {
      table = EngineApiAccessTable.load(yaml);
    }
  }

  @Test
  void everyRoleHasGroupsAndParsedEndpoints() {
    assertThat(table.roles()).extracting(EngineApiAccessTable.Role::name)
        .containsExactly("task-workers", "model-managers", "station-watchers", "administrators");
    for (EngineApiAccessTable.Role role : table.roles()) {
      assertThat(role.groups()).as(role.name()).isNotEmpty();
      assertThat(role.endpoints()).as(role.name()).isNotEmpty()
          .allSatisfy(endpoint -> assertThat(endpoint.pattern().getPatternString()).startsWith("/"));
    }
  }

  @Test
  void everyGroupThatWorksTasksHoldsTheTaskWorkersRole() {
    List<String> groups = new java.util.ArrayList<>(new StationPermissions().groupsAllowed("task.work"));
    groups.addAll(List.of(StationGroups.gridVolunteers("G01"), StationGroups.gridWorkers("G02"),
        StationGroups.buildingHeads("B01")));
    for (String group : groups) {
      assertThat(table.allows(List.of(group), "POST", "/task/4ad3/claim")).as(group).isTrue();
    }
    assertThat(table.allows(List.of("grid-g01-visitors"), "POST", "/task/4ad3/claim")).isFalse();
    assertThat(table.allows(List.of(), "GET", "/task")).as("no groups, no calls").isFalse();
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      station-volunteers | GET    | /filter                                   | true
      station-volunteers | POST   | /filter/f1/list                           | true
      station-volunteers | POST   | /task/t1/submit-form                      | true
      station-volunteers | POST   | /process-definition/key/station-order/start | true
      station-volunteers | POST   | /task/t1/claim/                           | false
      station-volunteers | POST   | /task/t1/delegate                         | false
      station-volunteers | GET    | /process-instance                         | false
      station-volunteers | POST   | /deployment/create                        | false
      station-volunteers | POST   | /user/create                              | false
      station-volunteers | POST   | /filter/create                            | false
      station-volunteers | DELETE | /task/t1                                  | false
      merchants          | GET    | /version                                  | false
      station-managers   | POST   | /deployment/create                        | false
      station-managers   | GET    | /deployment                               | true
      station-managers   | GET    | /version                                  | false
      model-managers     | POST   | /deployment/create                        | true
      model-managers     | GET    | /version                                  | true
      model-managers     | POST   | /task/t1/claim                            | false
      station-managers   | GET    | /batch/statistics/                        | true
      station-managers   | POST   | /task/t1/claim                            | true
      station-managers   | DELETE | /deployment/d1                            | false
      station-managers   | POST   | /authorization/create                     | false
      station-managers   | PUT    | /process-instance/p1/suspended            | false
      station-managers   | POST   | /process-instance/p1/modification         | false
      station-managers   | POST   | /history/process-instance/delete          | false
      camunda-admin      | POST   | /authorization/create                     | true
      camunda-admin      | DELETE | /history/process-instance/p1              | true
      """)
  void theTableAnswersAsItsLinesSay(String group, String method, String path, boolean allowed) {
    assertThat(table.allows(List.of(group), method, path)).isEqualTo(allowed);
  }

  @Test
  void aLineThatDoesNotReadStopsTheStartWithTheLineNamed() {
    assertThatThrownBy(() -> load("""
        roles:
          - name: broken
            groups: [somebody]
            endpoints:
              - FETCH /task
        """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FETCH /task");
    assertThatThrownBy(() -> load("""
        roles:
          - name: broken
            groups: [somebody]
            endpoints:
              - GET /task/{id
        """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("GET /task/{id");
    assertThatThrownBy(() -> load("""
        roles:
          - name: no-groups
            endpoints:
              - GET /task
        """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups");
  }

  private static EngineApiAccessTable load(String yaml) throws IOException {
    return EngineApiAccessTable.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }
}
