package org.yizhan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yizhan.delivery.DeliveryProcess;
import org.yizhan.mediation.MediationProcess;
import org.yizhan.order.OrderProcess;

/**
 * Each capability's process constants against its model in processes/: the key is the model's process id, and every
 * constant whose value looks like an element id (Task_AcceptOrder) names an element of that model, under the UPPER_SNAKE
 * of that id (TASK_ACCEPT_ORDER). A renamed or deleted element fails here, not in the middle of a path test.
 */
class ProcessConstantsTest {

  private static final Pattern ELEMENT_ID = Pattern.compile("^[A-Z][A-Za-z]*_[A-Za-z]+$");

  /** Each class of process constants with its model's file under processes/. */
  static Stream<Arguments> processes() {
    return Stream.<Arguments>builder()
        .add(arguments(OrderProcess.class, "station-order.bpmn"))
        .add(arguments(DeliveryProcess.class, "doorstep-delivery.bpmn"))
        .add(arguments(MediationProcess.class, "mediation-escalation.bpmn"))
        .build();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("processes")
  void keyIsTheModelsProcessId(Class<?> constants, String file) throws Exception {
    List<String> processIds = model(file).getModelElementsByType(Process.class).stream().map(Process::getId).toList();

    assertThat(processIds).containsExactly((String) constants.getField("KEY").get(null));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("processes")
  void everyElementIdNamesAnElementOfTheModel(Class<?> constants, String file) throws Exception {
    BpmnModelInstance model = model(file);
    List<Field> elementIds = elementIds(constants);

    assertThat(elementIds).as("element ids in " + constants.getSimpleName()).isNotEmpty();
    for (Field field : elementIds) {
      String id = (String) field.get(null);
      ModelElementInstance element = model.getModelElementById(id);
      assertThat(element).as(constants.getSimpleName() + "." + field.getName() + " = \"" + id + "\" in " + file).isNotNull();
    }
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("processes")
  void everyElementIdIsNamedAfterItsId(Class<?> constants, String file) throws Exception {
    for (Field field : elementIds(constants)) {
      String id = (String) field.get(null);
      assertThat(field.getName()).as(constants.getSimpleName() + " constant for \"" + id + "\"")
          .isEqualTo(upperSnake(id));
    }
  }

  /** The class's public String constants whose value looks like an element id. */
  private static List<Field> elementIds(Class<?> constants) throws IllegalAccessException {
    List<Field> elementIds = new ArrayList<>();
    for (Field field : constants.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == String.class
          && ELEMENT_ID.matcher((String) field.get(null)).matches()) {
        elementIds.add(field);
      }
    }
    return elementIds;
  }

  /** Task_AcceptOrder → TASK_ACCEPT_ORDER, SubProcess_MerchantParts → SUB_PROCESS_MERCHANT_PARTS. */
  private static String upperSnake(String id) {
    return id.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  private static BpmnModelInstance model(String file) throws IOException {
    try (InputStream in = ProcessConstantsTest.class.getClassLoader().getResourceAsStream("processes/" + file)) {
      assertThat(in).as("processes/" + file + " on the test classpath").isNotNull();
      return Bpmn.readModelFromStream(in);
    }
  }
}
