package org.yizhan.mediation;

import java.util.List;

import org.springframework.stereotype.Component;
import org.yizhan.platform.web.ApiException;

/** The checks every dispute passes, whether registered in Tasklist or over HTTP. */
@Component
class DisputeValidator {

  private final CaseRepository cases;

  DisputeValidator(CaseRepository cases) {
    this.cases = cases;
  }

  DisputeRequest validate(DisputeRequest request) {
    if (request.buildingId() == null || request.buildingId().isBlank()) {
      throw ApiException.badInput("buildingId", "请选择纠纷所在的楼栋，如 B01 (Choose the building where the dispute is, e.g. B01)");
    }
    String buildingId = request.buildingId().trim();
    if (cases.buildingName(buildingId).isEmpty()) {
      throw ApiException.badInput("buildingId", "社区没有楼栋 " + buildingId + " (There is no building " + buildingId
          + "; choose one of the community's)");
    }
    if (request.type() == null) {
      throw ApiException.badInput("type", "请选择纠纷类型 (Say what kind of dispute it is: " + List.of(DisputeType.values()) + ")");
    }
    String parties = request.parties() == null ? "" : request.parties().trim();
    if (parties.isEmpty() || parties.length() > DisputeRequest.MAX_PARTIES) {
      throw ApiException.badInput("parties", "请写明当事人，最多 " + DisputeRequest.MAX_PARTIES + " 个字 (Name the parties, in at most "
          + DisputeRequest.MAX_PARTIES + " characters)");
    }
    String description = request.description() == null ? "" : request.description().trim();
    if (description.isEmpty() || description.length() > DisputeRequest.MAX_DESCRIPTION) {
      throw ApiException.badInput("description", "请描述纠纷情况，最多 " + DisputeRequest.MAX_DESCRIPTION + " 个字 (Describe what happened, in at most "
          + DisputeRequest.MAX_DESCRIPTION + " characters)");
    }
    List<RiskFlag> flags = request.riskFlags() == null ? List.of() : request.riskFlags();
    if (flags.contains(null)) {
      throw ApiException.badInput("riskFlags", "风险只能是 VIOLENCE、SELF_HARM 或 GROUP_INCIDENT (Risk flags must be VIOLENCE, SELF_HARM or GROUP_INCIDENT)");
    }
    return new DisputeRequest(buildingId, request.type(), parties, description, List.copyOf(flags));
  }
}
