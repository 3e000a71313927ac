package org.yizhan.order;

import java.math.BigDecimal;
import java.util.List;

import org.yizhan.catalog.ItemKind;
import org.yizhan.residents.Resident;

/** An order request that passed every check against the registry and the catalog. */
public record ValidOrder(Resident resident, List<PricedLine> lines, DeliveryMode deliveryPreference, String note) {

  public BigDecimal total() {
    return lines.stream().map(PricedLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public BigDecimal total(ItemKind kind) {
    return lines.stream().filter(line -> line.item().kind() == kind).map(PricedLine::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public boolean has(ItemKind kind) {
    return lines.stream().anyMatch(line -> line.item().kind() == kind);
  }
}
