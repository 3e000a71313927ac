package org.yizhan.mediation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
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
  private final DisputeValidator validator;

  DisputeService(RuntimeService runtime, CaseRepository cases, DisputeValidator validator) {
    this.runtime = runtime;
    this.cases = cases;
    this.validator = validator;
  }

  /** Starts mediation-escalation as its start form would; the caller becomes the case owner. */
  @Transactional
  public Registered register(DisputeRequest request, String owner) {
    DisputeRequest valid = validator.validate(request);
    Map<String, Object> variables = new HashMap<>();
    variables.put("buildingId", valid.buildingId());
    variables.put("type", valid.type().name());
    variables.put("parties", valid.parties());
    variables.put("description", valid.description());
    variables.put("riskViolence", valid.riskFlags().contains(RiskFlag.VIOLENCE));
    variables.put("riskSelfHarm", valid.riskFlags().contains(RiskFlag.SELF_HARM));
    variables.put("riskGroupIncident", valid.riskFlags().contains(RiskFlag.GROUP_INCIDENT));
    ProcessInstance instance;
    try {
      instance = runtime.createProcessInstanceByKey(MediationProcess.KEY).setVariables(variables).execute();
    } catch (BadUserRequestException refused) {
      throw ApiException.badInput(null, refused.getMessage());
    }
    CaseRepository.DisputeCase registered = cases.findByProcessInstance(instance.getId()).orElseThrow();
    return new Registered(registered.caseNo(), instance.getId(), registered.startLevel());
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
