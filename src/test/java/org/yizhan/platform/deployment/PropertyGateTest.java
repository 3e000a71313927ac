package org.yizhan.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

/**
 * The extension properties that attach the station's listeners (progress.*, order.* for ${orderProgress};
 * delivery.* for ${deliveryOutcome}) are checked when a model is deployed, through the engine's deployment API, which
 * the folder deployer, Modeler's Deploy button and REST all go through: unknown values, values in the wrong case,
 * empty values, unknown names and properties where their listener cannot run are refused with the element, the value
 * and what is allowed; what the listeners know is deployed.
 */
@StationTest
class PropertyGateTest {

  private static final String KEY = "property-gate";

  @Autowired RepositoryService repository;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      Task_Work       | progress.step=ACCEPTED;progress.label=驿站已接单 (Accepted by the station);order.status=ACCEPTED
      Task_Work       | progress.step=GOODS_ARRIVED;progress.label=货已到驿站 (Goods arrived);progress.event=end
      Task_Work       | progress.step=PICKUP_REMINDER;progress.label=提醒取货 (Reminder);progress.event=start
      Flow_WorkToDone | progress.step=GOODS_CHECKED;progress.label=验收合格 (Goods passed the check)
      Event_Done      | progress.step=REJECTED;progress.label=驿站未能接单 (Declined);order.status=REJECTED;order.reason=declineReason, declineNote
      Event_Done      | delivery.status=RETURNED;delivery.reasonText=紧急情况 (Emergency at the door);delivery.reason=calledWho,welfareNote
      Event_Done      | delivery.status=DELIVERED
      """)
  void propertiesTheListenersKnowAreDeployed(String element, String properties) {
    Deployment deployment = deploy(model(element, properties));

    assertThat(repository.createProcessDefinitionQuery().deploymentId(deployment.getId()).count()).isEqualTo(1);
    repository.deleteDeployment(deployment.getId(), true);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      Task_Work       | progress.step=ACCEPTED;progress.label=已接单 (Accepted);order.status=COMPLETE                | 'Work (工作)' (Task_Work)：属性 order.status 的值 "COMPLETE" 不认识，可用的值：ACCEPTED、PROCURING、READY、OUT_FOR_DELIVERY、COMPLETED、CANCELLED、REJECTED (order.status "COMPLETE" is not known; allowed: ACCEPTED,
      Task_Work       | progress.step=ACCEPTED;progress.label=已接单 (Accepted);order.status=completed               | 'Work (工作)' (Task_Work)：属性 order.status 的值 "completed" 大小写或空格不对，应写 COMPLETED
      Task_Work       | progress.step=ACCEPTED ;progress.label=已接单 (Accepted)                                    | 属性 progress.step 的值 "ACCEPTED " 大小写或空格不对，应写 ACCEPTED
      Task_Work       | progress.step=ACCEPT;progress.label=已接单 (Accepted)                                       | 属性 progress.step 的值 "ACCEPT" 不认识，可用的值：ACCEPTED、ACCEPT_OVERDUE、
      Task_Work       | progress.step=PLACED;progress.label=已下单 (Placed)                                         | 属性 progress.step 的值 "PLACED" 不认识
      Task_Work       | progress.step=;progress.label=已接单 (Accepted)                                             | 'Work (工作)' (Task_Work)：属性 progress.step 没有填值，可用的值：ACCEPTED、
      Task_Work       | progress.step=ACCEPTED;progress.label=                                                      | 属性 progress.label 的值 "" 应先写中文，再在括号里写英文
      Task_Work       | progress.step=ACCEPTED;progress.label=Accepted by the station                               | 属性 progress.label 的值 "Accepted by the station" 应先写中文
      Task_Work       | progress.step=ACCEPTED                                                                      | 缺少属性 progress.label
      Task_Work       | order.status=ACCEPTED                                                                       | 缺少属性 progress.step
      Task_Work       | progress.step=ACCEPTED;progress.label=已接单 (Accepted);progress.stpe=ACCEPTED              | 不认识属性 progress.stpe，可用的属性：progress.step、progress.label、progress.event、order.status、order.reason (unknown property progress.stpe
      Task_Work       | progress.step=ACCEPTED;progress.label=已接单 (Accepted);order.state=ACCEPTED                | 不认识属性 order.state
      Task_Work       | progress.step=ACCEPTED;progress.label=已接单 (Accepted);progress.event=take                 | 属性 progress.event 的值 "take" 不认识，可用的值：start、end
      Task_Work       | progress.step=ACCEPTED;progress.label=已接单 (Accepted);order.status=PLACED                 | 属性 order.status 的值 "PLACED" 不认识
      Task_Work       | progress.step=ACCEPTED;progress.label=已接单 (Accepted);order.status=ACCEPTED;order.reason=note | 属性 order.reason 只在订单结束时记录，需同时写 order.status：COMPLETED、CANCELLED、REJECTED
      Event_Done      | progress.step=CANCELLED;progress.label=已取消 (Cancelled);order.status=CANCELLED;order.reason=cancel reason | 属性 order.reason 的值 "cancel reason" 应是用逗号分隔的变量名
      Flow_WorkToDone | progress.step=GOODS_CHECKED;progress.label=验收合格 (Passed);progress.event=end              | 'Flow_WorkToDone'：连线在经过时记录进度，属性 progress.event 不能写在连线上
      property-gate   | progress.step=ACCEPTED;progress.label=已接单 (Accepted)                                     | 'property-gate'：属性 progress.step、progress.label 只能写在步骤、事件或连线上
      Event_Done      | delivery.status=LOST                                                                        | 'Event_Done'：属性 delivery.status 的值 "LOST" 不认识，可用的值：DELIVERED、REFUSED、RETURNED (delivery.status "LOST" is not known; allowed: DELIVERED, REFUSED, RETURNED)
      Event_Done      | delivery.status=delivered                                                                   | 属性 delivery.status 的值 "delivered" 大小写或空格不对，应写 DELIVERED
      Event_Done      | delivery.status=OPEN                                                                        | 属性 delivery.status 的值 "OPEN" 不认识
      Event_Done      | delivery.status=                                                                            | 属性 delivery.status 没有填值，可用的值：DELIVERED、REFUSED、RETURNED
      Event_Done      | delivery.stauts=DELIVERED                                                                   | 不认识属性 delivery.stauts，可用的属性：delivery.status、delivery.reasonText、delivery.reason
      Event_Done      | delivery.status=REFUSED;delivery.reasonText=Refused                                         | 属性 delivery.reasonText 的值 "Refused" 应先写中文
      Task_Work       | delivery.status=DELIVERED                                                                   | 'Work (工作)' (Task_Work)：属性 delivery.status 只能写在结束事件上
      Flow_WorkToDone | delivery.status=DELIVERED                                                                   | 属性 delivery.status 只能写在结束事件上
      """)
  void unknownOrMisplacedPropertyIsRefusedWithTheElementTheValueAndWhatIsAllowed(String element, String properties,
      String reason) {
    BadUserRequestException refused = catchThrowableOfType(BadUserRequestException.class,
        () -> deploy(model(element, properties)));

    assertThat(refused).as("refused").isNotNull();
    assertThat(refused.getMessage()).startsWith("驿站拒绝了这次部署").contains(KEY + ".bpmn: ").contains(reason.strip());
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey(KEY).count()).as("nothing deployed")
        .isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${orderProgress}", "${ deliveryOutcome }", "#{orderProgress}"})
  void listenerWiredByHandWithoutItsPropertiesIsRefused(String expression) {
    String listener = "<camunda:executionListener delegateExpression=\"" + expression + "\" event=\"start\" />";

    BadUserRequestException refused = catchThrowableOfType(BadUserRequestException.class,
        () -> deploy(withExtensions("Task_Work", listener)));

    assertThat(refused).as("refused").isNotNull();
    assertThat(refused.getMessage()).contains(KEY + ".bpmn: ")
        .contains("'Work (工作)' (Task_Work)：监听器 " + expression + " 需要它的扩展属性");
  }

  /** The tiny model with the properties ("name=value;…", a name without "=" has no value) on one element. */
  private static String model(String element, String properties) {
    StringBuilder xml = new StringBuilder("<camunda:properties>");
    for (String property : properties.strip().split(";")) {
      String[] pair = property.split("=", 2);
      xml.append("<camunda:property name=\"").append(pair[0]).append('"');
      if (pair.length > 1) {
        xml.append(" value=\"").append(pair[1]).append('"');
      }
      xml.append(" />");
    }
    return withExtensions(element.strip(), xml.append("</camunda:properties>").toString());
  }

  private static String withExtensions(String element, String extensions) {
    String xml = new String(TinyModels.process(KEY), StandardCharsets.UTF_8);
    String extensionElements = "<bpmn:extensionElements>" + extensions + "</bpmn:extensionElements>";
    String changed = switch (element) {
      case "Task_Work" -> xml.replaceFirst("(<bpmn:userTask id=\"Task_Work\"[^>]*?) />",
          "$1>" + Matcher.quoteReplacement(extensionElements) + "</bpmn:userTask>");
      case "Event_Done" -> xml.replace("<bpmn:endEvent id=\"Event_Done\" />",
          "<bpmn:endEvent id=\"Event_Done\">" + extensionElements + "</bpmn:endEvent>");
      case "Flow_WorkToDone" -> xml.replace("targetRef=\"Event_Done\" />",
          "targetRef=\"Event_Done\">" + extensionElements + "</bpmn:sequenceFlow>");
      case KEY -> xml.replace("camunda:historyTimeToLive=\"P1D\">", "camunda:historyTimeToLive=\"P1D\">"
          + extensionElements);
      default -> throw new IllegalArgumentException(element);
    };
    assertThat(changed).as("the properties went onto " + element).isNotEqualTo(xml);
    return changed;
  }

  private Deployment deploy(String bpmn) {
    return repository.createDeployment().name(KEY)
        .addInputStream(KEY + ".bpmn", new ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)))
        .addInputStream("forms/tiny.form", new ByteArrayInputStream(TinyModels.form()))
        .deploy();
  }
}
