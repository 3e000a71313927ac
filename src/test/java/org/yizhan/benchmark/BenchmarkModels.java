package org.yizhan.benchmark;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * The benchmark's own processes: a chain of user tasks, built with Camunda's fluent builder, which lays out the
 * diagram. They pass the station's model gate like any other deployment (candidate group, form, layout), so the
 * reference measures what a station's own one-task-at-a-time process costs, with nothing switched off for it.
 */
final class BenchmarkModels {

  private static final String FORM_ID = "bench-task";
  private static final String FORM = "{\"id\": \"" + FORM_ID + "\", \"type\": \"default\", \"components\": "
      + "[{\"type\": \"checkbox\", \"id\": \"Field_Done\", \"key\": \"done\", \"label\": \"完成 (Done)\"}]}";
  /** The start carries a note, as an order does; a start takes its start form's fields only. */
  private static final String START_FORM_ID = "bench-start";
  private static final String START_FORM = "{\"id\": \"" + START_FORM_ID + "\", \"type\": \"default\", "
      + "\"components\": [{\"type\": \"textfield\", \"id\": \"Field_Note\", \"key\": \"note\", "
      + "\"label\": \"备注 (Note)\"}]}";

  private BenchmarkModels() {}

  /** Deploys a process of the given user tasks in a row, each offered to the candidate groups given. */
  static void deployChain(ProcessEngine engine, String key, List<String> taskIds, String candidateGroups) {
    AbstractFlowNodeBuilder<?, ?> chain = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent("StartEvent_Started").camundaFormRef(START_FORM_ID).camundaFormRefBinding("deployment");
    for (String taskId : taskIds) {
      chain = chain.userTask(taskId).name(taskId).camundaCandidateGroups(candidateGroups)
          .camundaFormRef(FORM_ID).camundaFormRefBinding("deployment");
    }
    BpmnModelInstance model = chain.endEvent("Event_Done").done();
    engine.getRepositoryService().createDeployment().name(key)
        .addModelInstance(key + ".bpmn", model)
        .addString("forms/" + FORM_ID + ".form", FORM)
        .addString("forms/" + START_FORM_ID + ".form", START_FORM)
        .deploy();
  }
}
