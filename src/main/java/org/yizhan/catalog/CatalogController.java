package org.yizhan.catalog;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The station's public price list (实时公示): brand, unit and unit price of everything that can be ordered. */
@RestController
class CatalogController {

  record PublicCatalogItem(String sku, ItemKind kind, String name, String brand, String unit, BigDecimal unitPrice,
      String merchant, int maxQuantity) {}

  private final CatalogRepository catalog;

  CatalogController(CatalogRepository catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/api/public/catalog")
  List<PublicCatalogItem> catalog() {
    return catalog.findActive().stream()
        .map(item -> new PublicCatalogItem(item.sku(), item.kind(), item.name(), item.brand(), item.unit(),
            item.unitPrice(), item.merchant(), item.maxQuantity()))
        .toList();
  }
}
