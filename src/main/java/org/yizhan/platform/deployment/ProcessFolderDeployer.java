package org.yizhan.platform.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yizhan.platform.StartupWork;
import org.yizhan.platform.YizhanProperties;
import org.yizhan.platform.engine.ModelRefusedException;

/**
 * Deploys the models in {@code processes/} the way Camunda Run deploys its resources folder: deployments named
 * after the folder, resource names relative to it ({@code station-order.bpmn}, {@code forms/accept-order.form}),
 * and only what changed since the last deployment of that name (with what it belongs with, see {@link #deploy()}).
 *
 * <p>The folder on disk wins, so a manager's edit in Modeler is what runs; without it (a jar started elsewhere,
 * the tests) the copy the build put on the classpath is deployed.
 */
@Component
@Order(10)
public class ProcessFolderDeployer implements ApplicationRunner {

  public static final String DEPLOYMENT_NAME = "processes";
  public static final String DEPLOYMENT_SOURCE = "Yizhan processes folder";

  private static final Logger log = LoggerFactory.getLogger(ProcessFolderDeployer.class);

  private final RepositoryService repositoryService;
  private final ModelStatus status;
  private final Path folder;
  private final String deploymentName;
  private final ApplicationEventPublisher events;

  @Autowired
  public ProcessFolderDeployer(RepositoryService repositoryService, ModelStatus status, YizhanProperties properties,
      ApplicationEventPublisher events) {
    this(repositoryService, status, Path.of(properties.processesDir()), DEPLOYMENT_NAME, events);
  }

  ProcessFolderDeployer(RepositoryService repositoryService, ModelStatus status, Path folder,
      String deploymentName) {
    this(repositoryService, status, folder, deploymentName, event -> { });
  }

  private ProcessFolderDeployer(RepositoryService repositoryService, ModelStatus status, Path folder,
      String deploymentName, ApplicationEventPublisher events) {
    this.repositoryService = repositoryService;
    this.status = status;
    this.folder = folder;
    this.deploymentName = deploymentName;
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
   * Deploys the files that changed since they were last deployed, together with what they belong with: a process
   * goes with the forms and decisions it names (they are bound per deployment), and a changed form or decision takes
   * the processes that name it along. Unrelated models are left alone.
   *
   * @return the new deployment, or null when nothing changed
   */
  public synchronized DeploymentWithDefinitions deploy() {
    ModelFiles models = new ModelFiles(Files.isDirectory(folder) ? readFolder(folder) : readClasspath());
    Set<String> changed = changedSinceLastDeployment(models.contents());
    if (changed.isEmpty()) {
      log.info("Models in {}: {} files, nothing changed since the last deployment", where(), models.contents().size());
      return null;
    }
    Set<String> toDeploy = withWhatTheyBelongWith(changed, models);
    var builder = repositoryService.createDeployment().name(deploymentName).source(DEPLOYMENT_SOURCE);
    toDeploy.forEach(name -> builder.addInputStream(name, new ByteArrayInputStream(models.content(name))));
    DeploymentWithDefinitions deployment;
    try {
      // The engine runs the model gate on the deployment (platform/engine/ModelCheckDeployer) and refuses it whole.
      deployment = builder.deployWithResult();
    } catch (ModelRefusedException refusedByGate) {
      refuse(refusedByGate.problems());
      return null;
    } catch (ProcessEngineException refusedByEngine) {
      Map<String, List<String>> engineProblems = new TreeMap<>();
      changed.forEach(name -> engineProblems.put(name, List.of(refusedByEngine.getMessage())));
      refuse(engineProblems);
      return null;
    }
    Map<String, Integer> versions = new HashMap<>();
    if (deployment.getDeployedProcessDefinitions() != null) {
      deployment.getDeployedProcessDefinitions().forEach(d -> versions.put(d.getResourceName(), d.getVersion()));
    }
    if (deployment.getDeployedDecisionDefinitions() != null) {
      deployment.getDeployedDecisionDefinitions().forEach(d -> versions.put(d.getResourceName(), d.getVersion()));
    }
    toDeploy.forEach(name -> status.record(name, versions.get(name), ModelStatus.Result.DEPLOYED, List.of()));
    log.info("Models in {}: {} changed ({}); deployed {} files as deployment {} with {} process(es) and {} decision(s)",
        where(), changed.size(), String.join(", ", changed), toDeploy.size(), deployment.getId(),
        size(deployment.getDeployedProcessDefinitions()), size(deployment.getDeployedDecisionDefinitions()));
    return deployment;
  }

  private void refuse(Map<String, List<String>> problems) {
    problems.forEach((name, reasons) -> {
      status.record(name, null, ModelStatus.Result.REFUSED, reasons);
      log.warn("Refused to deploy {}; the running version stays. {}", name, String.join("; ", reasons));
    });
  }

  /** Files whose content differs from their latest deployed version under this deployment name, or that are new. */
  private Set<String> changedSinceLastDeployment(Map<String, byte[]> models) {
    Map<String, byte[]> deployed = new HashMap<>();
    for (Deployment previous : repositoryService.createDeploymentQuery().deploymentName(deploymentName)
        .orderByDeploymentTime().desc().list()) {
      for (Resource resource : repositoryService.getDeploymentResources(previous.getId())) {
        deployed.computeIfAbsent(resource.getName(), name -> resource.getBytes());
      }
      if (deployed.keySet().containsAll(models.keySet())) {
        break;
      }
    }
    Set<String> changed = new TreeSet<>();
    models.forEach((name, content) -> {
      if (!Arrays.equals(content, deployed.get(name))) {
        changed.add(name);
      }
    });
    return changed;
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
