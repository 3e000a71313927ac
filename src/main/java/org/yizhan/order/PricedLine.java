package org.yizhan.order;

import java.math.BigDecimal;

import org.yizhan.catalog.CatalogItem;

/** One line of an order with the catalog's price frozen at the time of ordering. */
public record PricedLine(CatalogItem item, int quantity) {

  public BigDecimal amount() {
    return item.unitPrice().multiply(BigDecimal.valueOf(quantity));
  }
}
