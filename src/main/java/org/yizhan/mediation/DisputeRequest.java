package org.yizhan.mediation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dispute as {@code POST /api/disputes} receives it. It is handed to the process as the start form would hand it
 * ({@link #startValues()}); "登记案件 (Register case)" checks it there, once, for every way a case starts.
 */
public record DisputeRequest(String buildingId, DisputeType type, String parties, String description,
    List<RiskFlag> riskFlags) {

  static final int MAX_PARTIES = 300;
  static final int MAX_DESCRIPTION = 2000;

  /**
   * The start form's values: the same names the form, the process and the triage table use. A value the request left
   * out is left out here too, so that registering names it as missing.
   */
  Map<String, Object> startValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    putPresent(values, MediationProcess.BUILDING_ID, buildingId);
    putPresent(values, MediationProcess.TYPE, type == null ? null : type.name());
    putPresent(values, MediationProcess.PARTIES, parties);
    putPresent(values, MediationProcess.DESCRIPTION, description);
    List<RiskFlag> flags = riskFlags == null ? List.of() : riskFlags;
    for (int i = 0; i < flags.size(); i++) {
      if (flags.get(i) == null) {
        throw new DisputeRefusedException("riskFlags[" + i + "]", "风险只能是 VIOLENCE、SELF_HARM 或 GROUP_INCIDENT "
            + "(Risk flags must be VIOLENCE, SELF_HARM or GROUP_INCIDENT)");
      }
    }
    for (RiskFlag flag : RiskFlag.values()) {
      values.put(flag.variable(), flags.contains(flag));
    }
    return values;
  }

  private static void putPresent(Map<String, Object> values, String name, Object value) {
    if (value != null) {
      values.put(name, value);
    }
  }
}
