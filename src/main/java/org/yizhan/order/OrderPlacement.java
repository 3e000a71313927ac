package org.yizhan.order;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.yizhan.platform.web.ApiException;

/**
 * Placing an order with or without an idempotency key. Outside any transaction on purpose: when a concurrent request
 * with the same key wins, this request's transaction has to roll back first (PostgreSQL accepts nothing more in a
 * transaction after a failed statement) before the winner's order can be read.
 */
@Service
class OrderPlacement {

  /** The order, and whether it was placed by an earlier request with the same key. */
  record Placement(PlacedOrder order, boolean replayed) {}

  private final OrderService orders;
  private final OrderIdempotencyKeys keys;

  OrderPlacement(OrderService orders, OrderIdempotencyKeys keys) {
    this.orders = orders;
    this.keys = keys;
  }

  Placement place(OrderRequest request, String caller, IdempotencyKey key) {
    if (key == null) {
      return new Placement(orders.place(request, caller), false);
    }
    String fingerprint = OrderFingerprint.of(request);
    Placement earlier = earlier(caller, key, fingerprint);
    if (earlier != null) {
      return earlier;
    }
    try {
      return new Placement(orders.place(request, caller, key, fingerprint), false);
    } catch (OrderIdempotencyKeys.Taken taken) {
      earlier = earlier(caller, key, fingerprint);
      if (earlier != null) {
        return earlier;
      }
      throw ApiException.conflict("使用同一 Idempotency-Key 的订单正在处理中，请稍后用同一个键重试 (An order with this "
          + "Idempotency-Key is still being placed; retry in a moment with the same key to get its answer)");
    }
  }

  /** The order this caller placed with the key, if the same order; a different order with the key is refused. */
  private Placement earlier(String caller, IdempotencyKey key, String fingerprint) {
    OrderIdempotencyKeys.Used used = keys.find(caller, key.value()).orElse(null);
    if (used == null) {
      return null;
    }
    if (!used.fingerprint().equals(fingerprint)) {
      throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, IdempotencyKey.HEADER, "这个 Idempotency-Key 已用于另一笔不同的订单 "
          + used.orderNo() + "，什么也没有改变；新订单请用新的键 (This Idempotency-Key was already used for a different order, "
          + used.orderNo() + "; nothing was changed. Use a new key for a new order, or send the first order's request "
          + "unchanged to get it again)");
    }
    return new Placement(orders.placed(used.orderNo()), true);
  }
}
