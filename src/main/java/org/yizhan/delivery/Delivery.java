package org.yizhan.delivery;

import java.time.LocalDateTime;

/** A doorstep delivery as the station keeps it. */
public record Delivery(String deliveryNo, String residentId, DeliveryKind kind, String orderNo, DeliveryStatus status,
    int attempts, String processInstanceId, String note, String createdBy, LocalDateTime createdAt, String deliveredBy,
    String receivedBy, Boolean antiFraudTalk, String policiesExplained, String closedReason) {}
