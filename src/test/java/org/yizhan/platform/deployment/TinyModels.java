package org.yizhan.platform.deployment;

import java.nio.charset.StandardCharsets;

/** A one-task process, laid out, with a form: the smallest model the gate lets through, to break one way at a time. */
final class TinyModels {

  static final String FORM_ID = "tiny-task";

  private TinyModels() {}

  static byte[] process(String key) {
    return process(key, "camunda:candidateGroups=\"station-volunteers\" camunda:formRef=\"" + FORM_ID
        + "\" camunda:formRefBinding=\"deployment\"", "", true);
  }

  static byte[] process(String key, String userTaskAttributes, String extraElements, boolean withLayout) {
    String layout = withLayout ? """
          <bpmndi:BPMNDiagram id="Diagram_1"><bpmndi:BPMNPlane id="Plane_1" bpmnElement="%1$s">
            <bpmndi:BPMNShape id="Start_di" bpmnElement="StartEvent_Started"><dc:Bounds x="100" y="100" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="Task_di" bpmnElement="Task_Work"><dc:Bounds x="200" y="78" width="100" height="80"/></bpmndi:BPMNShape>
            <bpmndi:BPMNShape id="End_di" bpmnElement="Event_Done"><dc:Bounds x="360" y="100" width="36" height="36"/></bpmndi:BPMNShape>
            <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_StartToWork"><di:waypoint x="136" y="118"/><di:waypoint x="200" y="118"/></bpmndi:BPMNEdge>
            <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_WorkToDone"><di:waypoint x="300" y="118"/><di:waypoint x="360" y="118"/></bpmndi:BPMNEdge>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>""".formatted(key) : "";
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_1" targetNamespace="http://yizhan.org/test">
          <bpmn:process id="%1$s" name="Tiny (小)" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Started" />
            <bpmn:sequenceFlow id="Flow_StartToWork" sourceRef="StartEvent_Started" targetRef="Task_Work" />
            <bpmn:userTask id="Task_Work" name="Work (工作)" %2$s />
            <bpmn:sequenceFlow id="Flow_WorkToDone" sourceRef="Task_Work" targetRef="Event_Done" />
            <bpmn:endEvent id="Event_Done" />
            %3$s
          </bpmn:process>
          %4$s
        </bpmn:definitions>
        """.formatted(key, userTaskAttributes, extraElements, layout).strip();
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] form() {
    return ("{\"id\": \"" + FORM_ID + "\", \"type\": \"default\", \"schemaVersion\": 16, \"components\": "
        + "[{\"type\": \"textfield\", \"id\": \"Field_Note\", \"key\": \"note\", \"label\": \"备注 (Note)\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
