package org.yizhan.platform.deployment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yizhan.platform.YizhanProperties;

/**
 * Deploys the models in {@code processes/} the way Camunda Run deploys its resources folder: one deployment named
 * after the folder, resource names relative to it ({@code station-order.bpmn}, {@code forms/accept-order.form}),
 * and only the files that changed since the last deployment of that name.
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
  private final Path folder;

  public ProcessFolderDeployer(RepositoryService repositoryService, YizhanProperties properties) {
    this.repositoryService = repositoryService;
    this.folder = Path.of(properties.processesDir());
  }

  @Override
  public void run(ApplicationArguments args) {
    deploy();
  }

  /** Deploys the files that changed since the last deployment of the folder. */
  public DeploymentWithDefinitions deploy() {
    Date started = new Date(System.currentTimeMillis() - 1000);
    Map<String, byte[]> models = Files.isDirectory(folder) ? readFolder(folder) : readClasspath();
    var builder = repositoryService.createDeployment()
        .name(DEPLOYMENT_NAME)
        .source(DEPLOYMENT_SOURCE)
        .enableDuplicateFiltering(true);
    models.forEach((name, content) -> builder.addInputStream(name, new ByteArrayInputStream(content)));
    DeploymentWithDefinitions deployment = builder.deployWithResult();
    int processes = size(deployment.getDeployedProcessDefinitions());
    int decisions = size(deployment.getDeployedDecisionDefinitions());
    log.info("Models from {}: {} files; {}", Files.isDirectory(folder) ? folder.toAbsolutePath() : "classpath:processes",
        models.size(), processes + decisions == 0 && !deployment.getDeploymentTime().after(started)
            ? "nothing changed since the last deployment"
            : "deployed " + processes + " process(es) and " + decisions + " decision(s) as deployment " + deployment.getId());
    return deployment;
  }

  private static int size(List<?> definitions) {
    return definitions == null ? 0 : definitions.size();
  }

  static boolean isModel(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".bpmn") || lower.endsWith(".dmn") || lower.endsWith(".form");
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
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/**/*")) {
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
