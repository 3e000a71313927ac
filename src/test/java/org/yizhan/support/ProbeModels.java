package org.yizhan.support;

import java.nio.charset.StandardCharsets;

/** Small models and forms for tests: start event, one user task, end, laid out, passing the station's model gate. */
public final class ProbeModels {

  private ProbeModels() {}

  /** A probe offered to the station volunteers, as the form-rule tests use it. */
  public static byte[] process(String key, String startAttributes, String taskAttributes) {
    return process(key, "Form rules probe (表单规则测试)", "station-volunteers", startAttributes, taskAttributes);
  }

  public static byte[] process(String key, String name, String candidateGroups, String startAttributes,
      String taskAttributes) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Probe" targetNamespace="http://yizhan.org/test">
          <bpmn:process id="%1$s" name="%4$s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Started" name="Started (开始)" %2$s />
            <bpmn:sequenceFlow id="Flow_StartToWork" sourceRef="StartEvent_Started" targetRef="Task_Work" />
            <bpmn:userTask id="Task_Work" name="Work (工作)" camunda:candidateGroups="%5$s" %3$s />
            <bpmn:sequenceFlow id="Flow_WorkToDone" sourceRef="Task_Work" targetRef="Event_Done" />
            <bpmn:endEvent id="Event_Done" name="Done (完成)" />
          </bpmn:process>
          <bpmndi:BPMNDiagram id="Diagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="%1$s">
            <bpmndi:BPMNShape id="Start_di" bpmnElement="StartEvent_Started"><dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Task_di" bpmnElement="Task_Work"><dc:Bounds x="200" y="78" width="100" height="80"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="End_di" bpmnElement="Event_Done"><dc:Bounds x="360" y="100" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_StartToWork"><di:waypoint x="136" y="118"/><di:waypoint x="200" y="118"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_WorkToDone"><di:waypoint x="300" y="118"/><di:waypoint x="360" y="118"/></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """.formatted(key, startAttributes, taskAttributes, name, candidateGroups).strip().getBytes(StandardCharsets.UTF_8);
  }

  public static String formRef(String formId, String binding) {
    return "camunda:formRef=\"" + formId + "\" camunda:formRefBinding=\"" + binding + "\"";
  }

  public static byte[] form(String id, String... components) {
    return ("{\"id\": \"" + id + "\", \"type\": \"default\", \"schemaVersion\": 16, \"components\": ["
        + String.join(",", components) + "]}").getBytes(StandardCharsets.UTF_8);
  }
}
