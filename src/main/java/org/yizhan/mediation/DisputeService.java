package org.yizhan.mediation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yizhan.platform.StationStart;
import org.yizhan.platform.web.ApiException;

/** Registering disputes and reading them, for the people allowed to. */
@Service
public class DisputeService {

  public record Registered(String caseNo, String processInstanceId, int startLevel) {}

  public record CaseView(String caseNo, CaseStatus status, Integer currentLevel, Integer settledAtLevel, String owner,
      DisputeType type, String buildingId, String parties, String description, String agreement,
      List<CaseRepository.CaseEvent> history) {}

  private final IdentityService identity;
  private final RuntimeService runtime;
  private final CaseRepository cases;

  DisputeService(IdentityService identity, RuntimeService runtime, CaseRepository cases) {
    this.identity = identity;
    this.runtime = runtime;
    this.cases = cases;
  }

  /**
   * Starts mediation-escalation as every capability starts its process ({@link StationStart}), with the request's
   * values under the start form's names and the signed-in user as the case's owner: the start's check refuses them
   * with a {@link DisputeRefusedException} (and nothing is written), or "登记案件 (Register case)" writes the case and
   * gives it its number, which comes back as the start's business key.
   */
  @Transactional
  public Registered register(DisputeRequest request, String registeredBy) {
    Map<String, Object> values = new HashMap<>(request.startValues());
    values.put(MediationProcess.REGISTERED_BY, registeredBy);
    StationStart.Started started = StationStart.start(identity, runtime, MediationProcess.KEY, values);
    CaseRepository.DisputeCase registered = cases.find(started.number()).orElseThrow();
    return new Registered(started.number(), started.processInstanceId(), registered.startLevel());
  }

  /** The case for its owner, the groups of the levels it has reached, and managers; 403 for anyone else. */
  public CaseView read(String caseNo, String userId, List<String> groups, boolean manager) {
    CaseRepository.DisputeCase found = cases.find(caseNo)
        .orElseThrow(() -> ApiException.notFound("caseNo", "没有案件 " + caseNo + " (There is no case " + caseNo + ")"));
    if (!manager && !found.owner().equals(userId) && !cases.reachedAnyOf(caseNo, groups)) {
      throw ApiException.forbidden("调解案件保密 (Mediation cases are confidential: only the case owner, the mediators who have "
          + "handled it and the station managers may read it)");
    }
    return new CaseView(found.caseNo(), found.status(), found.currentLevel(), found.settledAtLevel(), found.owner(),
        found.type(), found.buildingId(), found.parties(), found.description(), found.agreement(),
        cases.history(caseNo));
  }
}
