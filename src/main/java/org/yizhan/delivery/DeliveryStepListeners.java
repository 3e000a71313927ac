package org.yizhan.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.yizhan.needs.NeedCategory;
import org.yizhan.needs.NeedsRepository;
import org.yizhan.platform.ModelProperties;
import org.yizhan.platform.TaskViewVariables;
import org.yizhan.platform.security.CompletedBy;
import org.yizhan.residents.ResidentRepository;
import org.yizhan.volunteers.PointsLedger;

/** The listeners and small delegates of doorstep-delivery; each is named in the model. */
@Configuration
class DeliveryStepListeners {

  /** Rows of "needs heard" on the doorstep form: need1Category/need1Details … */
  static final int NEED_ROWS = 3;

  /** Policies the volunteer may tick as explained (民生政策解读), by checkbox key. */
  static final Map<String, String> POLICIES = Map.of(
      "policyPension", "PENSION",
      "policyMedicalInsurance", "MEDICAL_INSURANCE",
      "policyLowIncome", "LOW_INCOME_ASSISTANCE",
      "policyElderlySubsidy", "ELDERLY_SUBSIDY",
      "policyAssistiveDevices", "ASSISTIVE_DEVICES");

  /** Each new doorstep task is one more attempt; the previous attempt's answers must not pre-fill it. */
  @Bean
  TaskListener countDeliveryAttempt(DeliveryBook book) {
    return task -> {
      for (String answer : List.of("outcome", "receivedBy", "antiFraudTalk", "satisfaction", "visitNote")) {
        task.getExecution().removeVariable(answer);
      }
      task.setVariable("attempt", book.countAttempt(book.of(task.getExecution()).deliveryNo()));
    };
  }

  /**
   * The doorstep task is claimed, handed on or given back (Camunda fires {@code assignment} whenever the assignee
   * changes, to a person or to nobody): the resident's name is on the task while somebody holds it, and only then.
   *
   * <p>Privacy: an unclaimed task is offered to a whole group (a grid's volunteers or all of them), and Tasklist shows
   * its form to everyone in it, so it carries no name, only the building and grid. The volunteer who claims it needs
   * the name to ring the right door and ask for the right person; the address and phone stay on the contact page,
   * which answers only the assignee. The name is a task-local variable, so it goes with the task when it is completed
   * and is removed when the task is given back; it is not a form field, so no form submit can set or change it (a task
   * is completed with its form's fields only, see WorkThroughTheProcess), and nothing reads it back. The group's
   * members may still open a claimed task (the overdue filter lists it) and would see the name there. The engine's
   * history does not keep it (FullHistoryWithoutDetails).
   */
  @Bean
  TaskListener showResidentToAssignee(DeliveryBook book, ResidentRepository residents) {
    return task -> {
      if (task.getAssignee() == null) {
        task.removeVariableLocal(DeliveryProcess.RESIDENT_NAME);
        return;
      }
      String residentId = book.of(task.getExecution()).residentId();
      residents.find(residentId).ifPresent(resident ->
          task.setVariableLocal(DeliveryProcess.RESIDENT_NAME, resident.name()));
    };
  }

  /**
   * The resident's name is shown to the assignee only, and not kept in the engine's history either, where Cockpit's
   * readers would find it after the task is done; the registry keeps the resident, the delivery record says who
   * delivered.
   */
  @Bean
  TaskViewVariables deliveryTaskViews() {
    return () -> Set.of(DeliveryProcess.RESIDENT_NAME);
  }

  /**
   * What the volunteer recorded at the door: the hand-over, the talk, the policies, and the needs heard, on the
   * delivery's record. An order's record is its own process's: who received the goods and how satisfied the resident
   * was go back to the calling station-order with the delivery's result (the call activity's out-mappings).
   */
  @Bean
  TaskListener recordDoorstepVisit(DeliveryBook book, NeedsRepository needs) {
    return task -> {
      String volunteer = CompletedBy.of(task);
      Delivery delivery = book.of(task.getExecution());
      String deliveryNo = delivery.deliveryNo();
      String residentId = delivery.residentId();
      if ("DELIVERED".equals(task.getVariable("outcome"))) {
        List<String> policies = new ArrayList<>();
        POLICIES.forEach((key, policy) -> {
          if (Boolean.TRUE.equals(task.getVariable(key))) {
            policies.add(policy);
          }
        });
        String receivedBy = String.valueOf(task.getVariable("receivedBy")).trim();
        book.recordDelivered(deliveryNo, volunteer, receivedBy, Boolean.TRUE.equals(task.getVariable("antiFraudTalk")),
            String.join(",", policies.stream().sorted().toList()));
        task.setVariable("deliveredBy", volunteer);
      }
      for (int row = 1; row <= NEED_ROWS; row++) {
        Object category = task.getVariable("need" + row + "Category");
        Object details = task.getVariable("need" + row + "Details");
        if (category != null && !category.toString().isBlank()) {
          needs.record(residentId, deliveryNo, NeedCategory.valueOf(category.toString()),
              details == null || details.toString().isBlank() ? null : details.toString().trim(), volunteer);
        }
        task.getExecution().removeVariable("need" + row + "Category");
        task.getExecution().removeVariable("need" + row + "Details");
      }
    };
  }

  /** "记积分 (Credit points)": the points the decision table gave go to the volunteer who delivered. */
  @Bean
  JavaDelegate creditPoints(PointsLedger ledger, DeliveryBook book) {
    return execution -> {
      Object points = execution.getVariable("points");
      Delivery delivery = book.of(execution);
      // Who delivered is what the door visit recorded, not a variable a client could have sent along.
      if (points != null && delivery.deliveredBy() != null) {
        ledger.credit(delivery.deliveredBy(), ((Number) points).intValue(),
            "送货上门 (Doorstep delivery): " + delivery.kind().label(), delivery.deliveryNo());
      }
    };
  }

  /**
   * On the delivery's end events: closes the record as the element's extension properties say
   * ({@link DeliveryOutcomeProperties}, which also attach this listener) and keeps the result
   * ({@code deliveryResult}, {@code deliveryReason}) with the process, where a calling station-order's out-mappings
   * take it from.
   */
  @Bean(DeliveryOutcomeProperties.LISTENER)
  ExecutionListener deliveryOutcome(DeliveryBook book, DeliveryOutcomeProperties rules) {
    return execution -> {
      DeliveryOutcomeProperties.Outcome outcome = rules.read(ModelProperties.of(execution));
      DeliveryStatus status = outcome.status();
      String text = outcome.reasonText();
      String details = ModelProperties.joinedVariables(execution, outcome.reasonVariables());
      String reason = text == null ? details : details == null ? text : text + ": " + details;
      book.close(book.of(execution).deliveryNo(), status, reason);
      execution.setVariable(DeliveryProcess.RESULT, status.name());
      execution.setVariable(DeliveryProcess.REASON, reason);
    };
  }
}
