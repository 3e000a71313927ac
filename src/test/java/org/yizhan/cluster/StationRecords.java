package org.yizhan.cluster;

import static org.yizhan.order.OrderProcess.TASK_ACCEPT_ORDER;
import static org.yizhan.order.OrderProcess.TASK_CHASE_UNACCEPTED_ORDER;
import static org.yizhan.order.OrderProcess.TASK_CONFIRM_STOCK;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the database holds after a crash, read with SQL straight from the tables (the node may be dead): the station's
 * orders, Camunda's process instances and tasks, and the places where the two could disagree.
 */
final class StationRecords {

  private final Connection connection;

  StationRecords(Connection connection) {
    this.connection = connection;
  }

  Set<String> orderNumbers() throws SQLException {
    return strings("select order_no from station_order");
  }

  /** Orders with no station-order process instance of their number (running or ended). */
  List<String> ordersWithoutProcess() throws SQLException {
    return list("select o.order_no from station_order o where not exists (select 1 from act_hi_procinst p "
        + "where p.business_key_ = o.order_no and p.proc_def_key_ = 'station-order')");
  }

  /** Station-order process instances whose order is not in the station's book. */
  List<String> processesWithoutOrder() throws SQLException {
    return list("select p.business_key_ from act_hi_procinst p where p.proc_def_key_ = 'station-order' "
        + "and not exists (select 1 from station_order o where o.order_no = p.business_key_)");
  }

  /** Numbers that have more than one process instance. */
  List<String> ordersWithTwoProcesses() throws SQLException {
    return list("select business_key_ from act_hi_procinst where proc_def_key_ = 'station-order' "
        + "group by business_key_ having count(*) > 1");
  }

  /** Orders whose acceptance was completed: ended in history, gone from the open tasks. */
  Set<String> acceptedOrders() throws SQLException {
    return strings("select p.business_key_ from act_hi_taskinst t join act_hi_procinst p on p.id_ = t.proc_inst_id_ "
        + "where t.task_def_key_ = '" + TASK_ACCEPT_ORDER + "' and t.end_time_ is not null "
        + "and t.delete_reason_ = 'completed' and not exists (select 1 from act_ru_task r where r.id_ = t.id_)");
  }

  /**
   * Accept tasks that are half done: completed in history while still open, or completed without the order going on
   * (no task of the merchant's part started after it).
   */
  List<String> halfCompletedAcceptTasks() throws SQLException {
    List<String> half = list("select t.id_ from act_hi_taskinst t where t.task_def_key_ = '" + TASK_ACCEPT_ORDER + "' "
        + "and t.end_time_ is not null and exists (select 1 from act_ru_task r where r.id_ = t.id_)");
    half.addAll(list("select p.business_key_ from act_hi_taskinst t join act_hi_procinst p on p.id_ = t.proc_inst_id_ "
        + "where t.task_def_key_ = '" + TASK_ACCEPT_ORDER + "' and t.delete_reason_ = 'completed' "
        + "and not exists (select 1 from act_hi_taskinst n where n.proc_inst_id_ = t.proc_inst_id_ "
        + "and n.task_def_key_ = '" + TASK_CONFIRM_STOCK + "')"));
    return half;
  }

  /** Running station-order instances with nothing to do: no open task and no job (they could never go on). */
  List<String> stuckProcesses() throws SQLException {
    return list("select e.business_key_ from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_ "
        + "where e.id_ = e.proc_inst_id_ and d.key_ = 'station-order' "
        + "and not exists (select 1 from act_ru_task t where t.proc_inst_id_ = e.id_) "
        + "and not exists (select 1 from act_ru_job j where j.process_instance_id_ = e.id_)");
  }

  /** Idempotency keys committed without the order they promise. */
  List<String> keysWithoutOrder() throws SQLException {
    return list("select idem_key from order_idempotency_key where order_no is null");
  }

  /** Orders placed twice for one client request (the same note, which carries the request's number). */
  List<String> requestsPlacedTwice() throws SQLException {
    return list("select note from station_order where note like 'traffic %' group by note having count(*) > 1");
  }

  /** How many chase tasks each order whose accept timer fired has (exactly one each, whoever ran the timer). */
  List<String> ordersChasedTwice() throws SQLException {
    return list("select p.business_key_ from act_hi_taskinst t join act_hi_procinst p on p.id_ = t.proc_inst_id_ "
        + "where t.task_def_key_ = '" + TASK_CHASE_UNACCEPTED_ORDER + "' group by p.business_key_ having count(*) > 1");
  }

  Set<String> chasedOrders() throws SQLException {
    return strings("select p.business_key_ from act_hi_taskinst t join act_hi_procinst p on p.id_ = t.proc_inst_id_ "
        + "where t.task_def_key_ = '" + TASK_CHASE_UNACCEPTED_ORDER + "'");
  }

  /** Orders still waiting for acceptance whose accept timer should have fired by now. */
  Set<String> ordersWaitingForAcceptance() throws SQLException {
    return strings("select p.business_key_ from act_ru_task t join act_hi_procinst p on p.id_ = t.proc_inst_id_ "
        + "where t.task_def_key_ = '" + TASK_ACCEPT_ORDER + "'");
  }

  private Set<String> strings(String sql) throws SQLException {
    return new HashSet<>(list(sql));
  }

  private List<String> list(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
