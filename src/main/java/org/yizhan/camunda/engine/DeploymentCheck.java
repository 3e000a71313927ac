package org.yizhan.camunda.engine;

import java.util.List;
import java.util.Map;

/** What {@link ModelCheckDeployer} asks of every new deployment: problems by file name, none to let it through. */
public interface DeploymentCheck {

  Map<String, List<String>> check(Map<String, byte[]> files);
}
