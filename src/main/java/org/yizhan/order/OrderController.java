package org.yizhan.order;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.yizhan.platform.security.CurrentUser;
import org.yizhan.residents.ResidentRepository;

/** Orders for staff: place one for a resident, read it whole, cancel it on the resident's word. */
@RestController
class OrderController {

  /** What the desk prints on the resident's slip: the number, and the code that opens the public order page. */
  record Placed(String orderNo, String publicCode, String processInstanceId, BigDecimal total,
      DeliveryMode deliveryMode) {}

  record CancelRequest(@NotBlank(message = "is required: say why the resident cancels")
                       @Size(max = 500, message = "may be at most 500 characters") String reason) {}

  record ResidentView(String id, String name, String phone, String address, String building, String grid,
      List<String> tags) {}

  record StaffOrderView(String orderNo, String publicCode, OrderStatus status, ResidentView resident, List<Order.Item> items,
      BigDecimal total, DeliveryMode deliveryPreference, DeliveryMode deliveryMode, String note, String placedBy,
      LocalDateTime placedAt, String closedReason, String receivedBy, Integer satisfaction, String processInstanceId,
      List<MerchantPart> merchants, List<Order.Progress> progress) {}


  private final OrderService orders;
  private final OrderPlacement placement;
  private final ResidentRepository residents;
  private final CurrentUser currentUser;
  private final MerchantParts merchantParts;

  OrderController(OrderService orders, OrderPlacement placement, ResidentRepository residents, CurrentUser currentUser,
      MerchantParts merchantParts) {
    this.orders = orders;
    this.placement = placement;
    this.residents = residents;
    this.currentUser = currentUser;
    this.merchantParts = merchantParts;
  }

  /**
   * Places an order. With an {@code Idempotency-Key} header (see {@link IdempotencyKey}) a retry of the same order by
   * the same user answers as the first time — 201, the same Location and body, plus {@code Idempotent-Replayed: true} —
   * without placing a second order; the same key with a different order is refused with 422, and while the first
   * request with the key is still being placed, with 409.
   */
  @PostMapping(path = "/api/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Placed> place(@RequestHeader HttpHeaders headers, @Valid @RequestBody OrderRequest request) {
    currentUser.require("order.place");
    IdempotencyKey key = IdempotencyKey.from(headers.get(IdempotencyKey.HEADER));
    OrderPlacement.Placement placed = placement.place(request, currentUser.id(), key);
    PlacedOrder order = placed.order();
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create("/api/orders/" + order.orderNo()));
    if (placed.replayed()) {
      answer.header(IdempotencyKey.REPLAYED_HEADER, "true");
    }
    return answer.body(new Placed(order.orderNo(), order.publicCode(), order.processInstanceId(), order.total(),
        order.deliveryMode()));
  }

  @GetMapping("/api/orders/{orderNo}")
  StaffOrderView order(@PathVariable String orderNo) {
    currentUser.require("order.read");
    Order order = orders.find(orderNo);
    // A resident's phone and address go to managers; the volunteer who carries the goods to the door gets them from
    // the delivery task they have claimed (/api/deliveries/{deliveryNo}/contact), nobody else at the desk.
    boolean manager = currentUser.may("order.contact");
    ResidentView resident = residents.find(order.residentId())
        .map(r -> new ResidentView(r.id(), r.name(), manager ? r.phone() : null, manager ? r.address() : null,
            r.buildingName(), r.gridName(), r.tags().stream().map(Enum::name).sorted().toList()))
        .orElse(null);
    return new StaffOrderView(order.orderNo(), orders.publicCodeOf(order.orderNo()), order.status(), resident, order.items(), order.total(),
        order.deliveryPreference(), order.deliveryMode(), order.note(), order.placedBy(), order.placedAt(),
        order.closedReason(), order.receivedBy(), order.satisfaction(), order.processInstanceId(),
        merchantParts.of(order.orderNo()), order.progress());
  }

  @PostMapping(path = "/api/orders/{orderNo}/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
  StaffOrderView cancel(@PathVariable String orderNo, @Valid @RequestBody CancelRequest request) {
    currentUser.require("order.cancel");
    orders.cancel(orderNo, request.reason(), currentUser.id());
    return order(orderNo);
  }
}
