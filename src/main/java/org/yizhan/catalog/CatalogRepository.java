package org.yizhan.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CatalogRepository {

  /** Aliased to the record's names, so the row mapper finds each column at the first try. */
  private static final String COLUMNS =
      "sku, kind, name, brand, unit, unit_price as unitPrice, merchant, max_quantity as maxQuantity, active";

  private final JdbcClient jdbc;

  public CatalogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<CatalogItem> findActive() {
    return jdbc.sql("select " + COLUMNS + " from catalog_item where active = true order by kind, sku")
        .query(CatalogItem.class).list();
  }

  public Optional<CatalogItem> find(String sku) {
    return jdbc.sql("select " + COLUMNS + " from catalog_item where sku = ?").param(sku).query(CatalogItem.class).optional();
  }
}
