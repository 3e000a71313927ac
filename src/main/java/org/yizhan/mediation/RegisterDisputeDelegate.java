package org.yizhan.mediation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;
import org.yizhan.platform.DailyNumbers;
import org.yizhan.platform.YizhanProperties;
import org.yizhan.platform.security.StationGroups;
import org.yizhan.platform.security.StartedBy;
import org.yizhan.platform.web.ApiException;

/**
 * "登记案件 (Register case)": checks the dispute, gives it its case number (the business key), makes the person who
 * registered it the case owner (首接责任人) and hands the triage table its inputs.
 */
@Component("registerDispute")
class RegisterDisputeDelegate implements JavaDelegate {

  private final DisputeValidator validator;
  private final CaseRepository cases;
  private final DailyNumbers numbers;
  private final IdentityService identity;
  private final YizhanProperties properties;

  RegisterDisputeDelegate(DisputeValidator validator, CaseRepository cases, DailyNumbers numbers,
      IdentityService identity, YizhanProperties properties) {
    this.validator = validator;
    this.cases = cases;
    this.numbers = numbers;
    this.identity = identity;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    DisputeRequest request;
    try {
      request = validator.validate(readRequest(execution));
    } catch (ApiException refused) {
      throw new BadUserRequestException(refused.getMessage());
    }
    if (execution.getProcessBusinessKey() != null) {
      // The case number is the business key every later step finds the case by; the station gives it.
      throw new BadUserRequestException("案件号由驿站给出 (The case number is given when the dispute is registered; "
          + "start the case without a business key)");
    }
    String owner = StartedBy.of(execution, "registeredBy");
    if (owner == null) {
      throw new BadUserRequestException("请先登录再登记纠纷：登记人就是首接责任人 (Sign in to register a dispute: the person who registers it owns the case)");
    }
    for (String name : WORKED_OUT) {
      if (execution.hasVariable(name)) {
        // Also what Camunda would answer with a 500 when the value was sent as transient.
        throw new BadUserRequestException(name + " 由登记纠纷时得出 (is worked out when the dispute is registered; "
            + "leave it out of the request)");
      }
    }
    String caseNo = numbers.next("MD", "dispute_case_seq", java.time.LocalDate.now());
    cases.insert(caseNo, request, owner, execution.getProcessInstanceId());
    cases.event(caseNo, null, "REGISTERED", request.type().label() + ": " + request.parties(), owner);
    execution.setProcessBusinessKey(caseNo);

    String gridId = cases.gridOf(request.buildingId()).orElseThrow();
    Map<String, Object> variables = new HashMap<>();
    variables.put(MediationProcess.CASE_NO, caseNo);
    variables.put("owner", owner);
    variables.put("ownerGroups", StationGroups.MANAGERS);
    TypedValue sentType = execution.getVariableTyped("type");
    // Kept or transient as it was sent: Camunda refuses to turn one into the other.
    variables.put("type", Variables.stringValue(request.type().name(), sentType != null && sentType.isTransient()));
    variables.put("typeLabel", request.type().label());
    variables.put("buildingName", cases.buildingName(request.buildingId()).orElseThrow());
    // For the task cards, as orders and deliveries show it: building and grid; the parties' flats stay in the case.
    variables.put(MediationProcess.AREA, cases.areaOf(request.buildingId()).orElseThrow());
    variables.put("violenceThreat", request.riskFlags().contains(RiskFlag.VIOLENCE));
    variables.put("selfHarmRisk", request.riskFlags().contains(RiskFlag.SELF_HARM));
    variables.put("groupIncidentRisk", request.riskFlags().contains(RiskFlag.GROUP_INCIDENT));
    variables.put("buildingHeadsGroup", withMembersOr(StationGroups.buildingHeads(request.buildingId()),
        StationGroups.BUILDING_HEADS));
    variables.put("gridWorkersGroup", withMembersOr(StationGroups.gridWorkers(gridId), StationGroups.GRID_WORKERS));
    variables.put("followUpWithin", properties.mediation().followUpWithin().toString());
    variables.put("caseHistory", "- 登记 (Registered by) " + owner);
    execution.setVariables(variables);
  }

  /** The variables registering sets from the registry and the station's settings, never taken from a client. */
  private static final List<String> WORKED_OUT = List.of(MediationProcess.CASE_NO, "owner", "ownerGroups",
      "typeLabel", "buildingName", MediationProcess.AREA, "violenceThreat", "selfHarmRisk", "groupIncidentRisk", "buildingHeadsGroup",
      "gridWorkersGroup", "followUpWithin", "caseHistory");

  private String withMembersOr(String group, String fallback) {
    return identity.createUserQuery().memberOfGroup(group).count() > 0 ? group : fallback;
  }

  private static DisputeRequest readRequest(DelegateExecution execution) {
    List<RiskFlag> flags = new ArrayList<>();
    if (Boolean.TRUE.equals(execution.getVariable("riskViolence"))) {
      flags.add(RiskFlag.VIOLENCE);
    }
    if (Boolean.TRUE.equals(execution.getVariable("riskSelfHarm"))) {
      flags.add(RiskFlag.SELF_HARM);
    }
    if (Boolean.TRUE.equals(execution.getVariable("riskGroupIncident"))) {
      flags.add(RiskFlag.GROUP_INCIDENT);
    }
    DisputeType type;
    Object typeValue = execution.getVariable("type");
    try {
      type = typeValue == null ? null : DisputeType.valueOf(typeValue.toString());
    } catch (IllegalArgumentException unknown) {
      throw new BadUserRequestException("纠纷类型不是可选项 (Type of dispute must be one of " + List.of(DisputeType.values()) + ")");
    }
    return new DisputeRequest(text(execution.getVariable("buildingId")), type, text(execution.getVariable("parties")),
        text(execution.getVariable("description")), flags);
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
