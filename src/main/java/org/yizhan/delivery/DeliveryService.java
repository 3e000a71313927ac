package org.yizhan.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.yizhan.platform.security.AsTheStation;
import org.yizhan.platform.web.ApiException;
import org.yizhan.residents.Resident;
import org.yizhan.residents.ResidentRepository;

/** Deliveries that are not orders: one resident, or a whole round (meals, vegetable packages). */
@Service
public class DeliveryService {

  public record Started(String deliveryNo, String residentId, String processInstanceId) {}

  /** What a volunteer needs at the door, and may only see while the doorstep or welfare-check task is theirs. */
  public record Contact(String deliveryNo, String residentName, String address, String phone, String neighbourhood) {}

  static final int MAX_NOTE = 500;

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

  @Transactional
  public Started start(String residentId, DeliveryKind kind, String note, String requestedBy) {
    if (residentId == null || residentId.isBlank()) {
      throw ApiException.badInput("residentId", "请填写居民台账中的居民编号，如 R-0001 (Enter the resident's number from the registry, e.g. R-0001)");
    }
    if (kind == null) {
      throw ApiException.badInput("kind", "请选择配送内容 (Say what is delivered: GOODS, MEAL, VEGETABLES or MEDICINE)");
    }
    if (note != null && note.length() > MAX_NOTE) {
      throw ApiException.badInput("note", "备注最多 " + MAX_NOTE + " 个字 (The note may be at most " + MAX_NOTE + " characters)");
    }
    residents.find(residentId.trim()).orElseThrow(() -> ApiException.badInput("residentId",
        "居民台账中没有 " + residentId.trim() + "，请先查一下编号 (There is no resident " + residentId.trim()
            + " in the registry; look the number up first)"));
    return startProcess(residentId.trim(), kind, note, requestedBy);
  }

  /** A meal round goes to the canteen's delivery list, a vegetable round to residents in difficulty. */
  @Transactional
  public List<Started> startRound(DeliveryKind kind, String note, String requestedBy) {
    List<String> residentIds = switch (kind == null ? DeliveryKind.GOODS : kind) {
      case MEAL -> deliveries.canteenList();
      case VEGETABLES -> deliveries.residentsInDifficulty();
      default -> throw ApiException.badInput("kind", "批次只用于送餐或送菜；商品和药品请单独发起送货 (Rounds are for MEAL, the canteen's "
          + "delivery list, or VEGETABLES, residents in difficulty; start single deliveries for goods and medicine)");
    };
    if (note != null && note.length() > MAX_NOTE) {
      throw ApiException.badInput("note", "备注最多 " + MAX_NOTE + " 个字 (The note may be at most " + MAX_NOTE + " characters)");
    }
    List<Started> started = new ArrayList<>();
    for (String residentId : residentIds) {
      started.add(startProcess(residentId, kind, note, requestedBy));
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
   * itself for the manager it has checked, and records who asked for it, the signed-in user.
   */
  private Started startProcess(String residentId, DeliveryKind kind, String note, String requestedBy) {
    ProcessInstance instance;
    try {
      instance = AsTheStation.call(identity, () -> runtime.createProcessInstanceByKey(DeliveryProcess.KEY)
          .setVariables(Map.of(DeliveryProcess.RESIDENT_ID, residentId, DeliveryProcess.KIND, kind.name(),
              DeliveryProcess.NOTE, note == null ? "" : note, DeliveryProcess.REQUESTED_BY, requestedBy))
          .execute());
    } catch (BadUserRequestException refused) {
      throw ApiException.badInput(null, refused.getMessage());
    }
    Delivery delivery = deliveries.findByProcessInstance(instance.getId()).orElseThrow();
    return new Started(delivery.deliveryNo(), residentId, instance.getId());
  }
}
