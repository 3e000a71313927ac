package org.yizhan.residents;

import java.util.List;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yizhan.platform.security.CurrentUser;
import org.yizhan.platform.web.ApiException;

/** Staff look residents up when they take an order on the phone or at the desk. */
@RestController
class ResidentController {

  static final int MAX_RESULTS = 50;

  record ResidentSummary(String id, String name, String building, String grid, Set<ResidentTag> tags) {}

  private final ResidentRepository residents;
  private final CurrentUser currentUser;

  ResidentController(ResidentRepository residents, CurrentUser currentUser) {
    this.residents = residents;
    this.currentUser = currentUser;
  }

  @GetMapping("/api/residents")
  List<ResidentSummary> search(@RequestParam(name = "q", required = false) String query) {
    currentUser.require("resident.search");
    if (query != null && query.length() > 100) {
      throw ApiException.badInput("q", "请输入最多 100 个字的姓名、居民编号或楼栋 (Search for at most 100 characters of a name, resident number or building)");
    }
    return residents.search(query, MAX_RESULTS).stream()
        .map(r -> new ResidentSummary(r.id(), r.name(), r.buildingName(), r.gridName(), r.tags()))
        .toList();
  }
}
