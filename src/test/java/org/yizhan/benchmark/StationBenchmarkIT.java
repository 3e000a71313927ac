package org.yizhan.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark working at a small size in CI (50 orders, 50 more placed one at a time, a meal round for 50 more
 * residents and 20 disputes unless -Dbenchmark.orders, -Dbenchmark.oneAtATime, -Dbenchmark.meals and
 * -Dbenchmark.disputes say otherwise): every order, every reference
 * instance and every meal completes, every dispute is closed or, where the benchmark does not settle it, referred,
 * without errors or incidents. Speed is printed, never asserted.
 */
class StationBenchmarkIT {

  @Test
  void everyOrderMealAndDisputeOfTheBenchmarkCompletesWithoutErrorsOrIncidents() throws Exception {
    StationBenchmark.Settings settings = StationBenchmark.Settings.fromSystemProperties();

    StationBenchmark.Report report = new StationBenchmark(settings).run();

    System.out.println(report.text());
    assertThat(report.errors()).as(report.text()).isZero();
    assertThat(report.incidents()).isZero();
    assertThat(report.ordersCompleted()).isEqualTo(settings.orders());
    assertThat(report.referenceCompleted()).isEqualTo(settings.orders());
    assertThat(report.mealsInRound()).as("the benchmark's residents and the demo's on the canteen's list")
        .isGreaterThan(settings.meals());
    assertThat(report.mealsDelivered()).isEqualTo(report.mealsInRound());
    int referred = settings.disputes() / 5; // every fifth is not settled at the joint session
    assertThat(report.disputesReferred()).isEqualTo(referred);
    assertThat(report.disputesClosed()).isEqualTo(settings.disputes() - referred);
  }
}
