package org.yizhan.camunda.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Puts Yizhan's rules into the engine itself, so that every API, every copy of it and every spelling of a request
 * meets them:
 * <ul>
 *   <li>expressions resolve only what {@link ExpressionPolicy} allows ({@link SafeExpressionManager});</li>
 *   <li>ad-hoc task queries evaluate no expression, and filters store only safe ones ({@link QueryExpressionGuard});
 *   </li>
 *   <li>a task's candidates may work it, and only its assignee may hand it on ({@link ClaimantMayHandOn});</li>
 *   <li>tasks are completed with their form's fields only, processes start with their start form's fields only, and
 *       only administrators reshape running instances ({@link WorkThroughTheProcess});</li>
 *   <li>task workers search tasks by the variables on the task cards only ({@link TaskQueryVariables});</li>
 *   <li>a request on a task that ended meanwhile is a lost race, not a missing task ({@link EndedTasks});</li>
 *   <li>every new deployment passes the station's model check ({@link DeploymentCheck}) ({@link ModelCheckDeployer}),
 *       whether it comes from processes/, Modeler's Deploy button, the webapps or Java.</li>
 * </ul>
 * Each rule is switched off with {@code yizhan.camunda.<rule>=false} (the names in {@link #preInit}); the decision
 * records in docs/decisions/ say what each touches of Camunda and when it may go.
 *
 * <p>The Spring Boot starter applies every {@code ProcessEnginePlugin} bean; {@code preInit} runs after the starter set
 * its expression manager and before the engine builds its command chains and deployers.
 */
@Component
class EngineSafetyPlugin extends AbstractProcessEnginePlugin {

  static final String SWITCHES = "yizhan.camunda.";

  private final ApplicationContext context;
  private final Environment environment;
  private final ModelBeans beans;
  private final ObjectProvider<DeploymentCheck> gate;

  EngineSafetyPlugin(ApplicationContext context, ModelBeans beans, ObjectProvider<DeploymentCheck> gate) {
    this.context = context;
    this.environment = context.getEnvironment();
    this.beans = beans;
    this.gate = gate;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (on("safe-expressions")) {
      configuration.setExpressionManager(new SafeExpressionManager(context, beans));
    }
    if (on("claimant-may-hand-on")) {
      configuration.setResourceAuthorizationProvider(new ClaimantMayHandOn());
    }

    // Both of the engine's command chains: most commands run in the first, a few in a new transaction.
    configuration.setCustomPreCommandInterceptorsTxRequired(
        withGuards(configuration.getCustomPreCommandInterceptorsTxRequired(), configuration));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        withGuards(configuration.getCustomPreCommandInterceptorsTxRequiresNew(), configuration));

    if (on("model-check")) {
      List<Deployer> deployers = new ArrayList<>(orEmpty(configuration.getCustomPreDeployers()));
      deployers.add(0, new ModelCheckDeployer(gate));
      configuration.setCustomPreDeployers(deployers);
    }
  }

  private List<CommandInterceptor> withGuards(List<CommandInterceptor> existing,
      ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> guards = new ArrayList<>();
    if (on("ended-tasks-are-conflicts")) {
      guards.add(new EndedTasks(configuration));
    }
    if (on("query-expression-guard")) {
      guards.add(new QueryExpressionGuard());
    }
    if (on("work-through-the-process")) {
      guards.add(new WorkThroughTheProcess(configuration));
    }
    if (on("task-query-variables")) {
      guards.add(new TaskQueryVariables(configuration));
    }
    guards.addAll(orEmpty(existing));
    return guards;
  }

  /** Each rule can be switched off on its own, e.g. to try a Camunda upgrade: {@code yizhan.camunda.<rule>=false}. */
  private boolean on(String rule) {
    return environment.getProperty(SWITCHES + rule, Boolean.class, true);
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
