package org.yizhan.platform.forms;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * The rules a Camunda Form (form-js JSON) states for its fields: required, the choices of radios and selects, number
 * bounds and text lengths. Tasklist checks them in the browser; these are checked again on the server, so that a
 * client that skips the form gets a 400 with the field's label instead of a half-worked task or a failing gateway.
 * Fields the form hides (form-js {@code conditional.hide}, a FEEL expression) are not checked, just as Tasklist does.
 *
 * <p>Immutable once built, so one instance serves every completion of the same task of the same process version.
 */
public class TaskFormRules {

  private static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "radio", "select", "checkbox",
      "datetime");
  private static final FeelEngine FEEL = new ScalaFeelEngineFactory().createInstance();

  private final List<JsonNode> fields = new ArrayList<>();
  private final Set<String> keys = new LinkedHashSet<>();

  public TaskFormRules(JsonNode form) {
    collect(form.path("components"));
    fields.forEach(field -> keys.add(field.get("key").asText()));
  }

  private void collect(JsonNode components) {
    for (JsonNode component : components) {
      if (INPUTS.contains(component.path("type").asText()) && component.hasNonNull("key")) {
        fields.add(component);
      }
      collect(component.path("components"));
    }
  }

  /**
   * The first rule the submission breaks, as a sentence for the person who sent it.
   *
   * @param submitted the submitted values by field key
   * @param existing  what the process already knows of the given field keys, for hide conditions that refer to
   *                  earlier steps; asked at most once, and only when a hide condition needs a field not submitted
   */
  public Optional<String> firstProblem(Map<String, Object> submitted,
      Function<Set<String>, Map<String, Object>> existing) {
    VariableContext context = new FieldValues(submitted, existing);
    for (JsonNode field : fields) {
      // A value that keeps the rules is fine whether the field is shown or hidden, so the hide condition (FEEL, and
      // perhaps a read of the process's values) is only evaluated for a field that breaks one.
      Optional<String> problem = check(field, submitted.get(field.get("key").asText()));
      if (problem.isPresent() && !isHidden(field, context)) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static boolean isHidden(JsonNode field, VariableContext context) {
    String hide = field.path("conditional").path("hide").asText("");
    if (hide.isBlank()) {
      return false;
    }
    String expression = hide.startsWith("=") ? hide.substring(1) : hide;
    Object result = FEEL.evaluateSimpleExpression(expression, context);
    return Boolean.TRUE.equals(result);
  }

  /**
   * Every field of the form, with the submitted value or else what the process holds (null when nothing). The
   * process's values are read in one go, the first time a hide condition asks for a field that was not submitted:
   * most submissions carry the fields their conditions look at, and then the process is not asked at all.
   */
  private final class FieldValues implements VariableContext {

    private final Map<String, Object> submitted;
    private final Function<Set<String>, Map<String, Object>> existing;
    private Map<String, Object> loaded;

    FieldValues(Map<String, Object> submitted, Function<Set<String>, Map<String, Object>> existing) {
      this.submitted = submitted;
      this.existing = existing;
    }

    @Override
    public TypedValue resolve(String name) {
      if (!keys.contains(name)) {
        return null;
      }
      if (submitted.containsKey(name)) {
        return Variables.untypedValue(submitted.get(name));
      }
      if (loaded == null) {
        Set<String> missing = new LinkedHashSet<>(keys);
        missing.removeAll(submitted.keySet());
        loaded = existing.apply(missing);
      }
      return Variables.untypedValue(loaded.get(name));
    }

    @Override
    public boolean containsVariable(String name) {
      return keys.contains(name);
    }

    @Override
    public Set<String> keySet() {
      return keys;
    }
  }

  private static Optional<String> check(JsonNode field, Object value) {
    String label = field.path("label").asText(field.get("key").asText());
    String type = field.get("type").asText();
    JsonNode validate = field.path("validate");
    boolean empty = value == null || value.toString().isBlank() || ("checkbox".equals(type) && !Boolean.TRUE.equals(value));
    if (empty) {
      return validate.path("required").asBoolean(false)
          ? Optional.of(label + " is required (必填)") : Optional.empty();
    }
    switch (type) {
      case "radio", "select" -> {
        for (JsonNode option : field.path("values")) {
          if (option.path("value").asText().equals(value.toString())) {
            return Optional.empty();
          }
        }
        return Optional.of(label + ": \"" + value + "\" is not one of the choices");
      }
      case "number" -> {
        BigDecimal number;
        try {
          number = new BigDecimal(value.toString());
        } catch (NumberFormatException notANumber) {
          return Optional.of(label + " must be a number");
        }
        if (validate.has("min") && number.compareTo(validate.get("min").decimalValue()) < 0) {
          return Optional.of(label + " must be at least " + validate.get("min").asText());
        }
        if (validate.has("max") && number.compareTo(validate.get("max").decimalValue()) > 0) {
          return Optional.of(label + " must be at most " + validate.get("max").asText());
        }
        return Optional.empty();
      }
      case "textfield", "textarea" -> {
        if (validate.has("maxLength") && value.toString().length() > validate.get("maxLength").asInt()) {
          return Optional.of(label + " may be at most " + validate.get("maxLength").asInt() + " characters");
        }
        return Optional.empty();
      }
      default -> {
        return Optional.empty();
      }
    }
  }
}
