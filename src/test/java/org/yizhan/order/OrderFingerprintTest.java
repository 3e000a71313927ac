package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A retried order has the fingerprint of the first; any difference in what the order would hold changes it. */
class OrderFingerprintTest {

  private static OrderRequest order(String resident, List<OrderRequest.Line> lines, DeliveryMode mode, String note) {
    return new OrderRequest(resident, lines, mode, note);
  }

  private static OrderRequest.Line line(String sku, Integer quantity) {
    return new OrderRequest.Line(sku, quantity);
  }

  private static final OrderRequest FIRST = order("R-0002", List.of(line("RICE-5KG", 1), line("SVC-PARCEL", 2)),
      DeliveryMode.PICKUP, "Ring twice");

  @Test
  void theSameOrderHasTheSameFingerprint() {
    OrderRequest retried = order("R-0002", List.of(line("RICE-5KG", 1), line("SVC-PARCEL", 2)), DeliveryMode.PICKUP,
        "Ring twice");

    assertThat(OrderFingerprint.of(retried)).isEqualTo(OrderFingerprint.of(FIRST)).matches("[0-9a-f]{64}");
  }

  @Test
  void anyDifferenceInWhatTheOrderHoldsChangesIt() {
    List<OrderRequest> different = List.of(
        order("R-0001", FIRST.items(), DeliveryMode.PICKUP, "Ring twice"),
        order("r-0002", FIRST.items(), DeliveryMode.PICKUP, "Ring twice"),
        order("R-0002", List.of(line("RICE-5KG", 2), line("SVC-PARCEL", 2)), DeliveryMode.PICKUP, "Ring twice"),
        order("R-0002", List.of(line("SVC-PARCEL", 2), line("RICE-5KG", 1)), DeliveryMode.PICKUP, "Ring twice"),
        order("R-0002", List.of(line("RICE-5KG", 1)), DeliveryMode.PICKUP, "Ring twice"),
        order("R-0002", FIRST.items(), DeliveryMode.DOORSTEP, "Ring twice"),
        order("R-0002", FIRST.items(), null, "Ring twice"),
        order("R-0002", FIRST.items(), DeliveryMode.PICKUP, "Ring twice "),
        order("R-0002", FIRST.items(), DeliveryMode.PICKUP, null),
        order("R-0002", FIRST.items(), DeliveryMode.PICKUP, ""));

    assertThat(different).allSatisfy(order ->
        assertThat(OrderFingerprint.of(order)).as(order.toString()).isNotEqualTo(OrderFingerprint.of(FIRST)));
    assertThat(different.stream().map(OrderFingerprint::of).distinct()).hasSize(different.size());
  }

  @Test
  void valuesThatRunTogetherDoNotCollide() {
    OrderRequest a = order("R-1", List.of(line("2", 3)), null, null);
    OrderRequest b = order("R-12", List.of(line("", 3)), null, null);
    OrderRequest c = order(null, List.of(line("R-12", 3)), null, null);

    assertThat(List.of(OrderFingerprint.of(a), OrderFingerprint.of(b), OrderFingerprint.of(c))).doesNotHaveDuplicates();
  }

  @Test
  void missingAndEmptyPartsAreFingerprintedWithoutFailing() {
    assertThat(OrderFingerprint.of(order(null, null, null, null)))
        .isNotEqualTo(OrderFingerprint.of(order(null, List.of(), null, null)));
    List<OrderRequest.Line> withEmptyLine = new java.util.ArrayList<>();
    withEmptyLine.add(null);
    assertThat(OrderFingerprint.of(order("R-0002", withEmptyLine, null, null)))
        .isNotEqualTo(OrderFingerprint.of(order("R-0002", List.of(line(null, null)), null, null)));
  }
}
