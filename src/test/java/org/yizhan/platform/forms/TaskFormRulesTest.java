package org.yizhan.platform.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TaskFormRulesTest {

  private final List<Set<String>> processReads = new ArrayList<>();

  @Test
  void hideConditionOnASubmittedFieldDoesNotReadTheProcess() throws IOException {
    TaskFormRules acceptOrder = rules("accept-order");

    assertThat(acceptOrder.firstProblem(Map.of("acceptDecision", "ACCEPT"), process(Map.of()))).isEmpty();
    assertThat(acceptOrder.firstProblem(Map.of("acceptDecision", "DECLINE"), process(Map.of())))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("Reason for declining"));

    assertThat(processReads).isEmpty();
  }

  @Test
  void hideConditionOnAFieldNotSubmittedReadsTheProcessOnceForAllMissingFields() throws IOException {
    TaskFormRules doorstepVisit = rules("doorstep-visit");
    Map<String, Object> delivered = Map.of("outcome", "DELIVERED", "receivedBy", "Zhang", "satisfaction", "5",
        "antiFraudTalk", true, "need1Details", "x".repeat(301));

    assertThat(doorstepVisit.firstProblem(delivered, process(Map.of("need1Category", "MEDICINE"))))
        .hasValueSatisfying(problem -> assertThat(problem).contains("at most 300 characters"));
    assertThat(doorstepVisit.firstProblem(delivered, process(Map.of()))).as("details of no need are hidden").isEmpty();

    assertThat(processReads).hasSize(2).allSatisfy(keys -> assertThat(keys)
        .contains("need1Category", "need2Category", "visitNote").doesNotContainAnyElementsOf(delivered.keySet()));
  }

  @Test
  void submissionThatKeepsEveryRuleIsPassedWithoutEvaluatingHideConditions() throws IOException {
    TaskFormRules doorstepVisit = rules("doorstep-visit");
    Map<String, Object> delivered = Map.of("outcome", "DELIVERED", "receivedBy", "Zhang", "satisfaction", "5",
        "antiFraudTalk", true);

    assertThat(doorstepVisit.firstProblem(delivered, keys -> {
      throw new AssertionError("the process was asked for " + keys);
    })).isEmpty();
  }

  @Test
  void brokenRuleOfAHiddenFieldIsNotReported() throws IOException {
    TaskFormRules acceptOrder = rules("accept-order");

    assertThat(acceptOrder.firstProblem(Map.of("acceptDecision", "ACCEPT", "declineReason", "NOT_A_CHOICE"),
        process(Map.of()))).isEmpty();
    assertThat(acceptOrder.firstProblem(Map.of("acceptDecision", "DECLINE", "declineReason", "NOT_A_CHOICE"),
        process(Map.of()))).hasValueSatisfying(problem -> assertThat(problem).contains("is not one of the choices"));
  }

  private Function<Set<String>, Map<String, Object>> process(Map<String, Object> values) {
    return keys -> {
      processReads.add(keys);
      return values;
    };
  }

  private static TaskFormRules rules(String form) throws IOException {
    return new TaskFormRules(new ObjectMapper().readTree(Path.of("processes", "forms", form + ".form").toFile()));
  }
}
