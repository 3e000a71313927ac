package org.yizhan.volunteers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yizhan.platform.web.ApiException;
import org.yizhan.volunteers.LedgerDatabase.Kind;

/**
 * V9 makes the balance the sum of the entries: every volunteer keeps the balance the previous release showed, and
 * while nodes of both releases run on one database (an upgrade node by node) neither can overdraw. On H2 and on a
 * fresh PostgreSQL database (skipped without the server).
 */
class PointsMigrationTest {

  private LedgerDatabase database;

  @AfterEach
  void close() throws Exception {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyVolunteerKeepsTheBalanceThePreviousReleaseShowed(Kind kind) throws Exception {
    database = LedgerDatabase.create(kind, "8");
    previousRelease("wang.fang", 12, 10, 5, -3); // as the previous release wrote them: row and entries agree
    previousRelease("li.qiang", 20, 15);          // a row changed by hand
    previousRelease("zhao.min", 7);               // a balance without entries
    previousRelease("sun.hao", null, 4);          // entries without a row: the previous release showed 0

    database.migrate(null);

    PointsLedger ledger = database.ledger;
    assertThat(ledger.account("wang.fang").balance()).isEqualTo(12);
    assertThat(ledger.account("wang.fang").entries()).as("nothing to carry over").hasSize(3);
    assertThat(ledger.account("li.qiang").balance()).isEqualTo(20);
    assertThat(ledger.account("li.qiang").entries()).last()
        .satisfies(carried -> assertThat(carried.points()).isEqualTo(5))
        .satisfies(carried -> assertThat(carried.reason()).startsWith("升级时结转的余额 (Balance carried over"));
    assertThat(ledger.account("zhao.min").balance()).isEqualTo(7);
    assertThat(ledger.account("sun.hao").balance()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aNodeOfThePreviousReleaseCannotOverdrawWhatANewNodeRedeemed(Kind kind) throws Exception {
    upgradeWithWangFangAt12(kind);
    database.transaction.executeWithoutResult(status -> database.ledger.credit("wang.fang", 5, "送餐 (Meal)", "D-1"));

    database.ledger.redeem("wang.fang", 15, "电饭煲 (Rice cooker)", "chen.jing");

    assertThat(database.ledger.account("wang.fang").balance()).isEqualTo(2);
    assertThat(oldNodeRedeems("wang.fang", 5)).as("the old node refuses 5 of the 2 points left").isZero();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void whileNodesBeforeV9RunTheyShowTheCreditsOfNewNodesToo(Kind kind) throws Exception {
    upgradeWithWangFangAt12(kind);
    PointsLedger newNode = database.ledgerWhileNodesBeforeV9Run();

    database.transaction.executeWithoutResult(status -> newNode.credit("wang.fang", 5, "送餐 (Meal)", "D-1"));
    oldNodeCredits("wang.fang", 3, "D-2");
    newNode.redeem("wang.fang", 4, "毛巾 (Towel)", "chen.jing");
    database.transaction.executeWithoutResult(status -> newNode.credit("sun.hao", 2, "送餐 (Meal)", "D-3"));

    assertThat(oldNodeShows("wang.fang")).as("12 + 5 + 3 - 4, on an old node").isEqualTo(16);
    assertThat(newNode.account("wang.fang").balance()).isEqualTo(16);
    assertThat(oldNodeShows("sun.hao")).as("a volunteer whose first points came from a new node").isEqualTo(2);
    assertThat(oldNodeRedeems("wang.fang", 16)).as("the old node lets the whole balance be redeemed").isOne();
    assertThat(newNode.account("wang.fang").balance()).isZero();
  }

  /**
   * Any mix of both releases' credits and redemptions, some refused and some rolled back, for volunteers with and
   * without a row from before the upgrade: after every step the old nodes show what the new ones do.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void whileNodesBeforeV9RunBothReleasesShowTheSameBalanceAfterEveryStep(Kind kind) throws Exception {
    upgradeWithWangFangAt12(kind);
    PointsLedger newNode = database.ledgerWhileNodesBeforeV9Run();
    List<String> volunteers = List.of("wang.fang", "li.qiang", "zhao.min");
    Random steps = new Random(20261130);
    for (int step = 0; step < 120; step++) {
      String volunteer = volunteers.get(steps.nextInt(volunteers.size()));
      int points = 1 + steps.nextInt(9);
      String ref = "D-" + step;
      switch (steps.nextInt(5)) {
        case 0 -> database.transaction.executeWithoutResult(status -> newNode.credit(volunteer, points, "送餐 (Meal)", ref));
        case 1 -> oldNodeCredits(volunteer, points, ref);
        case 2 -> {
          try {
            newNode.redeem(volunteer, points, "毛巾 (Towel)", "chen.jing");
          } catch (ApiException notEnoughPoints) {
            // refused with 409, nothing written
          }
        }
        case 3 -> oldNodeRedeems(volunteer, points);
        default -> database.transaction.executeWithoutResult(status -> {
          newNode.credit(volunteer, points, "送餐 (Meal)", ref);
          status.setRollbackOnly();
        });
      }
      for (String each : volunteers) {
        assertThat(oldNodeShows(each)).as("%s after step %d", each, step).isEqualTo(newNode.account(each).balance());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void onceNoNodeBeforeV9RunsACreditLeavesTheOldColumnAlone(Kind kind) throws Exception {
    database = LedgerDatabase.create(kind, null);

    database.transaction.executeWithoutResult(status -> database.ledger.credit("sun.hao", 2, "送餐 (Meal)", "D-3"));

    assertThat(database.ledger.account("sun.hao").balance()).isEqualTo(2);
    assertThat(database.jdbc.sql("select count(*) from volunteer_balance").query(Integer.class).single())
        .as("no row for credits to wait on").isZero();
  }

  /** wang.fang with 12 points under the previous release (row and entries agreeing), then this release's migrations. */
  private void upgradeWithWangFangAt12(Kind kind) throws Exception {
    database = LedgerDatabase.create(kind, "8");
    previousRelease("wang.fang", 12, 12);
    database.migrate(null);
  }

  /** The previous release's credit, statement for statement. */
  private void oldNodeCredits(String userId, int points, String ref) {
    database.transaction.executeWithoutResult(status -> {
      if (database.jdbc.sql("select count(*) from volunteer_balance where user_id = ?").param(userId)
          .query(Integer.class).single() == 0) {
        database.jdbc.sql("insert into volunteer_balance (user_id, balance) values (?, 0)").param(userId).update();
      }
      database.jdbc.sql("update volunteer_balance set balance = balance + ? where user_id = ?").params(points, userId)
          .update();
      database.jdbc.sql("insert into volunteer_points (user_id, at, points, reason, ref) values (?, ?, ?, ?, ?)")
          .params(userId, LocalDateTime.now(), points, "送餐 (Meal)", ref).update();
    });
  }

  /** The balance the previous release showed: its column. */
  private int oldNodeShows(String userId) {
    return database.jdbc.sql("select balance from volunteer_balance where user_id = ?").param(userId)
        .query(Integer.class).optional().orElse(0);
  }

  /** The previous release's redemption: the rows it changed, 0 when it refused. */
  private int oldNodeRedeems(String userId, int points) {
    return database.transaction.execute(status -> {
      int updated = database.jdbc.sql(
              "update volunteer_balance set balance = balance - ? where user_id = ? and balance >= ?")
          .params(points, userId, points).update();
      if (updated == 1) {
        database.jdbc.sql("insert into volunteer_points (user_id, at, points, reason) values (?, ?, ?, 'prize')")
            .params(userId, LocalDateTime.now(), -points).update();
      }
      return updated;
    });
  }

  /** A volunteer as the previous release left them: the balance row (null: none) and the entries. */
  private void previousRelease(String userId, Integer balance, int... entries) {
    if (balance != null) {
      database.jdbc.sql("insert into volunteer_balance (user_id, balance) values (?, ?)").params(userId, balance)
          .update();
    }
    LocalDateTime at = LocalDateTime.of(2026, 11, 1, 9, 0);
    for (int points : entries) {
      at = at.plusMinutes(1);
      database.jdbc.sql("insert into volunteer_points (user_id, at, points, reason) values (?, ?, ?, 'earlier')")
          .params(userId, at, points).update();
    }
  }
}
