package org.yizhan.mediation;

import java.util.List;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yizhan.platform.web.ApiException;

/** Registering disputes and reading them, for the people allowed to. */
@Service
public class DisputeService {

  public record Registered(String caseNo, String processInstanceId, int startLevel) {}

  public record CaseView(String caseNo, CaseStatus status, Integer currentLevel, Integer settledAtLevel, String owner,
      DisputeType type, String buildingId, String parties, String description, String agreement,
      List<CaseRepository.CaseEvent> history) {}

  private final RuntimeService runtime;
  private final CaseRepository cases;

  DisputeService(RuntimeService runtime, CaseRepository cases) {
    this.runtime = runtime;
    this.cases = cases;
  }

  /**
   * Starts mediation-escalation with the request's values, as its start form would: "登记案件 (Register case)" checks
   * them (a {@link DisputeRefusedException} when it refuses them, and nothing is written), makes the signed-in user the
   * case owner and gives the case its number, which comes back as the start's business key.
   */
  @Transactional
  public Registered register(DisputeRequest request) {
    ProcessInstance instance = runtime.createProcessInstanceByKey(MediationProcess.KEY)
        .setVariables(request.startValues()).execute();
    String caseNo = instance.getBusinessKey();
    if (caseNo == null) {
      throw new IllegalStateException(MediationProcess.KEY + " started without registering its case: \"Register case\" "
          + "must run within the start (no asynchronous continuation before it)");
    }
    CaseRepository.DisputeCase registered = cases.find(caseNo).orElseThrow();
    return new Registered(caseNo, instance.getId(), registered.startLevel());
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
