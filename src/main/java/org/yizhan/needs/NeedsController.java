package org.yizhan.needs;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yizhan.order.PlacedOrder;
import org.yizhan.order.OrderRequest;
import org.yizhan.order.OrderService;
import org.yizhan.platform.security.CurrentUser;
import org.yizhan.platform.web.ApiException;

/** Needs heard on doorsteps: per resident, the most frequent ones, and one action to turn one into an order. */
@RestController
class NeedsController {

  static final int MAX_DAYS = 366;

  record NeedOrdered(long needId, String orderNo, String processInstanceId) {}

  private final NeedsRepository needs;
  private final OrderService orders;
  private final CurrentUser currentUser;

  NeedsController(NeedsRepository needs, OrderService orders, CurrentUser currentUser) {
    this.needs = needs;
    this.orders = orders;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/needs/top")
  List<NeedsRepository.CategoryCount> top(@RequestParam(defaultValue = "30") int days) {
    currentUser.require("resident.search");
    if (days < 1 || days > MAX_DAYS) {
      throw ApiException.badInput("days", "请选 1 到 " + MAX_DAYS + " 天 (Choose between 1 and " + MAX_DAYS + " days)");
    }
    return needs.top(LocalDateTime.now().minusDays(days));
  }

  @GetMapping("/api/residents/{residentId}/needs")
  List<NeedsRepository.Need> ofResident(@PathVariable String residentId) {
    currentUser.require("resident.search");
    return needs.ofResident(residentId);
  }

  /** Places an order for the catalog service that answers the need, for the resident who asked. */
  @PostMapping("/api/needs/{needId}/order")
  @Transactional
  ResponseEntity<NeedOrdered> order(@PathVariable long needId) {
    currentUser.require("order.place");
    NeedsRepository.Need need = needs.find(needId)
        .orElseThrow(() -> ApiException.notFound("needId", "没有这条需求 " + needId + " (There is no need " + needId + ")"));
    if (need.orderNo() != null) {
      throw ApiException.conflict("这条需求已转成订单 " + need.orderNo() + " (This need was already turned into order "
          + need.orderNo() + ")");
    }
    String sku = need.category().serviceSku();
    if (sku == null) {
      throw ApiException.conflict("驿站还没有这项服务，已计入 /api/needs/top 供驿站决定是否开设 (The station has no service for "
          + need.category() + " yet; it is counted in /api/needs/top so the station can decide to offer one)");
    }
    PlacedOrder order = orders.place(new OrderRequest(need.residentId(), List.of(new OrderRequest.Line(sku, 1)), null,
        need.details()), currentUser.id());
    if (!needs.markOrdered(needId, order.orderNo())) {
      throw ApiException.conflict("另一位志愿者刚刚已把这条需求转成订单 (Another volunteer has just turned this need into an order)");
    }
    return ResponseEntity.created(URI.create("/api/orders/" + order.orderNo()))
        .body(new NeedOrdered(needId, order.orderNo(), order.processInstanceId()));
  }
}
