package org.yizhan.camunda.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.env.MockEnvironment;

/** Each rule the engine safety plugin puts into the engine can be switched off on its own, and only that one. */
class EngineSafetyPluginSwitchesTest {

  private static final List<String> RULES = List.of("safe-expressions", "claimant-may-hand-on", "model-check",
      "ended-tasks-are-conflicts", "query-expression-guard", "work-through-the-process", "task-query-variables");

  @Test
  void byDefaultEveryRuleIsInTheEngine() {
    ProcessEngineConfigurationImpl configuration = configuredWith(new MockEnvironment());

    assertThat(configuration.getExpressionManager()).isInstanceOf(SafeExpressionManager.class);
    assertThat(configuration.getResourceAuthorizationProvider()).isInstanceOf(ClaimantMayHandOn.class);
    assertThat(configuration.getCustomPreDeployers()).hasAtLeastOneElementOfType(ModelCheckDeployer.class);
    assertThat(types(configuration.getCustomPreCommandInterceptorsTxRequired())).containsExactly(EndedTasks.class,
        QueryExpressionGuard.class, WorkThroughTheProcess.class, TaskQueryVariables.class);
    assertThat(types(configuration.getCustomPreCommandInterceptorsTxRequiresNew())).hasSize(4);
  }

  @Test
  void everyRuleSwitchedOffLeavesTheEngineAsCamundaBuildsIt() {
    MockEnvironment environment = new MockEnvironment();
    RULES.forEach(rule -> environment.setProperty(EngineSafetyPlugin.SWITCHES + rule, "false"));

    ProcessEngineConfigurationImpl configuration = configuredWith(environment);

    assertThat(configuration.getExpressionManager()).as("Camunda sets its default at init").isNull();
    assertThat(configuration.getResourceAuthorizationProvider()).as("Camunda sets its default at init").isNull();
    assertThat(configuration.getCustomPreDeployers()).isNullOrEmpty();
    assertThat(configuration.getCustomPreCommandInterceptorsTxRequired()).isEmpty();
    assertThat(configuration.getCustomPreCommandInterceptorsTxRequiresNew()).isEmpty();
  }

  @Test
  void oneRuleSwitchedOffTakesOnlyThatRuleOut() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty(EngineSafetyPlugin.SWITCHES + "work-through-the-process", "false");

    ProcessEngineConfigurationImpl configuration = configuredWith(environment);

    assertThat(types(configuration.getCustomPreCommandInterceptorsTxRequired())).containsExactly(EndedTasks.class,
        QueryExpressionGuard.class, TaskQueryVariables.class);
    assertThat(configuration.getExpressionManager()).isInstanceOf(SafeExpressionManager.class);
  }

  private static ProcessEngineConfigurationImpl configuredWith(MockEnvironment environment) {
    StaticApplicationContext context = new StaticApplicationContext();
    context.setEnvironment(environment);
    context.refresh();
    var configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration();
    new EngineSafetyPlugin(context, new ModelBeans(context), new StaticListableBeanFactory().getBeanProvider(
        DeploymentCheck.class)).preInit(configuration);
    return configuration;
  }

  private static List<Class<?>> types(List<CommandInterceptor> interceptors) {
    return interceptors.stream().<Class<?>>map(Object::getClass).toList();
  }
}
