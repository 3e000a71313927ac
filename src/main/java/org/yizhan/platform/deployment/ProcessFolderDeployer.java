package org.yizhan.platform.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.yizhan.platform.StartupWork;
import org.yizhan.platform.YizhanProperties;
import org.yizhan.platform.cluster.ClusterLock;
import org.yizhan.camunda.engine.ModelRefusedException;

/**
 * Deploys the models in {@code processes/} the way Camunda Run deploys its resources folder: deployments named
 * after the folder, resource names relative to it ({@code station-order.bpmn}, {@code forms/accept-order.form}),
 * and only what changed (with what it belongs with, see {@link #deploy()}).
 *
 * <p>The database is the one source of truth of a cluster's models; a node's folder (or, without one, the copy the
 * build put on the classpath) only proposes. A file is a change when its content was never deployed under its name;
 * content that an earlier version had is a stale copy (a node whose folder is behind), reported and never deployed
 * again as a newer version. The decision and the deployment run under the cluster's models lock, so two nodes
 * looking at the same files deploy them once.
 */
@Component
@Order(10)
public class ProcessFolderDeployer implements ApplicationRunner {

  public static final String DEPLOYMENT_NAME = "processes";
  public static final String DEPLOYMENT_SOURCE = "Yizhan processes folder";

  private static final Logger log = LoggerFactory.getLogger(ProcessFolderDeployer.class);

  private final RepositoryService repositoryService;
  private final ModelStatus status;
  private final ClusterLock clusterLock;
  private final Path folder;
  private final String deploymentName;
  private final DeployedModels deployed;
  private final ApplicationEventPublisher events;

  @Autowired
  public ProcessFolderDeployer(RepositoryService repositoryService, ModelStatus status, ClusterLock clusterLock,
      DeploymentOrder order, YizhanProperties properties, ApplicationEventPublisher events) {
    this(repositoryService, status, clusterLock, order, Path.of(properties.processesDir()), DEPLOYMENT_NAME, events);
  }

  ProcessFolderDeployer(RepositoryService repositoryService, ModelStatus status, ClusterLock clusterLock,
      DeploymentOrder order, Path folder, String deploymentName) {
    this(repositoryService, status, clusterLock, order, folder, deploymentName, event -> { });
  }

  private ProcessFolderDeployer(RepositoryService repositoryService, ModelStatus status, ClusterLock clusterLock,
      DeploymentOrder order, Path folder, String deploymentName, ApplicationEventPublisher events) {
    this.repositoryService = repositoryService;
    this.status = status;
    this.clusterLock = clusterLock;
    this.folder = folder;
    this.deploymentName = deploymentName;
    this.deployed = new DeployedModels(repositoryService, order, deploymentName);
    this.events = events;
  }

  /** Whether the models come from a folder on disk that a manager may edit while the app runs. */
  public boolean watchesFolder() {
    return Files.isDirectory(folder);
  }

  /** A cheap fingerprint of the folder (names, sizes, modification times) to notice an edit. */
  public String fingerprint() {
    if (!watchesFolder()) {
      return "";
    }
    try (Stream<Path> files = Files.walk(folder)) {
      StringBuilder print = new StringBuilder();
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        print.append(file).append(':').append(Files.size(file)).append(':')
            .append(Files.getLastModifiedTime(file).toMillis()).append(';');
      }
      return print.toString();
    } catch (IOException e) {
      return "unreadable:" + e.getMessage();
    }
  }

  /**
   * Deploys at start, before the station reports ready ({@link StartupWork}). Refused files do not hold readiness back:
   * the versions deployed before keep running, and the {@code models} health component names the refused files.
   */
  @Override
  public void run(ApplicationArguments args) {
    deploy();
    events.publishEvent(new StartupWork.Done(StartupWork.Step.MODELS_DEPLOYED));
  }

  /**
   * Deploys the files whose content was never deployed under their name, together with what they belong with: a
   * process goes with the forms and decisions it names (they are bound per deployment), and a changed form or decision
   * takes the processes that name it along. Unrelated models are left alone. What is taken along is the newest
   * deployed content where this node's copy is older, so a change on a node that is behind brings nothing old back.
   *
   * <p>Why not the engine's {@code enableDuplicateFiltering(deployChangedOnly)}: it compares each resource with the
   * latest deployment of the name only, so a node's older copy counts as changed and is deployed as a newer version
   * (the undo this class prevents), and with {@code deployChangedOnly} it drops the unchanged forms a process is
   * bound to per deployment. Its deployment lock (a row lock the engine takes in {@code DeployCmd} for every
   * deployment) serialises the writes but not our reading before them; hence the decision under
   * {@link ClusterLock.Key#MODELS}, in the transaction the engine's deployment joins.
   *
   * @return the new deployment, or null when nothing changed
   */
  public DeploymentWithDefinitions deploy() {
    Map<String, byte[]> proposed = watchesFolder() ? readFolder(folder) : readClasspath();
    Set<String> changed = new TreeSet<>();
    try {
      // A refusal is thrown out of the transaction (the engine's failed command has marked it for rollback).
      return clusterLock.inTransaction(ClusterLock.Key.MODELS, () -> decideAndDeploy(proposed, changed));
    } catch (ModelRefusedException refusedByGate) {
      refuse(refusedByGate.problems());
      return null;
    } catch (ProcessEngineException refusedByEngine) {
      Map<String, List<String>> engineProblems = new TreeMap<>();
      changed.forEach(name -> engineProblems.put(name, List.of(refusedByEngine.getMessage())));
      refuse(engineProblems);
      return null;
    }
  }

  private DeploymentWithDefinitions decideAndDeploy(Map<String, byte[]> proposed, Set<String> changed) {
    DeployedModels.History history = deployed.read();
    Map<String, byte[]> effective = new TreeMap<>();
    Map<String, String> behind = new TreeMap<>();
    proposed.forEach((name, content) -> {
      switch (history.judge(name, content)) {
        case NEW -> {
          changed.add(name);
          effective.put(name, content);
        }
        case LATEST -> {
          status.matchesRunningVersion(name);
          effective.put(name, content);
        }
        case OLDER -> {
          DeployedModels.Carried latest = history.latest(name).orElseThrow();
          reportOlder(name, history.lastWith(name, content).orElseThrow(), latest);
          behind.put(name, latest.deploymentId());
        }
      }
    });
    if (changed.isEmpty()) {
      log.info("Models in {}: {} files, nothing new since the deployments in the database", where(), proposed.size());
      return null;
    }
    // What a change takes along is the running content, not this node's stale copy.
    behind.forEach((name, deploymentId) -> effective.put(name, deployed.content(deploymentId, name)));
    ModelFiles models = new ModelFiles(effective);
    Set<String> toDeploy = withWhatTheyBelongWith(changed, models);
    var builder = repositoryService.createDeployment().name(deploymentName).source(DEPLOYMENT_SOURCE);
    toDeploy.forEach(name -> builder.addInputStream(name, new ByteArrayInputStream(models.content(name))));
    // The engine runs the model gate on the deployment (camunda/engine/ModelCheckDeployer) and refuses it whole.
    DeploymentWithDefinitions deployment = builder.deployWithResult();
    Map<String, Integer> versions = new HashMap<>();
    if (deployment.getDeployedProcessDefinitions() != null) {
      deployment.getDeployedProcessDefinitions().forEach(d -> versions.put(d.getResourceName(), d.getVersion()));
    }
    if (deployment.getDeployedDecisionDefinitions() != null) {
      deployment.getDeployedDecisionDefinitions().forEach(d -> versions.put(d.getResourceName(), d.getVersion()));
    }
    // Told once the deployment is committed: a commit that fails (the database gone, a lock timeout) deployed nothing.
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        toDeploy.forEach(name -> status.record(name, versions.get(name), ModelStatus.Result.DEPLOYED, List.of()));
        log.info("Models in {}: {} changed ({}); deployed {} files as deployment {} with {} process(es) and {} "
            + "decision(s)", where(), changed.size(), String.join(", ", changed), toDeploy.size(), deployment.getId(),
            size(deployment.getDeployedProcessDefinitions()), size(deployment.getDeployedDecisionDefinitions()));
      }
    });
    return deployment;
  }

  /**
   * A copy equal to an earlier version: on a node whose folder is behind (another node saw the manager's edit), or a
   * manager who put an old file back. Deploying it would undo the newer version, so it is reported instead.
   */
  private void reportOlder(String name, DeployedModels.Carried equalTo, DeployedModels.Carried latest) {
    String reason = String.format("%s 的内容与数据库里较早的%s相同，没有再部署；运行的是更新的%s。要回到旧内容，请改动一处再保存"
        + " (%s equals the earlier %s in the database and is not deployed again; the newer %s runs. To go back to the old"
        + " content, change something and save)", where(name), describe(name, equalTo, true),
        describe(name, latest, true), where(name), describe(name, equalTo, false), describe(name, latest, false));
    status.record(name, versionIn(latest.deploymentId(), name), ModelStatus.Result.OLDER_THAN_DEPLOYED, List.of(reason));
    if (watchesFolder()) {
      log.warn("{}", reason);
    } else {
      // The jar's own copy being behind the managers' edits is the normal case of a node without a folder.
      log.info("{}", reason);
    }
  }

  private String describe(String name, DeployedModels.Carried carried, boolean chinese) {
    Integer version = versionIn(carried.deploymentId(), name);
    String when = carried.deployedAt() == null ? "?" : carried.deployedAt().toInstant().toString();
    if (version != null) {
      return chinese ? "第 " + version + " 版（" + when + "）" : "version " + version + " (" + when + ")";
    }
    return chinese ? "部署（" + when + "）" : "deployment (" + when + ")";
  }

  private Integer versionIn(String deploymentId, String name) {
    return switch (ModelKind.of(name)) {
      case PROCESS -> repositoryService.createProcessDefinitionQuery().deploymentId(deploymentId).list().stream()
          .filter(d -> name.equals(d.getResourceName())).map(d -> d.getVersion()).findFirst().orElse(null);
      case DECISION -> repositoryService.createDecisionDefinitionQuery().deploymentId(deploymentId).list().stream()
          .filter(d -> name.equals(d.getResourceName())).map(d -> d.getVersion()).findFirst().orElse(null);
      default -> null;
    };
  }

  private void refuse(Map<String, List<String>> problems) {
    problems.forEach((name, reasons) -> {
      status.record(name, null, ModelStatus.Result.REFUSED, reasons);
      log.warn("Refused to deploy {}; the running version stays. {}", name, String.join("; ", reasons));
    });
  }

  private static Set<String> withWhatTheyBelongWith(Set<String> changed, ModelFiles models) {
    Map<String, String> fileById = ModelReferences.declarations(models);
    Set<String> changedIds = new HashSet<>();
    changed.forEach(name -> changedIds.addAll(ModelReferences.declaredBy(name, models)));
    Set<String> result = new TreeSet<>(changed);
    models.contents().keySet().forEach(name -> {
      if (ModelKind.of(name) == ModelKind.PROCESS) {
        Set<String> named = ModelReferences.namedBy(models.bpmn(name));
        if (result.contains(name) || named.stream().anyMatch(changedIds::contains)) {
          result.add(name);
          named.stream().map(fileById::get).filter(Objects::nonNull).forEach(result::add);
        }
      }
    });
    return result;
  }

  private String where() {
    return Files.isDirectory(folder) ? folder.toAbsolutePath().toString() : "classpath:processes";
  }

  private String where(String name) {
    return (Files.isDirectory(folder) ? "processes/" : "classpath:processes/") + name;
  }

  private static int size(List<?> definitions) {
    return definitions == null ? 0 : definitions.size();
  }

  static boolean isModel(String name) {
    return ModelKind.of(name) != ModelKind.OTHER;
  }

  private static Map<String, byte[]> readFolder(Path folder) {
    Map<String, byte[]> models = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String name = folder.relativize(file).toString().replace('\\', '/');
        if (isModel(name)) {
          models.put(name, Files.readAllBytes(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the models in " + folder.toAbsolutePath(), e);
    }
    return models;
  }

  private static Map<String, byte[]> readClasspath() {
    Map<String, byte[]> models = new TreeMap<>();
    try {
      for (org.springframework.core.io.Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/**/*")) {
        String url = resource.getURL().toString();
        String name = url.substring(url.lastIndexOf("/processes/") + "/processes/".length());
        if (resource.isReadable() && isModel(name)) {
          models.put(name, resource.getContentAsByteArray());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the models on the classpath", e);
    }
    return models;
  }
}
