package org.yizhan.platform.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN.md's model conventions, checked on every .bpmn file in processes/. */
class ProcessModelConventionsTest {

  static Stream<Path> models() throws IOException {
    return Files.list(Path.of("processes")).filter(file -> file.toString().endsWith(".bpmn"));
  }

  @ParameterizedTest
  @MethodSource("models")
  void processKeyIsTheFileNameAndHistoryHasATimeToLive(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    List<Process> processes = List.copyOf(model.getModelElementsByType(Process.class));

    assertThat(processes).hasSize(1);
    assertThat(processes.get(0).getId()).isEqualTo(file.getFileName().toString().replace(".bpmn", ""));
    assertThat(processes.get(0).getCamundaHistoryTimeToLiveString()).isNotBlank();
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyUserTaskHasCandidateGroupsAndADeployedForm(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());

    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isNotBlank();
      assertThat(task.getCamundaFormRef()).as(task.getId()).isNotBlank();
      assertThat(task.getCamundaFormRefBinding()).as(task.getId()).isEqualTo("deployment");
      assertThat(formFileDeclaring(task.getCamundaFormRef())).as(task.getId() + " form").isTrue();
    }
  }

  /** Tasklist's cards read the number and area from the task itself, which everybody it is offered to may read. */
  @ParameterizedTest
  @MethodSource("models")
  void everyUserTaskCopiesItsCardVariablesWhenCreated(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());

    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      assertThat(task.getExtensionElements() == null ? List.<String>of() : task.getExtensionElements()
          .getElementsQuery().filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener.class).list()
          .stream().filter(listener -> "create".equals(listener.getCamundaEvent()))
          .map(listener -> listener.getCamundaDelegateExpression()).toList())
          .as(task.getId() + " create listeners").contains("${showCard}");
    }
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyFlowNodeIsNamedBilinguallyAndEveryElementHasLayout(Path file) {
    BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
    List<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
        .map(shape -> shape.getBpmnElement().getId()).toList();
    List<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
        .map(edge -> edge.getBpmnElement().getId()).toList();

    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      if (element instanceof SequenceFlow) {
        assertThat(edges).as("layout of " + element.getId()).contains(element.getId());
      } else {
        assertThat(shapes).as("layout of " + element.getId()).contains(element.getId());
      }
      if (element.getName() != null && (element instanceof FlowNode || element instanceof SequenceFlow)) {
        // Chinese first, the English after it in brackets: 驿站接单 (Accept order)
        assertThat(element.getName()).as(element.getId())
            .matches("[^A-Za-z()]*\\p{IsHan}[^A-Za-z()]* \\([^\\p{IsHan}]*[A-Za-z][^\\p{IsHan}]*\\)");
      }
      assertThat(element.getId()).as("id says what it is")
          .matches("(StartEvent|Event|Task|Gateway|Timer|Flow|SubProcess|CallActivity)_[A-Za-z]+");
    }
  }

  private static boolean formFileDeclaring(String formId) {
    try (Stream<Path> forms = Files.list(Path.of("processes/forms"))) {
      return forms.anyMatch(form -> {
        try {
          return Files.readString(form).contains("\"id\": \"" + formId + "\"");
        } catch (IOException e) {
          return false;
        }
      });
    } catch (IOException e) {
      return false;
    }
  }
}
