package org.yizhan.camunda.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules a Camunda Form (form-js JSON, as Tasklist 7.24's form-js 1.8.7 reads it) states for its fields, checked
 * against the values a task or a process start ends up with. Tasklist checks them in the browser; the engine checks
 * them again (see {@link FormRulesPlugin}), so that a client that skips the form gets a 400 naming the field.
 *
 * <p>A field the form hides ({@code conditional.hide}) need not be filled, as in Tasklist, but a value it has anyway
 * must keep its rules; a field the form disables is not checked, and fields inside
 * a group with its own data {@code path} or a dynamic list (neither used by Yizhan's forms) are left alone: their
 * values are nested objects Tasklist writes as JSON. Immutable once built, so one instance serves every completion
 * of the same task of the same process version.
 */
public class TaskFormRules {

  private static final Set<String> INPUTS = Set.of("textfield", "textarea", "number", "radio", "select", "checkbox",
      "checklist", "taglist", "datetime");
  private static final Set<String> OWN_DATA = Set.of("dynamiclist");

  private final List<FormField> fields = new ArrayList<>();

  public TaskFormRules(JsonNode form) {
    collect(form.path("components"));
  }

  private void collect(JsonNode components) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if (INPUTS.contains(type) && component.hasNonNull("key") && !component.path("disabled").asBoolean(false)) {
        fields.add(new FormField(component));
      }
      if (!OWN_DATA.contains(type) && !component.hasNonNull("path")) {
        collect(component.path("components"));
      }
    }
  }

  /**
   * The first rule the values break, as a sentence for the person who sent them.
   *
   * @param values        the value of a variable by name, null when there is none
   * @param requireFilled whether required fields must have a value (a task), or only the values present are checked
   *                      (a process start, whose data may come in another shape; its first step checks it is complete)
   */
  public Optional<String> firstProblem(Function<String, Object> values, boolean requireFilled) {
    for (FormField field : fields) {
      // A value that keeps the rules is fine whether the field is shown or hidden, so the hide condition (FEEL) is
      // only evaluated for a field that breaks one.
      Optional<String> problem = field.check(values, requireFilled);
      if (problem.isPresent() && field.isHidden(values)) {
        // Tasklist sends nothing for a hidden field, so it need not be filled; but a value that is there all the same
        // (sent by another client beside an answer that hides it) still keeps the field's lengths, choices and
        // patterns, or a 494-character note could ride along with an accepted order.
        problem = field.check(values, false);
      }
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  public Optional<String> firstProblem(Function<String, Object> values) {
    return firstProblem(values, true);
  }
}
