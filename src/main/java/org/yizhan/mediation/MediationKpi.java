package org.yizhan.mediation;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The mediation figures a station manager reports: where cases start, where they settle, and what is owed. */
@Component
class MediationKpi {

  record Figures(long cases, Map<Integer, Long> casesByStartLevel, Map<Integer, Long> settledByLevel,
      double shareSettledInBuilding, double shareSettledInCommunity, long referred, long followUpsDone,
      long followUpsOnTime, BigDecimal subsidiesOwed) {}

  private final JdbcClient jdbc;

  MediationKpi(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Cases registered from (inclusive) to (exclusive). */
  Figures between(LocalDateTime from, LocalDateTime to) {
    long total = count("select count(*) from dispute_case where registered_at >= ? and registered_at < ?", from, to);
    Map<Integer, Long> byStart = byLevel("start_level", from, to);
    Map<Integer, Long> bySettled = byLevel("settled_at_level", from, to);
    long settled = bySettled.values().stream().mapToLong(Long::longValue).sum();
    long inBuilding = bySettled.getOrDefault(1, 0L);
    long inCommunity = inBuilding + bySettled.getOrDefault(2, 0L) + bySettled.getOrDefault(3, 0L);
    long referred = count("select count(*) from dispute_case where status = 'REFERRED' and registered_at >= ? "
        + "and registered_at < ?", from, to);
    long followUps = count("select count(*) from dispute_case where follow_up_done_at is not null and registered_at >= ? "
        + "and registered_at < ?", from, to);
    long onTime = count("select count(*) from dispute_case where follow_up_done_at is not null "
        + "and follow_up_done_at <= follow_up_due and registered_at >= ? and registered_at < ?", from, to);
    BigDecimal owed = jdbc.sql("""
            select coalesce(sum(s.amount), 0) from mediation_subsidy s join dispute_case c on c.case_no = s.case_no
            where c.registered_at >= ? and c.registered_at < ?""")
        .params(from, to).query(BigDecimal.class).single();
    return new Figures(total, byStart, bySettled, share(inBuilding, settled), share(inCommunity, settled), referred,
        followUps, onTime, owed);
  }

  private Map<Integer, Long> byLevel(String column, LocalDateTime from, LocalDateTime to) {
    Map<Integer, Long> counts = new LinkedHashMap<>();
    for (int level = 1; level <= 4; level++) {
      counts.put(level, count("select count(*) from dispute_case where " + column + " = " + level
          + " and registered_at >= ? and registered_at < ?", from, to));
    }
    return counts;
  }

  private long count(String sql, LocalDateTime from, LocalDateTime to) {
    return jdbc.sql(sql).params(from, to).query(Long.class).single();
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
  }
}
