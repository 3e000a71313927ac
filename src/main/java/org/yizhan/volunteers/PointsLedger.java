package org.yizhan.volunteers;

import java.time.LocalDateTime;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.yizhan.platform.web.ApiException;

/**
 * Volunteer points (积分): credited for completed work, redeemed for small prizes, never below zero.
 *
 * <p>The balance is the sum of the volunteer's entries in {@code volunteer_points}; nothing else holds it.
 *
 * <p><b>Credits only insert an entry.</b> A credit runs inside the transaction of the work it rewards (a delivery's
 * completion, with all of Camunda's writes), so it must not touch a row other credits touch: an update of one balance
 * row per volunteer made two deliveries of the same volunteer wait for each other until the first had committed, up
 * to 771 ms on PostgreSQL (docs/performance.md). An insert of a row of its own waits for nobody, and a rolled-back
 * completion takes its entry with it.
 *
 * <p><b>Redemptions are serialised per volunteer</b> by the lock of the volunteer's row in {@code volunteer_balance}
 * ({@code select ... for update}), which only redemptions take; under it they sum the committed entries, check and
 * insert the negative entry. Two redemptions at once therefore check one after the other, and the second sees the
 * first's entry: the statements after the lock read what is committed when they run (READ COMMITTED, the isolation
 * Camunda requires on every database). A credit not yet committed is not counted, which can only make a redemption
 * refuse, never overdraw; nothing but a redemption takes points off. A lock rather than a check constraint, because a
 * constraint cannot see a sum, and a lock on a row of the volunteer's own rather than a PostgreSQL advisory lock,
 * because H2 has none and the rows also serialise against the previous release (below).
 *
 * <p><b>The previous release</b> kept the balance in {@code volunteer_balance.balance} and refused a redemption with
 * {@code balance >= points} in the update. While a cluster is upgraded node by node, nodes of both releases run on
 * one database, so a redemption here also lowers that column (never below zero): the column then never exceeds the
 * sum of entries, and a redemption on an old node, which checks the column under the same row lock, cannot overdraw
 * either. Old nodes show that column as the balance. So that it holds the credits made on new nodes too, the nodes of
 * this release are started with {@code yizhan.points.nodes-before-v9: true} for as long as old nodes run: a credit then
 * also adds to the column, as the previous release's credits did, and the column stays equal to the sum. That brings
 * back, for the upgrade only, the wait of one volunteer's completions for each other; once the last old node is gone
 * the setting goes back to false (docs/operations.md, 升级). The next release may drop the column.
 */
@Service
public class PointsLedger {

  private static final Logger log = LoggerFactory.getLogger(PointsLedger.class);

  public record Entry(LocalDateTime at, int points, String reason, String ref) {}

  public record Account(int balance, List<Entry> entries) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final TransactionTemplate savepoint;
  private final boolean nodesBeforeV9;

  /** @param nodesBeforeV9 nodes of a release before V9 still run on this database and show the balance column */
  public PointsLedger(JdbcClient jdbc, PlatformTransactionManager transactions,
      @Value("${yizhan.points.nodes-before-v9:false}") boolean nodesBeforeV9) {
    this.jdbc = jdbc;
    this.nodesBeforeV9 = nodesBeforeV9;
    if (nodesBeforeV9) {
      // The operator switched it on for an upgrade; the log reminds them to switch it off when the upgrade is done.
      log.warn("yizhan.points.nodes-before-v9 is on: credits also add to volunteer_balance.balance for nodes of a"
          + " release before V9, and a volunteer's completions wait for each other; switch it off once no such node"
          + " runs (docs/operations.md)");
    }
    this.transaction = new TransactionTemplate(transactions);
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Adds the points in the caller's transaction: they count once it commits, and never if it rolls back. */
  public void credit(String userId, int points, String reason, String ref) {
    if (points <= 0) {
      return;
    }
    if (nodesBeforeV9) {
      addToPreviousReleaseColumn(userId, points);
    }
    append(userId, points, reason, ref);
  }

  /** What the previous release's credit did to its balance column, opening the row as it did when there is none. */
  private void addToPreviousReleaseColumn(String userId, int points) {
    if (addToColumn(userId, points) == 0) {
      openRow(userId);
      addToColumn(userId, points);
    }
  }

  private int addToColumn(String userId, int points) {
    return jdbc.sql("update volunteer_balance set balance = balance + ? where user_id = ?").params(points, userId)
        .update();
  }

  /**
   * Takes the points off if the volunteer has them. Joins the caller's transaction or runs in one of its own: the
   * lock must last until the entry is committed.
   */
  public Account redeem(String userId, int points, String prize, String recordedBy) {
    if (points <= 0) {
      throw new IllegalArgumentException("points to redeem must be positive, not " + points);
    }
    return transaction.execute(status -> {
      lockForRedemption(userId);
      int balance = balanceUnderLock(userId);
      if (balance < points) {
        throw ApiException.conflict("积分不足 (" + userId + " has " + balance + " points, not enough for " + prize
            + ", " + points + " points)");
      }
      append(userId, -points, "兑换奖品 (Redeemed): " + prize + "，登记人 (recorded by) " + recordedBy, null);
      jdbc.sql("update volunteer_balance set balance = greatest(balance - ?, 0) where user_id = ?")
          .params(points, userId).update();
      return account(userId);
    });
  }

  /** The entries and, from the same rows, their sum: what the volunteer sees always adds up. */
  public Account account(String userId) {
    List<Entry> entries = jdbc.sql("select at, points, reason, ref from volunteer_points where user_id = ? order by at, id")
        .param(userId).query(Entry.class).list();
    return new Account(entries.stream().mapToInt(Entry::points).sum(), entries);
  }

  /**
   * Locks the volunteer's row, opening it first for a volunteer who has none (credits open none unless nodes before
   * V9 run).
   */
  private void lockForRedemption(String userId) {
    try {
      if (lock(userId)) {
        return;
      }
      openRow(userId);
      if (!lock(userId)) {
        throw new IllegalStateException("the points row of " + userId + " was neither found nor opened");
      }
    } catch (PessimisticLockingFailureException | QueryTimeoutException stillBusy) {
      // H2 waits for a lock only so long (its LOCK_TIMEOUT); PostgreSQL waits until the other redemption ends.
      throw ApiException.conflict("正在为 " + userId + " 登记另一次兑换，请稍后再试 (Another redemption for " + userId
          + " is being recorded; try again in a moment)");
    }
  }

  /**
   * Inserts the volunteer's row with a balance of 0. When two transactions open it at once, the second insert fails
   * on the key once the first commits and is rolled back to its savepoint; the caller then finds the first's row.
   */
  private void openRow(String userId) {
    try {
      savepoint.executeWithoutResult(status ->
          jdbc.sql("insert into volunteer_balance (user_id, balance) values (?, 0)").param(userId).update());
    } catch (DuplicateKeyException openedMeanwhile) {
      // Opened by another transaction first: the caller's next statement waits for it to end and then finds the row.
    }
  }

  private boolean lock(String userId) {
    return jdbc.sql("select user_id from volunteer_balance where user_id = ? for update").param(userId)
        .query(String.class).optional().isPresent();
  }

  /** Every committed entry (and the caller's own): a redemption running at the same time holds the lock. */
  private int balanceUnderLock(String userId) {
    return jdbc.sql("select coalesce(sum(points), 0) from volunteer_points where user_id = ?").param(userId)
        .query(Integer.class).single();
  }

  private void append(String userId, int points, String reason, String ref) {
    jdbc.sql("insert into volunteer_points (user_id, at, points, reason, ref) values (?, ?, ?, ?, ?)")
        .params(userId, LocalDateTime.now(), points, reason, ref).update();
  }
}
