package org.yizhan.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark working at a small size in CI (50 orders unless -Dbenchmark.orders says otherwise): every order
 * and every reference instance completes, without errors or incidents. Speed is printed, never asserted.
 */
class StationBenchmarkIT {

  @Test
  void everyOrderOfTheBenchmarkCompletesWithoutErrorsOrIncidents() throws Exception {
    StationBenchmark.Settings settings = StationBenchmark.Settings.fromSystemProperties();

    StationBenchmark.Report report = new StationBenchmark(settings).run();

    System.out.println(report.text());
    assertThat(report.errors()).as(report.text()).isZero();
    assertThat(report.incidents()).isZero();
    assertThat(report.ordersCompleted()).isEqualTo(settings.orders());
    assertThat(report.referenceCompleted()).isEqualTo(settings.orders());
  }
}
