package org.yizhan.camunda.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.yizhan.platform.TaskViewVariables;

/**
 * Registers {@link FullHistoryWithoutDetails} as a custom history level and runs the engine on it when the station is
 * configured for FULL history ({@code camunda.bpm.history-level}, FULL by default). Any other configured level is left
 * exactly as configured. Off with {@code yizhan.camunda.history-without-details=false}: the engine then writes FULL.
 */
@Component
@ConditionalOnProperty(name = "yizhan.camunda.history-without-details", havingValue = "true", matchIfMissing = true)
class FullHistoryWithoutDetailsPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(FullHistoryWithoutDetailsPlugin.class);

  private final CamundaBpmProperties camunda;
  private final Set<String> taskViews;

  FullHistoryWithoutDetailsPlugin(CamundaBpmProperties camunda, List<TaskViewVariables> views) {
    this.camunda = camunda;
    this.taskViews = views.stream().flatMap(view -> view.names().stream()).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (!ProcessEngineConfiguration.HISTORY_FULL.equalsIgnoreCase(camunda.getHistoryLevel())) {
      LOG.info("History level {} is kept as configured; variable details are written as it says",
          camunda.getHistoryLevel());
      return;
    }
    HistoryLevel level = new FullHistoryWithoutDetails(taskViews);
    List<HistoryLevel> custom = new ArrayList<>();
    if (configuration.getCustomHistoryLevels() != null) {
      custom.addAll(configuration.getCustomHistoryLevels());
    }
    custom.add(level);
    configuration.setCustomHistoryLevels(custom);
    // Chosen as an object, not by name, so it holds whichever plugin sets the name "full" last (the engine looks the
    // level up again by this level's name when it starts).
    configuration.setHistoryLevel(level);
  }
}
