package org.yizhan.platform.deployment;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The place of each deployment in the order the database saw them made (table {@code deployment_order}, Flyway V10):
 * a number from an identity column, taken inside the engine's deploy command ({@link DeploymentOrderPlugin}) while the
 * command holds the engine's deployment lock, so that a later deployment always has the larger number, whichever node
 * or client made it and whatever its clock said.
 *
 * <p>Deployments made before this table existed (or by a node of an older release) have no number; see
 * {@link DeployedModels} for where they are put.
 */
@Component
public class DeploymentOrder {

  private final JdbcClient jdbc;
  private final boolean numbered;

  /**
   * With {@code yizhan.camunda.deployment-order=false} no deployment is numbered (the engine hook is off), and the
   * numbers already given are not used either: deployments are then ordered by their deploy time alone, as Camunda
   * records it, which holds on one node.
   */
  DeploymentOrder(JdbcClient jdbc, @Value("${yizhan.camunda.deployment-order:true}") boolean numbered) {
    this.jdbc = jdbc;
    this.numbered = numbered;
  }

  /**
   * Gives a new deployment its number. Called in the engine's transaction (the Spring-managed engine's commands join
   * the Spring transaction on the same data source), so the row is committed or rolled back with the deployment.
   */
  public void record(String deploymentId) {
    jdbc.sql("insert into deployment_order (deployment_id) values (?)").param(deploymentId).update();
  }

  /** The numbers of those of the deployments that have one, by deployment id. */
  Map<String, Long> positions(Collection<String> deploymentIds) {
    Map<String, Long> positions = new HashMap<>();
    if (deploymentIds.isEmpty() || !numbered) {
      return positions;
    }
    jdbc.sql("select deployment_id, seq from deployment_order where deployment_id in (:ids)")
        .param("ids", List.copyOf(deploymentIds))
        .query((row, n) -> Map.entry(row.getString(1), row.getLong(2)))
        .list().forEach(entry -> positions.put(entry.getKey(), entry.getValue()));
    return positions;
  }
}
