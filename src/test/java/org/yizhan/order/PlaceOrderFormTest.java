package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;
import org.yizhan.catalog.CatalogItem;
import org.yizhan.catalog.CatalogRepository;

/** The start form lists the catalog's items itself (a start form cannot load them); it must not drift. */
@StationTest
class PlaceOrderFormTest {

  @Autowired CatalogRepository catalog;

  @Test
  void everyItemRowOffersExactlyTheActiveCatalog() throws Exception {
    JsonNode form = new ObjectMapper().readTree(Path.of("processes/forms/place-order.form").toFile());
    List<String> activeSkus = catalog.findActive().stream().map(CatalogItem::sku).toList();

    int rows = 0;
    for (JsonNode component : form.get("components")) {
      if (component.path("key").asText().matches("item\\d+Sku")) {
        rows++;
        List<String> offered = new ArrayList<>();
        component.get("values").forEach(option -> offered.add(option.get("value").asText()));
        assertThat(offered).as(component.get("key").asText()).containsExactlyInAnyOrderElementsOf(activeSkus);
      }
    }
    assertThat(rows).isGreaterThanOrEqualTo(3);
  }
}
