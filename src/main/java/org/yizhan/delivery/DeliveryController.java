package org.yizhan.delivery;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.yizhan.platform.security.CurrentUser;

/** Doorstep deliveries that are not orders, started by station managers; and the address for whoever has one in hand. */
@RestController
class DeliveryController {

  /** Checked where the delivery starts, by "Prepare delivery" (DeliveryValidator), and nowhere else. */
  record DeliveryRequest(String residentId, String kind, String note) {}

  /** The round's kind is checked by {@link DeliveryService#startRound}, each delivery's values where it starts. */
  record RoundRequest(DeliveryKind kind, String note) {}


  private final DeliveryService deliveries;
  private final CurrentUser currentUser;

  DeliveryController(DeliveryService deliveries, CurrentUser currentUser) {
    this.deliveries = deliveries;
    this.currentUser = currentUser;
  }

  @PostMapping(path = "/api/deliveries", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, String>> start(@RequestBody DeliveryRequest request) {
    currentUser.require("delivery.start");
    var started = deliveries.start(request.residentId(), request.kind(), request.note(), currentUser.id());
    return ResponseEntity.created(URI.create("/api/deliveries/" + started.deliveryNo()))
        .body(Map.of("deliveryNo", started.deliveryNo(), "processInstanceId", started.processInstanceId()));
  }

  @PostMapping(path = "/api/deliveries/rounds", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> round(@RequestBody RoundRequest request) {
    currentUser.require("delivery.start");
    var started = deliveries.startRound(request.kind(), request.note(), currentUser.id());
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("kind", request.kind(), "deliveries", started));
  }

  @GetMapping("/api/deliveries/{deliveryNo}")
  Delivery delivery(@PathVariable String deliveryNo) {
    currentUser.require("delivery.read");
    return deliveries.find(deliveryNo);
  }

  @GetMapping("/api/deliveries/{deliveryNo}/contact")
  DeliveryService.Contact contact(@PathVariable String deliveryNo) {
    boolean manager = currentUser.may("delivery.contact");
    return deliveries.contact(deliveryNo, currentUser.id(), manager);
  }
}
