package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every copy of the engine API leads to the same path below the engine, which the access table is written against. */
class EngineApiPathTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
      /engine-rest/task/t1/claim                             | false | none    | /task/t1/claim
      /engine-rest/engine/default/task/t1/claim              | false | default | /task/t1/claim
      /camunda/api/engine/engine/default/task/t1/claim       | true  | default | /task/t1/claim
      /engine-rest                                           | false | none    | /
      /engine-rest/engine/default                            | false | default | /
      /engine-rest/engine/default/engine                     | false | default | /engine
      """)
  void theSameCallOnEveryCopy(String path, boolean webapp, String engine, String relative) {
    EngineApiPath api = EngineApiPath.of(path).orElseThrow();

    assertThat(api.webapp()).isEqualTo(webapp);
    assertThat(api.engine()).isEqualTo(engine);
    assertThat(api.relative()).isEqualTo(relative);
    assertThat(api.isEngineList()).isFalse();
  }

  @Test
  void onlyTheListOfEnginesIsTheList() {
    assertThat(EngineApiPath.of("/engine-rest/engine").orElseThrow().isEngineList()).isTrue();
    assertThat(EngineApiPath.of("/camunda/api/engine/engine/").orElseThrow().isEngineList()).isTrue();
    assertThat(EngineApiPath.of("/api/orders")).isEmpty();
    assertThat(EngineApiPath.of("/engine-restless/task")).isEmpty();
    assertThat(EngineApiPath.of("/camunda/api/cockpit/plugin/base/default/process-definition/statistics")).isEmpty();
  }
}
