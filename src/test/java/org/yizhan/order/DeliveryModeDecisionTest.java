package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each row of processes/decisions/delivery-mode.dmn, as a manager reads it. */
class DeliveryModeDecisionTest {

  private static DmnEngine dmn;
  private static DmnDecision decision;

  @BeforeAll
  static void parse() throws Exception {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    try (InputStream table = Files.newInputStream(Path.of("processes/decisions/delivery-mode.dmn"))) {
      decision = dmn.parseDecision("delivery-mode", table);
    }
  }

  @ParameterizedTest(name = "{0} -> {6}")
  @CsvSource(textBlock = """
      ordinary resident without preference,           '',       false, false, false, 45, PICKUP
      ordinary resident asking for the door,          DOORSTEP, false, false, false, 45, DOORSTEP
      mobility limited,                               '',       true,  false, false, 70, DOORSTEP
      disabled,                                       '',       false, true,  false, 60, DOORSTEP
      living alone and 80,                            '',       false, false, true,  80, DOORSTEP
      living alone but 79,                            '',       false, false, true,  79, PICKUP
      80 but not alone,                               '',       false, false, false, 85, PICKUP
      mobility limited but family collects,           PICKUP,   true,  false, true,  90, PICKUP
      """)
  void handOverModeFollowsProfileAndPreference(String description, String preference, boolean mobilityLimited,
      boolean disabled, boolean livingAlone, int age, String expected) {
    var result = dmn.evaluateDecisionTable(decision, Variables.createVariables()
        .putValue("deliveryPreference", preference)
        .putValue("mobilityLimited", mobilityLimited)
        .putValue("disabled", disabled)
        .putValue("livingAlone", livingAlone)
        .putValue("residentAge", age));

    assertThat((String) result.getSingleEntry()).as(description).isEqualTo(expected);
  }
}
