package org.yizhan.catalog;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CatalogRepository {

  /** Aliased to the record's names, so the row mapper finds each column at the first try. */
  private static final String COLUMNS = "c.sku, c.kind, c.name, c.brand, c.unit, c.unit_price as unitPrice, "
      + "c.merchant_id as merchantId, m.name as merchant, c.max_quantity as maxQuantity, c.active";
  private static final String FROM = " from catalog_item c left join merchant m on m.id = c.merchant_id";

  private final JdbcClient jdbc;

  public CatalogRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<CatalogItem> findActive() {
    return jdbc.sql("select " + COLUMNS + FROM + " where c.active = true order by c.kind, c.sku")
        .query(CatalogItem.class).list();
  }

  public Optional<CatalogItem> find(String sku) {
    return jdbc.sql("select " + COLUMNS + FROM + " where c.sku = ?").param(sku).query(CatalogItem.class).optional();
  }
}
