package org.yizhan.order;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One merchant's part of an order: its goods at the frozen price, and what it answered. Null fields are not answered
 * yet.
 *
 * @param answeredBy  the signed-in member of the merchant's group who confirmed stock and price
 * @param priceAgreed whether the resident agreed to a higher confirmed amount (null: not asked)
 * @param deliveredBy who reported the goods at the station, last time if they went back
 */
public record MerchantPart(String merchantId, String merchant, BigDecimal frozenAmount, LocalDateTime askedAt,
    Boolean inStock, BigDecimal confirmedAmount, String note, String answeredBy, LocalDateTime answeredAt,
    Boolean priceAgreed, String deliveredBy, LocalDateTime deliveredAt) {}
