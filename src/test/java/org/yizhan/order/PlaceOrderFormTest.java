package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;
import org.yizhan.catalog.CatalogItem;
import org.yizhan.catalog.CatalogRepository;
import org.yizhan.camunda.feel.SafeScalaFeelEngine;

/**
 * The start form lists the catalog's items and their per-order limits itself (a start form cannot load them); they
 * must not drift from the catalog.
 */
@StationTest
class PlaceOrderFormTest {

  private static final FeelEngine FEEL = new SafeScalaFeelEngine(List.of());

  @Autowired CatalogRepository catalog;

  @Test
  void everyItemRowOffersExactlyTheActiveCatalog() throws Exception {
    List<String> activeSkus = catalog.findActive().stream().map(CatalogItem::sku).toList();

    int rows = 0;
    for (JsonNode component : form().get("components")) {
      if (component.path("key").asText().matches("item\\d+Sku")) {
        rows++;
        assertThat(offered(component)).as(component.get("key").asText()).containsExactlyInAnyOrderElementsOf(activeSkus);
      }
    }
    assertThat(rows).isGreaterThanOrEqualTo(3);
  }

  @Test
  void everyQuantityFieldLimitsAndLabelsEachOfferedItemAtTheCatalogsMaxQuantity() throws Exception {
    Map<String, CatalogItem> items = catalog.findActive().stream()
        .collect(Collectors.toMap(CatalogItem::sku, Function.identity()));
    Map<String, JsonNode> fields = new java.util.HashMap<>();
    form().get("components").forEach(component -> fields.put(component.path("key").asText(), component));

    int rows = 0;
    for (int row = 1; fields.containsKey("item" + row + "Sku"); row++, rows++) {
      String skuKey = "item" + row + "Sku";
      JsonNode quantity = fields.get("item" + row + "Quantity");
      assertThat(quantity).as("item%dQuantity", row).isNotNull();
      assertThat(quantity.has("defaultValue")).as("item%dQuantity starts empty", row).isFalse();
      assertThat(quantity.at("/validate/required").asBoolean()).as("item%dQuantity is required when shown", row).isTrue();
      assertThat(quantity.at("/conditional/hide").asText()).isEqualTo("=" + skuKey + " = null");

      for (String sku : offered(fields.get(skuKey))) {
        CatalogItem item = items.get(sku);
        Object max = feel(quantity.at("/validate/max").asText(), skuKey, sku);
        Object label = feel(quantity.get("label").asText(), skuKey, sku);

        assertThat(max).as("item%dQuantity's max for %s", row, sku).isInstanceOf(Number.class);
        assertThat(((Number) max).intValue()).as("item%dQuantity's max for %s", row, sku).isEqualTo(item.maxQuantity());
        String unit = item.unit().replaceAll("\\s*\\(.*\\)$", "");
        assertThat(label).as("item%dQuantity's label for %s", row, sku).asString()
            .startsWith("数量（").contains("每单最多 " + item.maxQuantity() + " " + unit + "）")
            .endsWith("(Quantity, at most " + item.maxQuantity() + ")");
      }
      assertThat(feel(quantity.get("label").asText(), skuKey, null)).isEqualTo("数量 (Quantity)");
    }
    assertThat(rows).isGreaterThanOrEqualTo(3);
  }

  private static JsonNode form() throws Exception {
    return new ObjectMapper().readTree(Path.of("processes/forms/place-order.form").toFile());
  }

  private static List<String> offered(JsonNode select) {
    List<String> offered = new ArrayList<>();
    select.get("values").forEach(option -> offered.add(option.get("value").asText()));
    return offered;
  }

  /** As the form evaluates it once the item is chosen. */
  private static Object feel(String expression, String skuKey, String sku) {
    assertThat(expression).startsWith("=");
    return FEEL.evaluateSimpleExpression(expression.substring(1),
        Variables.createVariables().putValue(skuKey, sku).asVariableContext());
  }
}
