package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.yizhan.order.OrderProcess.TASK_HAND_OVER_AT_STATION;
import static org.yizhan.order.OrderScenario.ORDINARY_RESIDENT;
import static org.yizhan.order.OrderScenario.accept;
import static org.yizhan.order.OrderScenario.confirmStock;
import static org.yizhan.order.OrderScenario.deliverToStationAndPassCheck;
import static org.yizhan.order.OrderScenario.handOver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yizhan.StationTest;

/**
 * Orders of a station-order version that wires ${orderProgress} by hand on each element (the model before the engine
 * attached it from the extension properties; src/test/resources/models-before/station-order-hand-wired.bpmn is that
 * file as it was) record each step once, whether they finish on their version, after a newer version was deployed, or
 * move to the newer one halfway; and so do orders of the newer version.
 */
@StationTest
class HandWiredVersionTest {

  private static final Path HAND_WIRED = Path.of("src/test/resources/models-before/station-order-hand-wired.bpmn");
  private static final String RICE_TWO_BAGS = "[{\"sku\":\"RICE-5KG\",\"quantity\":2}]";
  private static final List<String> PICKUP_STEPS = List.of("PLACED", "HAND_OVER_DECIDED", "ACCEPTED", "PROCURING",
      "STOCK_CONFIRMED", "GOODS_ARRIVED", "GOODS_CHECKED", "READY", "HANDED_OVER", "COMPLETED");

  @Autowired ProcessEngine engine;
  @Autowired OrderRepository orders;

  private Deployment handWired;
  private Deployment attached;

  @AfterEach
  void removeTheTestVersions() {
    // The folder's own version of station-order is the newest again for the other tests.
    for (Deployment deployment : new Deployment[] {handWired, attached}) {
      if (deployment != null) {
        engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
      }
    }
  }

  @Test
  void everyStepIsRecordedOnceOnTheHandWiredVersionTheNewVersionAndAfterMigration() throws IOException {
    OrderScenario scenario = OrderScenario.on(engine);
    handWired = deploy("hand-wired station-order", Files.readAllBytes(HAND_WIRED),
        Files.readAllBytes(Path.of("src/test/resources/models-before/delivery-mode-first.dmn")));
    ProcessInstance onHandWired = scenario.place(ORDINARY_RESIDENT, RICE_TWO_BAGS, "");
    ProcessInstance toMigrate = scenario.place(ORDINARY_RESIDENT, RICE_TWO_BAGS, "");
    attached = deploy("station-order with attached listeners",
        Files.readAllBytes(Path.of("processes/station-order.bpmn")),
        Files.readAllBytes(Path.of("processes/decisions/delivery-mode.dmn")));
    ProcessInstance onNew = scenario.place(ORDINARY_RESIDENT, RICE_TWO_BAGS, "");
    migrate(toMigrate, definitionOf(onNew));

    assertThat(definitionOf(onHandWired)).as("the older order stays on its version").isNotEqualTo(definitionOf(onNew));
    assertThat(definitionOf(toMigrate)).isEqualTo(definitionOf(onNew));
    for (ProcessInstance order : List.of(onHandWired, toMigrate, onNew)) {
      accept(order);
      confirmStock(order, 65.0);
      deliverToStationAndPassCheck(order);
      handOver(TASK_HAND_OVER_AT_STATION, order, "5");

      assertThat(order).isEnded();
      Order done = orders.find(orderNo(order)).orElseThrow();
      assertThat(done.progress()).extracting(Order.Progress::step).as(definitionOf(order))
          .containsExactlyElementsOf(PICKUP_STEPS);
      assertThat(done.status()).isEqualTo(OrderStatus.COMPLETED);
    }
  }

  /** The order process with what it names (binding "deployment"): its hand-over table and its forms. */
  private Deployment deploy(String name, byte[] stationOrder, byte[] deliveryMode) throws IOException {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name(name)
        .addInputStream("station-order.bpmn", new java.io.ByteArrayInputStream(stationOrder))
        .addInputStream("decisions/delivery-mode.dmn", new java.io.ByteArrayInputStream(deliveryMode));
    try (Stream<Path> forms = Files.list(Path.of("processes/forms"))) {
      for (Path form : forms.toList()) {
        deployment.addInputStream("forms/" + form.getFileName(), new java.io.ByteArrayInputStream(Files.readAllBytes(form)));
      }
    }
    return deployment.deploy();
  }

  private void migrate(ProcessInstance order, String toDefinition) {
    MigrationPlan plan = engine.getRuntimeService()
        .createMigrationPlan(order.getProcessDefinitionId(), toDefinition).mapEqualActivities().updateEventTriggers()
        .build();
    engine.getRuntimeService().newMigration(plan).processInstanceIds(order.getId()).execute();
  }

  private String definitionOf(ProcessInstance order) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(order.getId())
        .singleResult().getProcessDefinitionId();
  }

  private String orderNo(ProcessInstance order) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(order.getId())
        .singleResult().getBusinessKey();
  }
}
