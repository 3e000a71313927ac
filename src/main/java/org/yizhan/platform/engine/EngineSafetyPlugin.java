package org.yizhan.platform.engine;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
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
 * The Spring Boot starter applies every {@code ProcessEnginePlugin} bean; {@code preInit} runs after the starter set
 * its expression manager and before the engine builds its command chains and deployers.
 */
@Component
class EngineSafetyPlugin extends AbstractProcessEnginePlugin {

  private final ApplicationContext context;
  private final ModelBeans beans;
  private final ObjectProvider<DeploymentCheck> gate;

  EngineSafetyPlugin(ApplicationContext context, ModelBeans beans, ObjectProvider<DeploymentCheck> gate) {
    this.context = context;
    this.beans = beans;
    this.gate = gate;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setExpressionManager(new SafeExpressionManager(context, beans));
    configuration.setResourceAuthorizationProvider(new ClaimantMayHandOn());

    // Both of the engine's command chains: most commands run in the first, a few in a new transaction.
    configuration.setCustomPreCommandInterceptorsTxRequired(
        withGuards(configuration.getCustomPreCommandInterceptorsTxRequired(), configuration));
    configuration.setCustomPreCommandInterceptorsTxRequiresNew(
        withGuards(configuration.getCustomPreCommandInterceptorsTxRequiresNew(), configuration));

    List<Deployer> deployers = new ArrayList<>(orEmpty(configuration.getCustomPreDeployers()));
    deployers.add(0, new ModelCheckDeployer(gate));
    configuration.setCustomPreDeployers(deployers);
  }

  private static List<CommandInterceptor> withGuards(List<CommandInterceptor> existing,
      ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>(orEmpty(existing));
    interceptors.add(0, new EndedTasks(configuration));
    interceptors.add(1, new QueryExpressionGuard());
    interceptors.add(2, new WorkThroughTheProcess(configuration));
    interceptors.add(3, new TaskQueryVariables(configuration));
    return interceptors;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
