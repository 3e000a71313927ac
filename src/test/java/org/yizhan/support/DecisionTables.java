package org.yizhan.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Rule;

/** A decision table file evaluated as the engine evaluates it, also with its rows in the reverse order. */
public final class DecisionTables {

  private static final DmnEngine DMN = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  private final DmnDecision decision;

  private DecisionTables(DmnDecision decision) {
    this.decision = decision;
  }

  public static DecisionTables of(Path file, String key) throws IOException {
    try (InputStream table = Files.newInputStream(file)) {
      return new DecisionTables(DMN.parseDecision(key, table));
    }
  }

  /** The same table with its rows upside down: a table whose results do not depend on row order answers the same. */
  public static DecisionTables reversed(Path file, String key) throws IOException {
    DmnModelInstance model;
    try (InputStream table = Files.newInputStream(file)) {
      model = Dmn.readModelFromStream(table);
    }
    for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
      List<Rule> rules = new ArrayList<>(table.getRules());
      rules.forEach(table::removeChildElement);
      for (int i = rules.size() - 1; i >= 0; i--) {
        table.addChildElement(rules.get(i));
      }
    }
    return new DecisionTables(DMN.parseDecision(key, model));
  }

  /** The single result's entries (null when no row matched); the variables may hold nulls. */
  public Map<String, Object> evaluate(Map<String, Object> variables) {
    DmnDecisionTableResult result = DMN.evaluateDecisionTable(decision, Variables.fromMap(variables));
    return result.isEmpty() ? null : result.getSingleResult().getEntryMap();
  }

  /** Every combination of the given values per variable, in a stable order. */
  public static List<Map<String, Object>> combinations(Map<String, List<Object>> valuesByVariable) {
    List<Map<String, Object>> combinations = new ArrayList<>();
    combinations.add(new java.util.LinkedHashMap<>());
    valuesByVariable.forEach((variable, values) -> {
      List<Map<String, Object>> extended = new ArrayList<>();
      for (Map<String, Object> combination : combinations) {
        for (Object value : values) {
          Map<String, Object> next = new java.util.LinkedHashMap<>(combination);
          next.put(variable, value);
          extended.add(next);
        }
      }
      combinations.clear();
      combinations.addAll(extended);
    });
    return combinations;
  }
}
