package org.yizhan.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An order as staff take it for a resident, over HTTP or through the start form in Tasklist.
 *
 * @param deliveryPreference what the resident asked for, or null when they did not say
 */
public record OrderRequest(
    // The resident's number, full name or phone; checked and resolved by ResidentLookup, which says what is wrong.
    String residentId,
    @NotEmpty(message = "must list at least one item") @Size(max = OrderRequest.MAX_LINES,
        message = "may list at most " + OrderRequest.MAX_LINES + " items") List<@Valid @NotNull(message = "must not hold an empty line") Line> items,
    DeliveryMode deliveryPreference,
    @Size(max = OrderRequest.MAX_NOTE, message = "may be at most " + OrderRequest.MAX_NOTE + " characters") String note) {

  public static final int MAX_LINES = 20;
  public static final int MAX_NOTE = 500;

  public record Line(
      @NotBlank(message = "is required: the item's code from the catalog, e.g. RICE-5KG") String sku,
      @NotNull(message = "is required: how many the resident wants") Integer quantity) {}
}
