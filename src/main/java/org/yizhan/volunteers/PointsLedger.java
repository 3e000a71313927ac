package org.yizhan.volunteers;

import java.time.LocalDateTime;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Service;
import org.yizhan.platform.web.ApiException;

/** Volunteer points (积分): credited for completed work, redeemed for small prizes, never below zero. */
@Service
public class PointsLedger {

  public record Entry(LocalDateTime at, int points, String reason, String ref) {}

  public record Account(int balance, List<Entry> entries) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate savepoint;

  public PointsLedger(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  public void credit(String userId, int points, String reason, String ref) {
    if (points <= 0) {
      return;
    }
    openAccount(userId);
    jdbc.sql("update volunteer_balance set balance = balance + ? where user_id = ?").params(points, userId).update();
    append(userId, points, reason, ref);
  }

  /**
   * Makes sure the volunteer has a balance row. Two first deliveries of the same volunteer may finish at once: the
   * second insert then fails on the key, is rolled back to its savepoint, and the surrounding work goes on.
   */
  private void openAccount(String userId) {
    if (jdbc.sql("select count(*) from volunteer_balance where user_id = ?").param(userId).query(Integer.class)
        .single() > 0) {
      return;
    }
    try {
      savepoint.executeWithoutResult(status ->
          jdbc.sql("insert into volunteer_balance (user_id, balance) values (?, 0)").param(userId).update());
    } catch (DuplicateKeyException openedMeanwhile) {
      // Another delivery opened the account first; its row is what we update.
    }
  }

  /** Takes the points off in one statement that cannot go below zero, so two redemptions at once cannot overdraw. */
  public Account redeem(String userId, int points, String prize, String recordedBy) {
    int updated = jdbc.sql("update volunteer_balance set balance = balance - ? where user_id = ? and balance >= ?")
        .params(points, userId, points).update();
    if (updated == 0) {
      throw ApiException.conflict("积分不足 (" + userId + " has " + balance(userId) + " points, not enough for " + prize + ", "
          + points + " points)");
    }
    append(userId, -points, "兑换奖品 (Redeemed): " + prize + "，登记人 (recorded by) " + recordedBy, null);
    return account(userId);
  }

  public Account account(String userId) {
    List<Entry> entries = jdbc.sql("select at, points, reason, ref from volunteer_points where user_id = ? order by at, id")
        .param(userId).query(Entry.class).list();
    return new Account(balance(userId), entries);
  }

  private int balance(String userId) {
    return jdbc.sql("select balance from volunteer_balance where user_id = ?").param(userId).query(Integer.class)
        .optional().orElse(0);
  }

  private void append(String userId, int points, String reason, String ref) {
    jdbc.sql("insert into volunteer_points (user_id, at, points, reason, ref) values (?, ?, ?, ?, ?)")
        .params(userId, LocalDateTime.now(), points, reason, ref).update();
  }
}
