package org.yizhan.platform.deployment;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;

/**
 * The model files of one deployment by name, each BPMN and DMN file parsed at most once however many checks and
 * lookups read it. Parsing validates the file against its XML schema, which made the gate and the deployer's
 * "what belongs together" a sixth of a first start when every check parsed the files again.
 */
final class ModelFiles {

  private final Map<String, byte[]> contents;
  private final Map<String, BpmnModelInstance> processes = new HashMap<>();
  private final Map<String, DmnModelInstance> decisions = new HashMap<>();

  ModelFiles(Map<String, byte[]> contents) {
    this.contents = contents;
  }

  Map<String, byte[]> contents() {
    return contents;
  }

  byte[] content(String name) {
    return contents.get(name);
  }

  /** @throws org.camunda.bpm.model.xml.ModelException and its kin when the file is not valid BPMN */
  BpmnModelInstance bpmn(String name) {
    return processes.computeIfAbsent(name, file -> Bpmn.readModelFromStream(new ByteArrayInputStream(contents.get(file))));
  }

  /** @throws org.camunda.bpm.model.xml.ModelException and its kin when the file is not valid DMN */
  DmnModelInstance dmn(String name) {
    return decisions.computeIfAbsent(name, file -> Dmn.readModelFromStream(new ByteArrayInputStream(contents.get(file))));
  }
}
