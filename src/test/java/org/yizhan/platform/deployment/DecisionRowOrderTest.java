package org.yizhan.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yizhan.support.DecisionTables;

/**
 * The decision tables managers change whose rows may be changed and moved freely (docs/managers-guide.md): each has a
 * hit policy under which row order decides nothing, and the two that were FIRST tables answer every combination of
 * their inputs' values as the FIRST table did (src/test/resources/models-before keeps those tables as they were), with
 * their rows in either order.
 */
class DecisionRowOrderTest {

  private static final Path DECISIONS = Path.of("processes/decisions");
  private static final Path BEFORE = Path.of("src/test/resources/models-before");

  @ParameterizedTest
  @ValueSource(strings = {"delivery-mode.dmn", "mediation-subsidy.dmn", "volunteer-points.dmn", "welfare-risk.dmn"})
  void tableHasAHitPolicyUnderWhichRowOrderDecidesNothing(String file) {
    DecisionTable table = Dmn.readModelFromFile(DECISIONS.resolve(file).toFile())
        .getModelElementsByType(DecisionTable.class).iterator().next();

    assertThat(table.getHitPolicy()).as(file).isIn(HitPolicy.UNIQUE, HitPolicy.ANY, HitPolicy.COLLECT);
  }

  @Test
  void handOverModeIsTheFirstHitTablesForEveryCombinationInEitherRowOrder() throws IOException {
    Map<String, List<Object>> values = new LinkedHashMap<>();
    values.put("deliveryPreference", Arrays.asList("PICKUP", "DOORSTEP", "", "pickup", null));
    values.put("mobilityLimited", Arrays.asList(true, false, null));
    values.put("disabled", Arrays.asList(true, false, null));
    values.put("livingAlone", Arrays.asList(true, false, null));
    values.put("residentAge", Arrays.asList(0, 79, 80, 81, 104, null));

    assertSameAnswers("delivery-mode", "delivery-mode-first.dmn", values);
  }

  @Test
  void welfareCheckIsTheFirstHitTablesForEveryCombinationInEitherRowOrder() throws IOException {
    Map<String, List<Object>> values = new LinkedHashMap<>();
    for (String input : List.of("livingAlone", "veryOld", "disabled", "mobilityLimited")) {
      values.put(input, Arrays.asList(true, false, null));
    }

    assertSameAnswers("welfare-risk", "welfare-risk-first.dmn", values);
  }

  private static void assertSameAnswers(String key, String before, Map<String, List<Object>> values)
      throws IOException {
    DecisionTables first = DecisionTables.of(BEFORE.resolve(before), key);
    DecisionTables now = DecisionTables.of(DECISIONS.resolve(key + ".dmn"), key);
    DecisionTables upsideDown = DecisionTables.reversed(DECISIONS.resolve(key + ".dmn"), key);
    List<Map<String, Object>> combinations = DecisionTables.combinations(values);

    for (Map<String, Object> inputs : combinations) {
      Map<String, Object> expected = first.evaluate(inputs);
      assertThat(expected).as("the FIRST table answers " + inputs).isNotNull();
      assertThat(now.evaluate(inputs)).as(key + " for " + inputs).isEqualTo(expected);
      assertThat(upsideDown.evaluate(inputs)).as(key + " with its rows reversed, for " + inputs).isEqualTo(expected);
    }
  }
}
