package org.yizhan.catalog;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class MerchantRepository {

  private final JdbcClient jdbc;

  public MerchantRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Merchant> find(String id) {
    return jdbc.sql("select id, name, group_id as groupId from merchant where id = ?").param(id)
        .query(Merchant.class).optional();
  }

  /** Adds the merchant unless it is there already (a station upgraded from free-text merchant names has it). */
  public void addIfMissing(Merchant merchant) {
    if (find(merchant.id()).isEmpty()) {
      jdbc.sql("insert into merchant (id, name, group_id) values (?, ?, ?)")
          .params(merchant.id(), merchant.name(), merchant.groupId()).update();
    }
  }
}
