package org.yizhan.needs;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class NeedsRepository {

  public record Need(long id, String residentId, String deliveryNo, NeedCategory category, String details,
      String heardBy, LocalDateTime heardAt, String orderNo) {}

  public record CategoryCount(NeedCategory category, long count) {}

  private static final String COLUMNS = "id, resident_id as residentId, delivery_no as deliveryNo, category, details, "
      + "heard_by as heardBy, heard_at as heardAt, order_no as orderNo";

  private final JdbcClient jdbc;

  public NeedsRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String residentId, String deliveryNo, NeedCategory category, String details, String heardBy) {
    jdbc.sql("""
            insert into resident_need (resident_id, delivery_no, category, details, heard_by, heard_at)
            values (?, ?, ?, ?, ?, ?)""")
        .params(residentId, deliveryNo, category.name(), details, heardBy, LocalDateTime.now()).update();
  }

  public Optional<Need> find(long id) {
    return jdbc.sql("select " + COLUMNS + " from resident_need where id = ?").param(id).query(Need.class).optional();
  }

  public List<Need> ofResident(String residentId) {
    return jdbc.sql("select " + COLUMNS + " from resident_need where resident_id = ? order by heard_at desc, id desc")
        .param(residentId).query(Need.class).list();
  }

  public List<CategoryCount> top(LocalDateTime since) {
    return jdbc.sql("""
            select category, count(*) as count from resident_need where heard_at >= ?
            group by category order by count(*) desc, category""")
        .param(since).query(CategoryCount.class).list();
  }

  /** Marks the need as answered by the order; false when another volunteer was quicker. */
  public boolean markOrdered(long id, String orderNo) {
    return jdbc.sql("update resident_need set order_no = ? where id = ? and order_no is null").params(orderNo, id)
        .update() == 1;
  }
}
