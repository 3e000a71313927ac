package org.yizhan.mediation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import org.yizhan.platform.DailyNumbers;
import org.yizhan.platform.YizhanProperties;
import org.yizhan.platform.security.StartedBy;
import org.yizhan.platform.security.StationGroups;
import org.yizhan.residents.Buildings;
import org.yizhan.residents.Buildings.Building;

/**
 * "登记案件 (Register case)": writes the dispute the start's check ({@link DisputeValidator}) let through, gives it its
 * case number as the business key of the start, makes the person who registered it the case owner (首接责任人) and
 * works out what the tasks and the level table need (groups of the building and grid, the area for the task cards).
 */
@Component("registerDispute")
class RegisterDisputeDelegate implements JavaDelegate {

  private final CaseRepository cases;
  private final Buildings buildings;
  private final DailyNumbers numbers;
  private final IdentityService identity;
  private final YizhanProperties properties;

  RegisterDisputeDelegate(CaseRepository cases, Buildings buildings, DailyNumbers numbers, IdentityService identity,
      YizhanProperties properties) {
    this.cases = cases;
    this.buildings = buildings;
    this.numbers = numbers;
    this.identity = identity;
    this.properties = properties;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Dispute dispute = Dispute.checkedIn(execution);
    String owner = StartedBy.of(execution, MediationProcess.REGISTERED_BY);
    if (owner == null) {
      throw new DisputeRefusedException(null,
          "请先登录再登记纠纷：登记人就是首接责任人 (Sign in to register a dispute: the person who registers it owns the case)");
    }
    String caseNo = numbers.next("MD", "dispute_case_seq", LocalDate.now());
    cases.insert(caseNo, dispute, owner, execution.getProcessInstanceId());
    cases.event(caseNo, null, "REGISTERED", dispute.type().label() + ": " + dispute.parties(), owner);
    execution.setProcessBusinessKey(caseNo);

    Building building = buildings.find(dispute.buildingId()).orElseThrow();
    String gridId = building.gridId();
    Map<String, Object> variables = new HashMap<>();
    variables.put(MediationProcess.CASE_NO, caseNo);
    variables.put("owner", owner);
    variables.put("ownerGroups", StationGroups.MANAGERS);
    variables.put("typeLabel", dispute.type().label());
    variables.put("buildingName", building.name());
    // For the task cards, as orders and deliveries show it: building and grid; the parties' flats stay in the case.
    variables.put(MediationProcess.AREA, building.area());
    // mediation-level.dmn offers level 1 and 2 to these groups.
    variables.put("buildingHeadsGroup", withMembersOr(StationGroups.buildingHeads(dispute.buildingId()),
        StationGroups.BUILDING_HEADS));
    variables.put("gridWorkersGroup", withMembersOr(StationGroups.gridWorkers(gridId), StationGroups.GRID_WORKERS));
    variables.put("followUpWithin", properties.mediation().followUpWithin().toString());
    variables.put("caseHistory", "- 登记 (Registered by) " + owner);
    execution.setVariables(variables);
  }

  private String withMembersOr(String group, String fallback) {
    return identity.createUserQuery().memberOfGroup(group).count() > 0 ? group : fallback;
  }
}
