package org.yizhan.volunteers;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.yizhan.platform.web.ApiException;
import org.yizhan.volunteers.LedgerDatabase.Kind;

/**
 * Two transactions of the same volunteer at once, each on a connection of its own, as two completions or two
 * redemptions on one node or two: credits wait for nobody, redemptions wait for each other and never overdraw. On
 * H2 and on a fresh PostgreSQL database (skipped without the server).
 */
class PointsLedgerConcurrencyTest {

  /** Only against a hang: none of the tests waits this long unless what it checks is broken. */
  private static final long STUCK_SECONDS = 30;

  private static final String VOLUNTEER = "li.qiang";

  private final ExecutorService threads = Executors.newFixedThreadPool(2);
  private LedgerDatabase database;

  @AfterEach
  void close() throws Exception {
    threads.shutdownNow();
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void twoCreditsForTheSameVolunteerDoNotWaitForEachOther(Kind kind) throws Exception {
    database = LedgerDatabase.create(kind, null);
    PointsLedger ledger = database.ledger;
    credit(1, "an earlier delivery, committed");
    CountDownLatch firstCredited = new CountDownLatch(1);
    CountDownLatch secondCommitted = new CountDownLatch(1);

    Future<Boolean> first = threads.submit(() -> database.transaction.execute(status -> {
      ledger.credit(VOLUNTEER, 3, "送餐 (Meal)", "D-1");
      firstCredited.countDown();
      return await(secondCommitted); // the first completion's transaction stays open meanwhile
    }));
    assertThat(await(firstCredited)).isTrue();
    Future<?> second = threads.submit(() -> {
      database.transaction.executeWithoutResult(status -> ledger.credit(VOLUNTEER, 4, "送餐 (Meal)", "D-2"));
      secondCommitted.countDown();
    });

    assertThat(first.get()).as("the second credit committed while the first transaction was still open").isTrue();
    second.get();
    assertThat(ledger.account(VOLUNTEER).balance()).isEqualTo(1 + 3 + 4);
    assertThat(ledger.account(VOLUNTEER).entries()).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aCreditDoesNotWaitForARedemptionInProgress(Kind kind) throws Exception {
    database = LedgerDatabase.create(kind, null);
    PointsLedger ledger = database.ledger;
    credit(10, "earlier deliveries");
    CountDownLatch redeemed = new CountDownLatch(1);
    CountDownLatch credited = new CountDownLatch(1);

    Future<Boolean> redemption = threads.submit(() -> database.transaction.execute(status -> {
      ledger.redeem(VOLUNTEER, 5, "毛巾 (Towel)", "chen.jing");
      redeemed.countDown();
      return await(credited);
    }));
    assertThat(await(redeemed)).isTrue();
    Future<?> credit = threads.submit(() -> {
      database.transaction.executeWithoutResult(status -> ledger.credit(VOLUNTEER, 2, "送餐 (Meal)", "D-3"));
      credited.countDown();
    });

    assertThat(redemption.get()).as("the credit committed while the redemption was still open").isTrue();
    credit.get();
    assertThat(ledger.account(VOLUNTEER).balance()).isEqualTo(10 - 5 + 2);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void twoRedemptionsAtOnceCannotOverdraw(Kind kind) throws Exception {
    database = LedgerDatabase.create(kind, null);
    credit(10, "earlier deliveries");
    database.ledger.redeem(VOLUNTEER, 1, "肥皂 (Soap)", "chen.jing"); // the volunteer's row exists

    secondOfTwoRedemptionsWaitsAndIsRefused();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void twoFirstRedemptionsOfAVolunteerAtOnceCannotOverdrawEither(Kind kind) throws Exception {
    database = LedgerDatabase.create(kind, null);
    credit(9, "earlier deliveries");
    assertThat(database.jdbc.sql("select count(*) from volunteer_balance").query(Integer.class).single())
        .as("no row to lock yet: the first redemption opens it").isZero();

    secondOfTwoRedemptionsWaitsAndIsRefused();
  }

  /**
   * H2 waits for a row lock only as long as its lock timeout (PostgreSQL waits until the holder ends): a redemption still
   * waiting then is refused with 409 and a sentence the volunteer can act on, and writes nothing, whether the
   * volunteer's row existed or the first redemption was opening it.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void onH2ARedemptionWaitingLongerThanTheLockTimeoutIsRefusedWith409AndWritesNothing(boolean rowExists)
      throws Exception {
    database = LedgerDatabase.h2WithLockTimeout(300);
    PointsLedger ledger = database.ledger;
    credit(20, "earlier deliveries");
    if (rowExists) {
      ledger.redeem(VOLUNTEER, 1, "肥皂 (Soap)", "chen.jing");
    }
    int entriesBefore = ledger.account(VOLUNTEER).entries().size();
    CountDownLatch firstRedeemed = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    Future<Integer> first = threads.submit(() -> database.transaction.execute(status -> {
      int balance = ledger.redeem(VOLUNTEER, 7, "保温杯 (Thermos flask)", "chen.jing").balance();
      firstRedeemed.countDown();
      await(releaseFirst); // held past the second's lock timeout
      return balance;
    }));
    assertThat(await(firstRedeemed)).isTrue();

    Future<Integer> second = threads.submit(() -> database.transaction.execute(status ->
        ledger.redeem(VOLUNTEER, 3, "肥皂 (Soap)", "sun.hao").balance()));

    assertThatThrownBy(() -> second.get(STUCK_SECONDS, SECONDS)).isInstanceOf(ExecutionException.class).cause()
        .isInstanceOf(ApiException.class).hasMessageContaining("请稍后再试 (Another redemption for li.qiang")
        .satisfies(refusal -> assertThat(((ApiException) refusal).status()).isEqualTo(HttpStatus.CONFLICT));
    releaseFirst.countDown();
    int afterFirst = first.get();
    assertThat(ledger.account(VOLUNTEER).balance()).as("only the first redemption counted").isEqualTo(afterFirst);
    assertThat(ledger.account(VOLUNTEER).entries()).as("the refused one wrote no entry").hasSize(entriesBefore + 1);
    assertThat(database.sumOfEntries(VOLUNTEER)).isEqualTo(afterFirst);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aRolledBackCompletionCreditsNothing(Kind kind) throws Exception {
    database = LedgerDatabase.create(kind, null);
    credit(2, "an earlier delivery");

    database.transaction.executeWithoutResult(status -> {
      database.ledger.credit(VOLUNTEER, 5, "送餐 (Meal)", "D-4");
      status.setRollbackOnly(); // the completion failed after the credit, e.g. on the engine's optimistic lock
    });

    assertThat(database.ledger.account(VOLUNTEER).balance()).isEqualTo(2);
    assertThat(database.ledger.account(VOLUNTEER).entries()).hasSize(1);
  }

  /** The row a credit opens while nodes before V9 run: a second first credit waits for it and then adds to it. */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void whileNodesBeforeV9RunTwoFirstCreditsAtOnceBothReachTheOldColumn(Kind kind) throws Exception {
    database = LedgerDatabase.create(kind, null);
    PointsLedger newNode = database.ledgerWhileNodesBeforeV9Run();
    CountDownLatch firstCredited = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    Future<?> first = threads.submit(() -> database.transaction.executeWithoutResult(status -> {
      newNode.credit(VOLUNTEER, 3, "送餐 (Meal)", "D-1"); // has opened the row, not yet committed
      firstCredited.countDown();
      await(releaseFirst);
    }));
    assertThat(await(firstCredited)).isTrue();
    Future<?> second = threads.submit(() -> database.transaction.executeWithoutResult(status ->
        newNode.credit(VOLUNTEER, 4, "送餐 (Meal)", "D-2")));

    awaitWaitingForALockOrDone(second);
    releaseFirst.countDown();
    first.get(STUCK_SECONDS, SECONDS);
    second.get(STUCK_SECONDS, SECONDS);

    assertThat(database.jdbc.sql("select balance from volunteer_balance where user_id = ?").param(VOLUNTEER)
        .query(Integer.class).single()).as("what a node before V9 shows").isEqualTo(7);
    assertThat(database.sumOfEntries(VOLUNTEER)).isEqualTo(7);
  }

  /**
   * Balance 9: the first redemption of 7 holds its transaction open until the second is seen waiting for a lock (or
   * has finished, which a ledger without the lock would do); the second must then be refused.
   */
  private void secondOfTwoRedemptionsWaitsAndIsRefused() throws Exception {
    PointsLedger ledger = database.ledger;
    CountDownLatch firstRedeemed = new CountDownLatch(1);
    CountDownLatch releaseFirst = new CountDownLatch(1);
    Future<Integer> first = threads.submit(() -> database.transaction.execute(status -> {
      int balance = ledger.redeem(VOLUNTEER, 7, "保温杯 (Thermos flask)", "chen.jing").balance();
      firstRedeemed.countDown();
      await(releaseFirst);
      return balance;
    }));
    assertThat(await(firstRedeemed)).isTrue();
    Future<Integer> second = threads.submit(() -> database.transaction.execute(status ->
        ledger.redeem(VOLUNTEER, 7, "保温杯 (Thermos flask)", "sun.hao").balance()));

    awaitWaitingForALockOrDone(second);
    releaseFirst.countDown();

    assertThat(first.get()).isEqualTo(2);
    assertThatThrownBy(second::get).isInstanceOf(ExecutionException.class).cause()
        .isInstanceOf(ApiException.class).hasMessageStartingWith("积分不足 (li.qiang has 2 points")
        .satisfies(refusal -> assertThat(((ApiException) refusal).status()).isEqualTo(HttpStatus.CONFLICT));
    assertThat(ledger.account(VOLUNTEER).balance()).isEqualTo(2);
    assertThat(database.sumOfEntries(VOLUNTEER)).isEqualTo(2);
  }

  private void awaitWaitingForALockOrDone(Future<?> transaction) throws InterruptedException {
    long giveUp = System.nanoTime() + SECONDS.toNanos(STUCK_SECONDS);
    while (!transaction.isDone() && database.sessionsWaitingForALock() == 0) {
      if (System.nanoTime() > giveUp) {
        fail("the second transaction neither finished nor waited for a lock");
      }
      Thread.sleep(5);
    }
  }

  private void credit(int points, String reason) {
    database.transaction.executeWithoutResult(status -> database.ledger.credit(VOLUNTEER, points, reason, null));
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(STUCK_SECONDS, SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
