package org.yizhan.mediation;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.yizhan.platform.security.CurrentUser;
import org.yizhan.platform.web.ApiException;

/** Disputes: registered by any staff user, read by those the case concerns, counted for managers. */
@RestController
class DisputeController {

  private final DisputeService disputes;
  private final MediationKpi kpi;
  private final CurrentUser currentUser;

  DisputeController(DisputeService disputes, MediationKpi kpi, CurrentUser currentUser) {
    this.disputes = disputes;
    this.kpi = kpi;
    this.currentUser = currentUser;
  }

  @PostMapping(path = "/api/disputes", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<DisputeService.Registered> register(@RequestBody DisputeRequest request) {
    currentUser.require("dispute.register");
    DisputeService.Registered registered = disputes.register(request, currentUser.id());
    return ResponseEntity.created(URI.create("/api/disputes/" + registered.caseNo())).body(registered);
  }

  @GetMapping("/api/disputes/{caseNo}")
  DisputeService.CaseView read(@PathVariable String caseNo) {
    boolean manager = currentUser.may("dispute.read-all");
    return disputes.read(caseNo, currentUser.id(), currentUser.groups(), manager);
  }

  @GetMapping("/api/kpi/mediation")
  MediationKpi.Figures figures(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    currentUser.require("dispute.figures");
    LocalDate end = to == null ? LocalDate.now() : to;
    LocalDate start = from == null ? end.minusDays(30) : from;
    if (start.isAfter(end)) {
      throw ApiException.badInput("from", "'from' must not be after 'to'");
    }
    return kpi.between(start.atStartOfDay(), end.plusDays(1).atStartOfDay());
  }
}
