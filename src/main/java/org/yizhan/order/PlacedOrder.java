package org.yizhan.order;

import java.math.BigDecimal;

/** What placing an order answers: its number, the code on the resident's slip, its process, total and hand-over. */
public record PlacedOrder(String orderNo, String publicCode, String processInstanceId, BigDecimal total,
    DeliveryMode deliveryMode) {}
