package org.yizhan.catalog;

import java.math.BigDecimal;

/**
 * Something the station offers. For goods the price is the merchant's unit price the station shows publicly; for a
 * service it is the fee (0 when free).
 *
 * @param merchantId  the merchant who sells it (null for the station's own services)
 * @param merchant    that merchant's name
 * @param maxQuantity the most one order may take of this item
 * @param active      whether it can be ordered now
 */
public record CatalogItem(String sku, ItemKind kind, String name, String brand, String unit, BigDecimal unitPrice,
    String merchantId, String merchant, int maxQuantity, boolean active) {}
