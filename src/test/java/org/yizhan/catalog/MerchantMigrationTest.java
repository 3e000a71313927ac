package org.yizhan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V6 turns the free-text merchant names of a station that already has a catalog and orders into merchant records: the
 * demo merchants get their seeds' ids, any other name a numbered one, and the catalog and order lines point at them.
 * On H2 by default; {@code -Dyizhan.migration-test.url=jdbc:postgresql://…} (with {@code .user}, {@code .password})
 * runs it on an empty PostgreSQL database.
 */
class MerchantMigrationTest {

  @Test
  void freeTextMerchantNamesBecomeMerchantsThatCatalogAndOrderLinesReferTo() {
    DriverManagerDataSource database = new DriverManagerDataSource(
        System.getProperty("yizhan.migration-test.url", "jdbc:h2:mem:merchant-migration;DB_CLOSE_DELAY=-1"),
        System.getProperty("yizhan.migration-test.user", "sa"),
        System.getProperty("yizhan.migration-test.password", ""));
    JdbcClient jdbc = JdbcClient.create(database);
    Flyway.configure().dataSource(database).locations("classpath:db/migration").target("5").load().migrate();
    jdbc.sql("insert into grid (id, name) values ('G01', 'Grid 1')").update();
    jdbc.sql("insert into building (id, name, grid_id) values ('B01', 'Building 1', 'G01')").update();
    jdbc.sql("insert into resident (id, name, building_id) values ('R-0002', 'Liu', 'B01')").update();
    catalogItem("RICE-5KG", "GOODS", "Hetao Market (河套超市)", jdbc);
    catalogItem("OIL-5L", "GOODS", "Wuda Grain & Oil (乌达粮油店)", jdbc);
    catalogItem("TEA-1KG", "GOODS", "Corner tea shop", jdbc);
    catalogItem("SVC-PARCEL", "SERVICE", null, jdbc);
    jdbc.sql("""
            insert into station_order (order_no, resident_id, status, total, placed_at)
            values ('YZ-261101-0001', 'R-0002', 'COMPLETED', 10, current_timestamp)""").update();
    orderLine(1, "RICE-5KG", "Hetao Market (河套超市)", jdbc);
    orderLine(2, "SOAP", "A merchant the catalog no longer has", jdbc);

    Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

    assertThat(jdbc.sql("select id, name, group_id from merchant order by id").query().listOfRows())
        .extracting(row -> List.of(row.get("id"), row.get("name"), row.get("group_id")))
        .containsExactly(
            List.of("hetao-market", "Hetao Market (河套超市)", "merchant-hetao-market"),
            List.of("m1", "A merchant the catalog no longer has", "merchant-m1"),
            List.of("m2", "Corner tea shop", "merchant-m2"),
            List.of("wuda-grain", "Wuda Grain & Oil (乌达粮油店)", "merchant-wuda-grain"));
    Map<String, Object> catalog = new java.util.TreeMap<>();
    jdbc.sql("select sku, merchant_id from catalog_item").query()
        .listOfRows().forEach(row -> catalog.put((String) row.get("sku"), row.get("merchant_id")));
    assertThat(catalog).containsEntry("RICE-5KG", "hetao-market").containsEntry("OIL-5L", "wuda-grain")
        .containsEntry("TEA-1KG", "m2").containsEntry("SVC-PARCEL", null);
    assertThat(jdbc.sql("select merchant_id from station_order_item order by line_no").query(String.class).list())
        .containsExactly("hetao-market", "m1");
    assertThat(jdbc.sql("select merchant from station_order_item where line_no = 1").query(String.class).single())
        .as("the line keeps the name it was ordered under").isEqualTo("Hetao Market (河套超市)");
  }

  private static void catalogItem(String sku, String kind, String merchant, JdbcClient jdbc) {
    jdbc.sql("""
            insert into catalog_item (sku, kind, name, unit, unit_price, merchant, max_quantity)
            values (?, ?, ?, 'bag', 1.00, ?, 2)""").params(sku, kind, sku, merchant).update();
  }

  private static void orderLine(int lineNo, String sku, String merchant, JdbcClient jdbc) {
    jdbc.sql("""
            insert into station_order_item (order_no, line_no, sku, kind, name, unit, unit_price, quantity, merchant)
            values ('YZ-261101-0001', ?, ?, 'GOODS', ?, 'bag', 1.00, 1, ?)""")
        .params(lineNo, sku, sku, merchant).update();
  }
}
