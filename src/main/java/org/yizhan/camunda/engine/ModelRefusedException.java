package org.yizhan.camunda.engine;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A deployment the station refused, with the reasons by file. A "bad user request", so Modeler's Deploy button and
 * every other REST client get 400 with the reasons; the folder deployer records them for {@code /api/models/status}.
 */
public class ModelRefusedException extends BadUserRequestException {

  private static final long serialVersionUID = 1L;

  private final transient Map<String, List<String>> problems;

  public ModelRefusedException(Map<String, List<String>> problems) {
    super("驿站拒绝了这次部署，什么也没有部署 (The station refused the deployment; nothing was deployed). "
        + problems.entrySet().stream()
            .map(file -> file.getKey() + ": " + String.join("; ", file.getValue()))
            .collect(Collectors.joining(" | ")));
    this.problems = Map.copyOf(problems);
  }

  /** The reasons, by file name. */
  public Map<String, List<String>> problems() {
    return problems;
  }
}
