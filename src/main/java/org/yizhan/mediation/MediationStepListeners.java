package org.yizhan.mediation;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yizhan.platform.Money;
import org.yizhan.platform.ModelProperties;
import org.yizhan.platform.security.CompletedBy;
import org.yizhan.platform.security.StationGroups;

/** The listeners and delegates of mediation-escalation (every deployed version); each is named in the model. */
@Configuration
class MediationStepListeners {

  /** After triage: the case starts at the level the table chose. */
  @Bean
  ExecutionListener applyTriage(CaseRepository cases) {
    return execution -> {
      Map<?, ?> triage = (Map<?, ?>) execution.getVariable("triage");
      int level = ((Number) triage.get("startLevel")).intValue();
      execution.setVariable(MediationProcess.CURRENT_LEVEL, level);
      cases.startLevel(caseNo(execution), level);
      cases.event(caseNo(execution), level, "TRIAGED", "起始层级 " + level + " (Starts at level " + level + ")", null);
    };
  }

  /** "通报派出所 (Inform the police station)": recorded, and the liaison may read the case from now on. */
  @Bean
  JavaDelegate notifyPoliceStation(CaseRepository cases) {
    return execution -> {
      cases.reached(caseNo(execution), StationGroups.POLICE_STATION);
      cases.event(caseNo(execution), level(execution), "POLICE_NOTIFIED", "暴力、自伤或群体性风险 (Risk of violence, self-harm or a group incident)", null);
    };
  }

  /**
   * A level takes the case: its groups may read it from now on, the last level's answers are cleared and the case's
   * history is handed to the level's forms. In mediation-escalation from version 2 on, on the start of the level
   * sub-process, with the groups mediation-level.dmn names; in version 1 (running cases), on each level's task and on
   * the joint session.
   */
  @Bean
  LevelStarted levelStarted(CaseRepository cases) {
    return new LevelStarted(cases);
  }

  static final class LevelStarted implements TaskListener, ExecutionListener {

    static final List<String> PARTNERS = List.of(StationGroups.POLICE_STATION, StationGroups.JUDICIAL_OFFICE,
        StationGroups.PEOPLES_COURT);

    private final CaseRepository cases;

    LevelStarted(CaseRepository cases) {
      this.cases = cases;
    }

    /** Version 1: a level's task, offered to the level's group. */
    @Override
    public void notify(DelegateTask task) {
      start(task.getExecution(), task.getCandidates().stream()
          .map(link -> link.getGroupId()).filter(group -> group != null).toList());
    }

    @Override
    public void notify(DelegateExecution execution) {
      Map<?, ?> plan = (Map<?, ?>) execution.getVariable(MediationProcess.LEVEL_PLAN);
      List<String> groups = new ArrayList<>();
      boolean jointSession;
      if (plan == null) {
        // Version 1: the governance centre's joint session, the centre and its three partners.
        groups.add(StationGroups.GOVERNANCE_CENTRE);
        jointSession = true;
      } else {
        groups.add(String.valueOf(plan.get("candidateGroup")));
        jointSession = Boolean.TRUE.equals(plan.get("jointSession"));
        execution.setVariable("levelName", String.valueOf(plan.get("levelName")));
      }
      if (jointSession) {
        groups.addAll(PARTNERS);
        execution.setVariable("partnerInputs", "");
      }
      start(execution, groups);
    }

    private void start(DelegateExecution execution, List<String> groups) {
      String caseNo = caseNo(execution);
      int level = level(execution);
      for (String answer : List.of(MediationProcess.LEVEL_OUTCOME, "agreementText", "notSettledReason")) {
        execution.removeVariable(answer);
      }
      groups.forEach(group -> cases.reached(caseNo, group));
      cases.atLevel(caseNo, level);
      cases.event(caseNo, level, "LEVEL_STARTED", String.join(", ", groups), null);
      execution.setVariable("caseHistory", history(cases, caseNo));
    }
  }

  /**
   * The level did not settle the case, because the mediators said so (with their reason) or because its deadline
   * passed: recorded, and the case moves to the level mediation-level.dmn names next, if there is one. Version 1 of
   * the model (running cases) has no level plan and moves up one level, to the governance centre at most.
   */
  @Bean
  ExecutionListener recordEscalation(CaseRepository cases) {
    return execution -> {
      int level = level(execution);
      boolean timedOut = "TIMED_OUT".equals(execution.getVariable(MediationProcess.LEVEL_OUTCOME));
      String reason = timedOut ? "第 " + level + " 级超时自动上报 (Deadline passed at level " + level
          + "; moved up by itself)"
          : String.valueOf(execution.getVariable("notSettledReason"));
      cases.event(caseNo(execution), level, timedOut ? "TIMED_OUT" : "NOT_SETTLED", reason, null);
      Map<?, ?> plan = (Map<?, ?>) execution.getVariable(MediationProcess.LEVEL_PLAN);
      Object next = plan == null ? (level < 4 ? level + 1 : null) : plan.get("nextLevel");
      if (next != null) {
        execution.setVariable(MediationProcess.CURRENT_LEVEL, ((Number) next).intValue());
      }
    };
  }

  /** Each partner's input is kept in the case's history and shown to the joint session. */
  @Bean
  TaskListener recordPartnerInput(CaseRepository cases) {
    return task -> {
      String input = task.getName() + ": " + task.getVariable("partnerInput");
      cases.event(caseNo(task.getExecution()), level(task.getExecution()), "PARTNER_INPUT", input, CompletedBy.of(task));
      Object so = task.getVariable("partnerInputs");
      task.setVariable("partnerInputs", (so == null || so.toString().isBlank() ? "" : so + "\n") + "- " + input);
      task.getExecution().removeVariable("partnerInput");
    };
  }

  /** "记录协议 (Record the agreement)": who settled it and the follow-up due within the configured days. */
  @Bean
  JavaDelegate recordSettlement(CaseRepository cases) {
    return execution -> {
      int level = level(execution);
      String agreement = String.valueOf(execution.getVariable("agreementText"));
      if (Boolean.TRUE.equals(execution.getVariable("legalConsultation"))) {
        agreement += " [提供法律咨询 (legal consultation offered)]";
      }
      if (Boolean.TRUE.equals(execution.getVariable("psychologicalCounselling"))) {
        agreement += " [心理咨询 (psychological counsellor involved)]";
      }
      Period followUpWithin = Period.parse(String.valueOf(execution.getVariable("followUpWithin")));
      execution.setVariable(MediationProcess.SETTLED_AT_LEVEL, level);
      cases.settled(caseNo(execution), level, agreement, LocalDateTime.now().plus(followUpWithin));
      cases.event(caseNo(execution), level, "SETTLED", agreement, null);
    };
  }

  /** "记补贴 (Credit the subsidy)": one case, one subsidy, to the level that settled it. */
  @Bean
  JavaDelegate creditSubsidy(CaseRepository cases) {
    return execution -> {
      Map<?, ?> subsidy = (Map<?, ?>) execution.getVariable("subsidy");
      String organisation = String.valueOf(subsidy.get("organisation"));
      BigDecimal amount = new BigDecimal(String.valueOf(subsidy.get("amount")));
      if (cases.creditSubsidy(caseNo(execution), level(execution), organisation, amount)) {
        cases.event(caseNo(execution), level(execution), "SUBSIDY", organisation + ": " + Money.text(amount), null);
      }
    };
  }

  /** The follow-up found the dispute flared up again: back to the level that settled it. */
  @Bean
  ExecutionListener reopenCase(CaseRepository cases) {
    return execution -> {
      int settledAt = ((Number) execution.getVariable(MediationProcess.SETTLED_AT_LEVEL)).intValue();
      execution.setVariable(MediationProcess.CURRENT_LEVEL, settledAt);
      cases.followedUp(caseNo(execution));
      cases.event(caseNo(execution), settledAt, "REOPENED", String.valueOf(execution.getVariable("followUpNote")), null);
    };
  }

  /**
   * On end events and the follow-up timer: writes the event the element's extension properties name
   * ({@code case.event}, optional {@code case.status} and {@code case.reason} = variables).
   */
  @Bean
  ExecutionListener caseEvent(CaseRepository cases) {
    return execution -> {
      Map<String, String> properties = ModelProperties.of(execution);
      String caseNo = caseNo(execution);
      String event = properties.get("case.event");
      cases.event(caseNo, level(execution), event, ModelProperties.joinedVariables(execution, properties.get("case.reason")),
          null);
      String status = properties.get("case.status");
      if (status != null) {
        Object satisfaction = execution.getVariable("satisfaction");
        if (CaseStatus.valueOf(status) == CaseStatus.CLOSED) {
          cases.followedUp(caseNo);
        }
        cases.close(caseNo, CaseStatus.valueOf(status),
            satisfaction == null ? null : Integer.valueOf(satisfaction.toString()));
      }
    };
  }

  static String history(CaseRepository cases, String caseNo) {
    return cases.history(caseNo).stream()
        .filter(event -> !"LEVEL_STARTED".equals(event.event()) && !"TRIAGED".equals(event.event()))
        .map(event -> "- " + event.at().withNano(0) + (event.level() == null ? "" : " · level " + event.level())
            + " · " + event.event() + (event.reason() == null ? "" : ": " + event.reason()))
        .collect(Collectors.joining("\n"));
  }

  /** The case number is the business key, set when the case was registered; a variable a client can write is not. */
  private static String caseNo(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  private static int level(DelegateExecution execution) {
    Object level = execution.getVariable(MediationProcess.CURRENT_LEVEL);
    return level == null ? 0 : ((Number) level).intValue();
  }
}
