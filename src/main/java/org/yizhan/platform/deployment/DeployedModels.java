package org.yizhan.platform.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.Resource;

/**
 * What the database holds under one deployment name: for every model file, the content of each deployment that carried
 * it, oldest first. The database is the cluster's one record of which models ran; a node's folder only proposes.
 *
 * <p>Only the content's SHA-256 is kept, per deployment id: a deployment never changes once made, so each is read once
 * per node, and a later look costs one query for the list of deployments and one for their places in the order.
 *
 * <p><b>Oldest first by what the database decided, not by any clock.</b> A deployment's {@code DEPLOY_TIME_} is the
 * clock of the node that made it (for Modeler's Deploy button, of the node that answered); two nodes whose clocks differ by more than the time
 * between two edits would judge the newest content older and an old file newer. The order used here is the number
 * {@link DeploymentOrder} gives every deployment inside the engine's deploy command, under the engine's deployment
 * lock, from an identity column: it follows the order in which the deployments committed.
 *
 * <p>Why not the definitions' versions, which the engine also assigns under that lock: they order the deployments of
 * one process or decision key only. A form has no version the public API shows (no form definition query in
 * RepositoryService), a BPMN file without an executable process has none at all, and a file
 * whose process id was changed starts again at version 1 of its new key, so "the highest version" cannot compare the
 * deployments of every file. The number covers every deployment and every kind of file, and because the engine's own
 * command writes it, deployments the station does not make (Modeler's Deploy button and Cockpit through /engine-rest,
 * a redeploy, Java) are numbered too; it costs one table (Flyway V10) and one post-deployer.
 *
 * <p>Deployments without a number were made before V10 (or by a node of an older release during a rolling upgrade).
 * They are put before every numbered one, which is right for the first case, and among themselves in the order of their
 * deployment times, the rule they were made under.
 */
final class DeployedModels {

  /** A file's content against what was deployed under its name. */
  enum Verdict {
    /** Never deployed under this name: a change somebody made. */
    NEW,
    /** The content of the newest deployment that carried the file. */
    LATEST,
    /** The content of an earlier deployment, since replaced by a newer one: a stale copy, not a change. */
    OLDER
  }

  /** One deployment that carried a file. */
  record Carried(String deploymentId, java.util.Date deployedAt, String hash) {}

  private final RepositoryService repository;
  private final DeploymentOrder order;
  private final String deploymentName;
  private final Map<String, Map<String, String>> hashesByDeployment = new ConcurrentHashMap<>();

  DeployedModels(RepositoryService repository, DeploymentOrder order, String deploymentName) {
    this.repository = repository;
    this.order = order;
    this.deploymentName = deploymentName;
  }

  /**
   * Reads the deployments as they are now. Call it where the decision is taken (inside the models lock), so that what
   * another node deployed a moment ago is seen.
   */
  History read() {
    // Times first, only so that deployments without a number keep their old order among themselves (stable sort).
    List<Deployment> deployments = new ArrayList<>(repository.createDeploymentQuery().deploymentName(deploymentName)
        .orderByDeploymentTime().asc().orderByDeploymentId().asc().list());
    Map<String, Long> positions = order.positions(deployments.stream().map(Deployment::getId).toList());
    deployments.sort(Comparator.comparingLong(d -> positions.getOrDefault(d.getId(), Long.MIN_VALUE)));
    Map<String, List<Carried>> byFile = new HashMap<>();
    Set<String> present = new HashSet<>();
    for (Deployment deployment : deployments) {
      present.add(deployment.getId());
      hashesByDeployment.computeIfAbsent(deployment.getId(), this::hashesOf).forEach((file, hash) ->
          byFile.computeIfAbsent(file, f -> new ArrayList<>())
              .add(new Carried(deployment.getId(), deployment.getDeploymentTime(), hash)));
    }
    hashesByDeployment.keySet().retainAll(present); // deleted in Cockpit: forgotten here too
    return new History(byFile);
  }

  private Map<String, String> hashesOf(String deploymentId) {
    Map<String, String> hashes = new HashMap<>();
    for (Resource resource : repository.getDeploymentResources(deploymentId)) {
      hashes.put(resource.getName(), hash(resource.getBytes()));
    }
    return hashes;
  }

  /** The content of a file as one deployment carried it. */
  byte[] content(String deploymentId, String file) {
    try (InputStream in = repository.getResourceAsStream(deploymentId, file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " of deployment " + deploymentId, e);
    }
  }

  static String hash(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  /** The deployments of every file, oldest first. */
  static final class History {

    private final Map<String, List<Carried>> byFile;

    private History(Map<String, List<Carried>> byFile) {
      this.byFile = byFile;
    }

    Verdict judge(String file, byte[] content) {
      List<Carried> carried = byFile.getOrDefault(file, List.of());
      String hash = hash(content);
      if (carried.isEmpty() || carried.stream().noneMatch(c -> c.hash().equals(hash))) {
        return Verdict.NEW;
      }
      return carried.get(carried.size() - 1).hash().equals(hash) ? Verdict.LATEST : Verdict.OLDER;
    }

    /** The newest deployment that carried the file. */
    Optional<Carried> latest(String file) {
      List<Carried> carried = byFile.getOrDefault(file, List.of());
      return carried.isEmpty() ? Optional.empty() : Optional.of(carried.get(carried.size() - 1));
    }

    /** The newest deployment that carried this content of the file. */
    Optional<Carried> lastWith(String file, byte[] content) {
      String hash = hash(content);
      List<Carried> carried = byFile.getOrDefault(file, List.of());
      for (int i = carried.size() - 1; i >= 0; i--) {
        if (carried.get(i).hash().equals(hash)) {
          return Optional.of(carried.get(i));
        }
      }
      return Optional.empty();
    }
  }
}
