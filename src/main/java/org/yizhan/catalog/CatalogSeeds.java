package org.yizhan.catalog;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.yizhan.platform.security.IdentitySeeds;
import org.yizhan.platform.seeds.DemoSeeds;

/** The demo station's partner merchants (each with its own group of users) and the goods and services it offers. */
@Component
@Order(30)
class CatalogSeeds implements DemoSeeds {

  record MerchantSeed(String id, String name, List<String> users) {}

  record CatalogSeed(String sku, String kind, String name, String brand, String unit, BigDecimal unitPrice,
      String merchantId, int maxQuantity, Boolean active) {}

  private final MerchantRepository merchants;
  private final IdentitySeeds identity;
  private final JdbcClient jdbc;

  CatalogSeeds(MerchantRepository merchants, IdentitySeeds identity, JdbcClient jdbc) {
    this.merchants = merchants;
    this.identity = identity;
    this.jdbc = jdbc;
  }

  @Override
  public List<SeedFile> files() {
    return List.of(
        new SeedFile("merchants.yaml", files -> files.read("merchants.yaml", MerchantSeed.class).forEach(this::merchant)),
        new SeedFile("catalog.yaml", files -> files.read("catalog.yaml", CatalogSeed.class).forEach(this::item)));
  }

  private void merchant(MerchantSeed seed) {
    String groupId = Merchant.groupOf(seed.id());
    merchants.addIfMissing(new Merchant(seed.id(), seed.name(), groupId));
    identity.members(groupId, "Merchant " + seed.name(), seed.users());
  }

  private void item(CatalogSeed item) {
    jdbc.sql("""
            insert into catalog_item (sku, kind, name, brand, unit, unit_price, merchant_id, max_quantity, active)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(item.sku(), item.kind(), item.name(), item.brand(), item.unit(), item.unitPrice(), item.merchantId(),
            item.maxQuantity(), item.active() == null || item.active())
        .update();
  }
}
