package org.yizhan.mediation;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The case tables; called inside the engine's transaction, so a case and its process change together. */
@Repository
public class CaseRepository {

  public record CaseEvent(LocalDateTime at, Integer level, String event, String reason) {}

  public record DisputeCase(String caseNo, String buildingId, DisputeType type, String parties, String description,
      String riskFlags, CaseStatus status, Integer startLevel, Integer currentLevel, Integer settledAtLevel, String owner,
      LocalDateTime registeredAt, String agreement, Integer satisfaction, LocalDateTime followUpDue,
      LocalDateTime followUpDoneAt, String processInstanceId) {}

  /** Aliased to the record's names, so the row mapper finds each column at the first try. */
  private static final String COLUMNS = """
      case_no as caseNo, building_id as buildingId, type, parties, description, risk_flags as riskFlags, status,
      start_level as startLevel, current_level as currentLevel, settled_at_level as settledAtLevel, owner,
      registered_at as registeredAt, agreement, satisfaction, follow_up_due as followUpDue, follow_up_done_at as
      followUpDoneAt, process_instance_id as processInstanceId""";

  private final JdbcClient jdbc;

  public CaseRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void insert(String caseNo, Dispute dispute, String owner, String processInstanceId) {
    jdbc.sql("""
            insert into dispute_case (case_no, building_id, type, parties, description, risk_flags, status, owner,
                                      registered_at, process_instance_id)
            values (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?)""")
        .params(caseNo, dispute.buildingId(), dispute.type().name(), dispute.parties(), dispute.description(),
            String.join(",", dispute.riskFlags().stream().map(Enum::name).toList()), owner, LocalDateTime.now(),
            processInstanceId)
        .update();
  }

  void event(String caseNo, Integer level, String event, String reason, String byUser) {
    jdbc.sql("insert into dispute_event (case_no, at, level, event, reason, by_user) values (?, ?, ?, ?, ?, ?)")
        .params(caseNo, LocalDateTime.now(), level, event, reason == null || reason.length() <= 2000 ? reason
            : reason.substring(0, 2000), byUser)
        .update();
  }

  void reached(String caseNo, String groupId) {
    if (jdbc.sql("select count(*) from dispute_reached_group where case_no = ? and group_id = ?")
        .params(caseNo, groupId).query(Integer.class).single() == 0) {
      jdbc.sql("insert into dispute_reached_group (case_no, group_id) values (?, ?)").params(caseNo, groupId).update();
    }
  }

  void startLevel(String caseNo, int level) {
    jdbc.sql("update dispute_case set start_level = ?, current_level = ? where case_no = ?")
        .params(level, level, caseNo).update();
  }

  void atLevel(String caseNo, int level) {
    jdbc.sql("update dispute_case set current_level = ?, status = 'OPEN' where case_no = ?").params(level, caseNo).update();
  }

  void settled(String caseNo, int level, String agreement, LocalDateTime followUpDue) {
    jdbc.sql("""
            update dispute_case set status = 'FOLLOW_UP', settled_at_level = ?, agreement = ?, follow_up_due = ?
            where case_no = ?""")
        .params(level, agreement, followUpDue, caseNo).update();
  }

  void followedUp(String caseNo) {
    jdbc.sql("update dispute_case set follow_up_done_at = ? where case_no = ?").params(LocalDateTime.now(), caseNo).update();
  }

  void close(String caseNo, CaseStatus status, Integer satisfaction) {
    jdbc.sql("update dispute_case set status = ?, satisfaction = coalesce(?, satisfaction), closed_at = ? where case_no = ?")
        .params(status.name(), satisfaction, LocalDateTime.now(), caseNo).update();
  }

  /** One case, one subsidy: a case settled again after flaring up earns nothing more. */
  boolean creditSubsidy(String caseNo, int level, String organisation, BigDecimal amount) {
    if (jdbc.sql("select count(*) from mediation_subsidy where case_no = ?").param(caseNo).query(Integer.class).single() > 0) {
      return false;
    }
    jdbc.sql("insert into mediation_subsidy (case_no, level, organisation, amount, credited_at) values (?, ?, ?, ?, ?)")
        .params(caseNo, level, organisation, amount, LocalDateTime.now()).update();
    return true;
  }

  public Optional<DisputeCase> find(String caseNo) {
    return jdbc.sql("select " + COLUMNS + " from dispute_case where case_no = ?").param(caseNo)
        .query(DisputeCase.class).optional();
  }

  public List<CaseEvent> history(String caseNo) {
    return jdbc.sql("select at, level, event, reason from dispute_event where case_no = ? order by at, id")
        .param(caseNo).query(CaseEvent.class).list();
  }

  boolean reachedAnyOf(String caseNo, Collection<String> groups) {
    if (groups.isEmpty()) {
      return false;
    }
    return jdbc.sql("select count(*) from dispute_reached_group where case_no = :caseNo and group_id in (:groups)")
        .param("caseNo", caseNo).param("groups", groups).query(Integer.class).single() > 0;
  }
}
