package org.yizhan.volunteers;

import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.yizhan.platform.web.ApiException;

/** Volunteer points (积分): credited for completed work, redeemed for small prizes, never below zero. */
@Service
public class PointsLedger {

  public record Entry(LocalDateTime at, int points, String reason, String ref) {}

  public record Account(int balance, List<Entry> entries) {}

  private final JdbcClient jdbc;

  public PointsLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void credit(String userId, int points, String reason, String ref) {
    if (points <= 0) {
      return;
    }
    int updated = jdbc.sql("update volunteer_balance set balance = balance + ? where user_id = ?")
        .params(points, userId).update();
    if (updated == 0) {
      jdbc.sql("insert into volunteer_balance (user_id, balance) values (?, ?)").params(userId, points).update();
    }
    append(userId, points, reason, ref);
  }

  /** Takes the points off in one statement that cannot go below zero, so two redemptions at once cannot overdraw. */
  public Account redeem(String userId, int points, String prize, String recordedBy) {
    int updated = jdbc.sql("update volunteer_balance set balance = balance - ? where user_id = ? and balance >= ?")
        .params(points, userId, points).update();
    if (updated == 0) {
      throw ApiException.conflict(userId + " has " + balance(userId) + " points, not enough for " + prize + " ("
          + points + " points)");
    }
    append(userId, -points, "Redeemed: " + prize + " (兑换奖品), recorded by " + recordedBy, null);
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
