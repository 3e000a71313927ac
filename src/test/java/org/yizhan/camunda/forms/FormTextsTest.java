package org.yizhan.camunda.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the forms' texts show people: money as money (a variable worked out as {@code ¥93.00}, never a raw number after
 * a ¥ or a bare total), and internal values (DOORSTEP, PICKUP, a status) only in words. The doorstep visit reads
 * sensibly for an order and for a delivery without one, and names the resident only once the task is claimed.
 */
class FormTextsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");
  /** A number a text would show raw: totals, amounts, prices. Their worded twins end in Text. */
  private static final Pattern RAW_AMOUNT = Pattern.compile("(?i).*(total|amount|price)");
  /** Variables holding internal codes; each has a worded twin (handOverText, kindLabel, typeLabel, …). */
  private static final List<String> CODES = List.of("deliveryMode", "deliveryPreference", "kind", "type", "status",
      "stockAvailable", "outcome", "currentLevel");

  static Stream<Path> forms() throws IOException {
    return Files.list(Path.of("processes/forms")).filter(file -> file.toString().endsWith(".form")).sorted();
  }

  @ParameterizedTest
  @MethodSource("forms")
  void textsShowMoneyAsMoneyAndNoInternalCode(Path form) throws IOException {
    for (String text : texts(JSON.readTree(form.toFile()).path("components"))) {
      assertThat(text).as(form + ": a ¥ before a raw number").doesNotContain("¥{{");
      Matcher placeholder = PLACEHOLDER.matcher(text);
      while (placeholder.find()) {
        String variable = placeholder.group(1);
        assertThat(RAW_AMOUNT.matcher(variable).matches()).as(form + " shows {{" + variable + "}} unformatted")
            .isFalse();
        assertThat(CODES).as(form + " shows the code {{" + variable + "}} raw").doesNotContain(variable);
      }
    }
  }

  @Test
  void doorstepVisitShowsGoodsAndMoneyWhenThereAreAnyAndTheNameOnlyOnceClaimed() throws IOException {
    Map<String, JsonNode> byId = new java.util.HashMap<>();
    JSON.readTree(Path.of("processes/forms/doorstep-visit.form").toFile()).path("components")
        .forEach(component -> byId.put(component.path("id").asText(), component));

    assertThat(byId.get("Text_Goods").path("text").asText()).contains("{{goodsText}}");
    assertThat(hide(byId.get("Text_Goods"))).as("a meal or medicine has no goods list").isEqualTo("=goodsText = null");
    assertThat(byId.get("Text_Collect").path("text").asText()).contains("{{collectText}}");
    assertThat(hide(byId.get("Text_OrderNo"))).isEqualTo("=orderNo = null");
    assertThat(byId.get("Text_ResidentName").path("text").asText()).contains("{{residentName}}");
    assertThat(hide(byId.get("Text_ResidentName"))).as("no name while offered to the group")
        .isEqualTo("=residentName = null");
    assertThat(hide(byId.get("Text_ResidentNameAfterClaim"))).isEqualTo("=residentName != null");
    assertThat(byId.values()).as("the name is shown, never a field a submit would send back")
        .noneMatch(component -> component.path("key").asText().equals("residentName")
            || component.path("key").asText().equals("collectText") || component.path("key").asText().equals("goodsText"));
  }

  private static String hide(JsonNode component) {
    return component.path("conditional").path("hide").asText(null);
  }

  private static List<String> texts(JsonNode components) {
    List<String> texts = new ArrayList<>();
    for (JsonNode component : components) {
      for (String property : List.of("text", "label", "description")) {
        if (component.path(property).isTextual()) {
          texts.add(component.path(property).asText());
        }
      }
      texts.addAll(texts(component.path("components")));
    }
    return texts;
  }
}
