package org.yizhan.delivery;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yizhan.platform.StationStart;
import org.yizhan.platform.web.ApiException;
import org.yizhan.residents.Resident;
import org.yizhan.residents.ResidentRepository;
import org.yizhan.residents.ResidentTag;

/** Deliveries that are not orders: one resident, or a whole round (meals, vegetable packages). */
@Service
public class DeliveryService {

  public record Started(String deliveryNo, String residentId, String processInstanceId) {}

  /** What a volunteer needs at the door, and may only see while the doorstep or welfare-check task is theirs. */
  public record Contact(String deliveryNo, String residentName, String address, String phone, String neighbourhood) {}

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final DeliveryRepository deliveries;
  private final ResidentRepository residents;
  private final IdentityService identity;

  DeliveryService(RuntimeService runtime, TaskService tasks, DeliveryRepository deliveries, ResidentRepository residents,
      IdentityService identity) {
    this.identity = identity;
    this.runtime = runtime;
    this.tasks = tasks;
    this.deliveries = deliveries;
    this.residents = residents;
  }

  /**
   * Starts doorstep-delivery for one resident; "Prepare delivery" checks the request (and refuses it with a
   * {@link DeliveryRefusedException}, leaving nothing behind) and gives the delivery its number as the business key,
   * within this start.
   */
  @Transactional
  public Started start(String residentId, String kind, String note, String requestedBy) {
    return startProcess(residentId, kind, note, requestedBy);
  }

  /** A meal round goes to the canteen's delivery list, a vegetable round to residents in difficulty. */
  @Transactional
  public List<Started> startRound(DeliveryKind kind, String note, String requestedBy) {
    List<String> residentIds = switch (kind == null ? DeliveryKind.GOODS : kind) {
      case MEAL -> residents.activeAmong(deliveries.canteenEnrolments());
      // Residents in difficulty (低保 / 特困) get the shared vegetable packages.
      case VEGETABLES -> residents.activeWithAnyTag(EnumSet.of(ResidentTag.LOW_INCOME, ResidentTag.EXTREME_POVERTY));
      default -> throw new DeliveryRefusedException(DeliveryProcess.KIND, "批次只用于送餐或送菜；商品和药品请单独发起送货 "
          + "(Rounds are for MEAL, the canteen's delivery list, or VEGETABLES, residents in difficulty; start single "
          + "deliveries for goods and medicine)");
    };
    // Each delivery of the round checks its note as it starts; checked for the round too, so that a round with nobody
    // on its list refuses the same note.
    DeliveryValidator.note(note);
    List<Started> started = new ArrayList<>();
    for (String residentId : residentIds) {
      started.add(startProcess(residentId, kind.name(), note, requestedBy));
    }
    return started;
  }

  public Delivery find(String deliveryNo) {
    return deliveries.find(deliveryNo).orElseThrow(() -> ApiException.notFound("deliveryNo",
        "There is no delivery " + deliveryNo));
  }

  /**
   * Address and phone, for the volunteer or grid worker who has claimed one of the delivery's open tasks, or for a
   * station manager; anyone else gets 403, and so does the volunteer again once they unclaim.
   */
  public Contact contact(String deliveryNo, String userId, boolean manager) {
    Delivery delivery = find(deliveryNo);
    if (!manager) {
      List<Task> claimed = delivery.processInstanceId() == null ? List.of()
          : tasks.createTaskQuery().processInstanceId(delivery.processInstanceId()).taskAssignee(userId).list();
      if (claimed.isEmpty()) {
        throw ApiException.forbidden("认领后可见 (Claim the delivery's task first; the address and phone are shown only to the "
            + "volunteer who has it in hand)");
      }
    }
    Resident resident = residents.find(delivery.residentId()).orElseThrow();
    return new Contact(deliveryNo, resident.name(), resident.address(), resident.phone(), resident.neighbourhood());
  }

  /**
   * doorstep-delivery has no start form, so nobody but an administrator starts it with values: the station starts it
   * itself for the manager it has checked, and records who asked for it, the signed-in user. A refusal of "Prepare
   * delivery" goes to the caller as it is.
   */
  private Started startProcess(String residentId, String kind, String note, String requestedBy) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(DeliveryProcess.RESIDENT_ID, residentId);
    variables.put(DeliveryProcess.KIND, kind);
    variables.put(DeliveryProcess.NOTE, note == null ? "" : note);
    variables.put(DeliveryProcess.REQUESTED_BY, requestedBy);
    // "Prepare delivery" gives the delivery its number as the instance's business key, within this start.
    StationStart.Started started = StationStart.start(identity, runtime, DeliveryProcess.KEY, variables);
    return new Started(started.number(), residentId, started.processInstanceId());
  }
}
