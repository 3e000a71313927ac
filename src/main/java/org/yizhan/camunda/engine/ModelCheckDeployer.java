package org.yizhan.camunda.engine;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Runs the station's model check ({@link DeploymentCheck}, the deployment package's ModelGate) over every new
 * deployment before the engine parses it, inside the deploy command: the folder deployer, Modeler's Deploy button on
 * /engine-rest, the webapps' copy of the API and Java callers all end here, so no path or spelling of a request skips
 * the check. A refused deployment rolls back whole and the caller gets a {@link ModelRefusedException} (400 on the REST
 * API) with the reasons by file.
 *
 * <p>Deployments the engine loads again from its database (after a restart or a cache eviction) were checked when
 * they were made and are not checked again, so that a stricter rule never stops instances that already run.
 *
 * <p>Camunda internals: a pre-deployer ({@code customPreDeployers}, engine impl package), verified on 7.24.0.
 */
class ModelCheckDeployer implements Deployer {

  private final ObjectProvider<DeploymentCheck> gate;

  ModelCheckDeployer(ObjectProvider<DeploymentCheck> gate) {
    this.gate = gate;
  }

  @Override
  public void deploy(DeploymentEntity deployment) {
    if (!deployment.isNew() || deployment.getResources() == null) {
      return;
    }
    Map<String, byte[]> files = new TreeMap<>();
    for (ResourceEntity resource : deployment.getResources().values()) {
      files.put(resource.getName(), resource.getBytes());
    }
    Map<String, List<String>> problems = gate.getObject().check(files);
    if (!problems.isEmpty()) {
      throw new ModelRefusedException(problems);
    }
  }
}
