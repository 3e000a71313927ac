package org.yizhan.mediation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * dispute-triage.dmn and mediation-level.dmn: no row's answer depends on the order of the rows, and together they
 * answer every dispute as version 1's single triage table (first hit, deadlines of all four levels in one row) did.
 */
class MediationTablesTest {

  /** Version 1's table, kept beside version 1 of the model (see src/test/resources/mediation/v1/README.md). */
  private static final String VERSION_1_TRIAGE = "/mediation/v1/dispute-triage.dmn";
  private static final String[] VERSION_1_DEADLINES = {null, "buildingDeadline", "gridDeadline", "communityDeadline",
      "centreDeadline"};

  private static DmnEngine dmn;
  private static DmnDecision triage;
  private static DmnDecision level;
  private static DmnDecision version1Triage;

  @BeforeAll
  static void readTables() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    triage = decision("processes/decisions/dispute-triage.dmn", "dispute-triage");
    level = decision("processes/decisions/mediation-level.dmn", "mediation-level");
    try (InputStream in = MediationTablesTest.class.getResourceAsStream(VERSION_1_TRIAGE)) {
      version1Triage = dmn.parseDecision("dispute-triage", in);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"processes/decisions/dispute-triage.dmn", "processes/decisions/mediation-level.dmn"})
  void tableHasAHitPolicyThatDoesNotDependOnTheOrderOfItsRows(String file) throws IOException {
    try (InputStream in = new FileInputStream(file)) {
      for (DecisionTable table : Dmn.readModelFromStream(in).getModelElementsByType(DecisionTable.class)) {
        assertThat(table.getHitPolicy()).as(file).isEqualTo(HitPolicy.UNIQUE);
      }
    }
  }

  /** Every type with every combination of the three risks: 7 × 8 disputes, each matched by exactly one row. */
  @Test
  void everyDisputeStartsWhereVersion1StartedItAndIsGivenTheSameDeadlinesOnEveryLevelItCanReach() {
    List<String> compared = new ArrayList<>();
    for (DisputeType type : DisputeType.values()) {
      for (int risks = 0; risks < 8; risks++) {
        boolean violence = (risks & 1) != 0;
        boolean selfHarm = (risks & 2) != 0;
        boolean groupIncident = (risks & 4) != 0;
        Map<String, Object> dispute = new HashMap<>(Map.of("type", type.name(), "riskViolence", violence,
            "riskSelfHarm", selfHarm, "riskGroupIncident", groupIncident, "buildingHeadsGroup", "building-b01-heads",
            "gridWorkersGroup", "grid-g01-workers"));
        DmnDecisionRuleResult now = dmn.evaluateDecisionTable(triage, dispute).getSingleResult();
        DmnDecisionRuleResult before = dmn.evaluateDecisionTable(version1Triage, Map.of("type", type.name(),
            "violenceThreat", violence, "selfHarmRisk", selfHarm, "groupIncidentRisk", groupIncident)).getSingleResult();
        String what = type + (violence ? " violence" : "") + (selfHarm ? " self-harm" : "")
            + (groupIncident ? " group" : "");

        assertThat(now.<Integer>getEntry("startLevel")).as(what).isEqualTo(before.<Integer>getEntry("startLevel"));
        assertThat(now.<Boolean>getEntry("notifyPolice")).as(what).isEqualTo(before.<Boolean>getEntry("notifyPolice"));
        // A case only moves up from where it starts, and a reopened case goes back to the level that settled it.
        for (int at = (Integer) now.getEntry("startLevel"); at <= 4; at++) {
          dispute.put("currentLevel", at);
          DmnDecisionRuleResult plan = dmn.evaluateDecisionTable(level, dispute).getSingleResult();
          assertThat(plan.<String>getEntry("deadline")).as(what + " at level " + at)
              .isEqualTo(before.<String>getEntry(VERSION_1_DEADLINES[at]));
          compared.add(what + " at level " + at);
        }
      }
    }
    // With a risk (7 of the 8 combinations): the centre only. Without: four levels, three for a family matter, two
    // for parking and property fees.
    assertThat(compared).hasSize(7 * 7 + 4 * 4 + 3 + 2 * 2);
  }

  @Test
  void eachLevelNamesItsGroupAndTheLevelAboveAndOnlyTheCentreHoldsAJointSession() {
    Map<String, Object> dispute = new HashMap<>(Map.of("riskViolence", false, "riskSelfHarm", false,
        "buildingHeadsGroup", "building-b01-heads", "gridWorkersGroup", "grid-g01-workers"));
    String[] groups = {null, "building-b01-heads", "grid-g01-workers", "mediation-committee", "governance-centre"};
    for (int at = 1; at <= 4; at++) {
      dispute.put("currentLevel", at);
      DmnDecisionRuleResult plan = dmn.evaluateDecisionTable(level, dispute).getSingleResult();
      assertThat(plan.<String>getEntry("candidateGroup")).as("level " + at).isEqualTo(groups[at]);
      assertThat(plan.get("nextLevel")).as("level " + at + "; an empty cell: no level above").isEqualTo(at < 4 ? at + 1 : null);
      assertThat(plan.<Boolean>getEntry("jointSession")).as("level " + at).isEqualTo(at == 4);
      assertThat((String) plan.getEntry("levelName")).as("level " + at).matches(".*\\p{IsHan}.* \\(.+\\)");
    }
  }

  private static DmnDecision decision(String file, String key) throws IOException {
    try (InputStream in = new FileInputStream(file)) {
      return dmn.parseDecision(key, in);
    }
  }
}
