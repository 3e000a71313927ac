package org.yizhan.camunda.deployment;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.yizhan.platform.deployment.DeploymentOrder;

/**
 * Numbers every new deployment in {@link DeploymentOrder} from inside the engine's deploy command, so that deployments
 * the station does not make itself (Modeler's Deploy button and Cockpit through /engine-rest, a redeploy, Java) are
 * numbered as surely as those of processes/.
 *
 * <p>Why inside the command: the command takes the engine's deployment lock (a row lock on ACT_GE_PROPERTY, on by
 * default, taken by every deployment on every node) before it builds the deployment, and holds it until the transaction
 * ends; a post-deployer runs after that, in the same transaction. So the number is drawn while no other deployment can
 * be made, and the next one can only be drawn after this one has committed: the numbers follow the order of the
 * commits. A deployment that fails (the model gate, a parse error) rolls its number back with it. (On H2 the engine
 * skips that row lock and serialises deploy commands within its JVM only; H2 is the one-node database, see
 * {@code platform/cluster/ClusterLock}.)
 *
 * <p>Camunda internals: a post-deployer ({@code customPostDeployers}, engine impl package), as
 * {@code camunda/engine/ModelCheckDeployer} is a pre-deployer; verified on 7.24.0.
 */
@Component
@ConditionalOnProperty(name = "yizhan.camunda.deployment-order", havingValue = "true", matchIfMissing = true)
class DeploymentOrderPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<DeploymentOrder> order;

  DeploymentOrderPlugin(ObjectProvider<DeploymentOrder> order) {
    this.order = order;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<Deployer> deployers = new ArrayList<>();
    if (configuration.getCustomPostDeployers() != null) {
      deployers.addAll(configuration.getCustomPostDeployers());
    }
    deployers.add(deployment -> {
      // Deployers also run when the engine loads an old deployment into its cache again; that one has its number.
      if (deployment.isNew()) {
        order.getObject().record(deployment.getId());
      }
    });
    configuration.setCustomPostDeployers(deployers);
  }
}
