package org.yizhan.support;

import static org.mockito.Mockito.RETURNS_DEFAULTS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mockito.MockMakers;
import org.mockito.stubbing.Answer;
import org.yizhan.camunda.feel.PlainValuesFeelPlugin;
import org.yizhan.camunda.forms.FormRulesPlugin;
import org.yizhan.camunda.models.PropertyListenersPlugin;
import org.yizhan.delivery.DeliveryOutcomeProperties;
import org.yizhan.order.OrderProgressProperties;

/**
 * A Camunda engine of its own for one process test class, without Spring: the fast layer of the process tests. Register
 * it as a static extension and name the models it deploys from processes/:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ProcessTestEngine engine = ProcessTestEngine.deploying("station-order.bpmn", "decisions/delivery-mode.dmn");
 * }</pre>
 *
 * <ul>
 *   <li>H2 in memory under a name of its own, history FULL, no job executor (tests execute timers' jobs themselves);
 *       built before the class's first test, closed after its last, its schema dropped.</li>
 *   <li>The models are the real files of processes/ (on the test classpath), under the same relative names, with the
 *       forms their user tasks and start events name ({@code camunda:formRef} → {@code forms/<ref>.form}); decision
 *       tables run for real.</li>
 *   <li>{@code ${beanName}} in a delegate expression, a listener or any other expression resolves to what the test
 *       registered under that name ({@link #delegate}, {@link #executionListener}, {@link #taskListener}: Mockito mocks,
 *       through Camunda's {@link MockExpressionManager} and {@link Mocks}); a name nobody registered fails the step.
 *       The registrations and the calls seen are cleared before each test.</li>
 *   <li>The station's engine hooks that shape what a model does and need no Spring context:
 *       {@link PropertyListenersPlugin} (extension properties attach {@code ${orderProgress}} and
 *       {@code ${deliveryOutcome}}, so the mocks registered under those names catch them), {@link FormRulesPlugin}
 *       (a task is completed, and a process started, within its Camunda Form's rules) and the plain-values FEEL
 *       engine the decision tables run on (PlainValuesFeelPlugin). The hooks that need the app (the safe expression
 *       manager, authorizations, the model check, the deployment order, the history without details) stay in the
 *       Spring tests.</li>
 *   <li>The engine's clock stands still at {@link #NOW} during each test, so a timer's due date is exactly its
 *       duration from then.</li>
 * </ul>
 */
public final class ProcessTestEngine implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback {

  /** The engine's time during each test. */
  public static final Date NOW = Date.from(java.time.Instant.parse("2026-11-23T09:00:00Z"));

  private static final String FOLDER = "processes/";

  private final List<String> models;
  private final Map<String, List<Call>> calls = new HashMap<>();
  private ProcessEngine engine;

  private ProcessTestEngine(List<String> models) {
    this.models = models;
  }

  /** An engine that deploys these files of processes/ (relative names: {@code decisions/welfare-risk.dmn}). */
  public static ProcessTestEngine deploying(String... models) {
    return new ProcessTestEngine(List.of(models));
  }

  public ProcessEngine engine() {
    if (engine == null) {
      throw new IllegalStateException("The engine is built before the class's first test and closed after its last");
    }
    return engine;
  }

  // ---- The engine of the class

  @Override
  public void beforeAll(ExtensionContext context) {
    String name = "process-test-" + context.getRequiredTestClass().getSimpleName() + "-" + UUID.randomUUID();
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
        .createStandaloneInMemProcessEngineConfiguration()
        .setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
        .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
        .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
        .setJobExecutorActivate(false)
        .setProcessEngineName(name);
    configuration.setCmmnEnabled(false);
    configuration.setMetricsEnabled(false);
    configuration.setExpressionManager(new MockExpressionManager());
    configuration.setProcessEnginePlugins(new ArrayList<>(stationHooks()));
    engine = configuration.buildProcessEngine();
    deployModels();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    BpmnAwareTests.reset();
    ClockUtil.reset();
    Mocks.reset();
    calls.clear();
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Mocks.reset();
    calls.clear();
    ClockUtil.setCurrentTime(NOW);
    BpmnAwareTests.init(engine);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ClockUtil.reset();
    Mocks.reset();
  }

  private static List<ProcessEnginePlugin> stationHooks() {
    return List.of(
        new PropertyListenersPlugin(List.of(new OrderProgressProperties(), new DeliveryOutcomeProperties())),
        new FormRulesPlugin(),
        new PlainValuesFeelPlugin());
  }

  private void deployModels() {
    DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
        .name("process-test").enableDuplicateFiltering(false);
    Set<String> files = new LinkedHashSet<>(models);
    for (String model : models) {
      if (model.endsWith(".bpmn")) {
        formsOf(model).forEach(form -> files.add("forms/" + form + ".form"));
      }
    }
    for (String file : files) {
      deployment.addInputStream(file, open(file));
    }
    deployment.deploy();
  }

  /** The Camunda Forms a model's user tasks and start events name. */
  private static Set<String> formsOf(String model) {
    Set<String> forms = new LinkedHashSet<>();
    try (InputStream in = open(model)) {
      BpmnModelInstance bpmn = Bpmn.readModelFromStream(in);
      bpmn.getModelElementsByType(UserTask.class).forEach(task -> addIfSet(forms, task.getCamundaFormRef()));
      bpmn.getModelElementsByType(StartEvent.class).forEach(start -> addIfSet(forms, start.getCamundaFormRef()));
    } catch (IOException unreadable) {
      throw new IllegalStateException("Cannot read " + FOLDER + model, unreadable);
    }
    return forms;
  }

  private static void addIfSet(Set<String> forms, String formRef) {
    if (formRef != null && !formRef.isBlank()) {
      forms.add(formRef);
    }
  }

  private static InputStream open(String file) {
    InputStream in = ProcessTestEngine.class.getClassLoader().getResourceAsStream(FOLDER + file);
    if (in == null) {
      throw new IllegalArgumentException("There is no " + FOLDER + file + " on the test classpath");
    }
    return in;
  }

  // ---- Mocked beans the models name

  /** What a mocked step saw when the engine called it, taken at the call (the engine's objects change after it). */
  public record Call(String elementId, String eventName, String businessKey, Map<String, Object> variables,
      Map<String, Object> localVariables) {

    static Call of(DelegateExecution execution) {
      String element = execution.getCurrentTransitionId() != null ? execution.getCurrentTransitionId()
          : execution.getCurrentActivityId();
      return new Call(element, execution.getEventName(), execution.getProcessBusinessKey(),
          copy(execution.getVariables()), copy(execution.getVariablesLocal()));
    }

    static Call of(DelegateTask task) {
      return new Call(task.getTaskDefinitionKey(), task.getEventName(), task.getExecution().getProcessBusinessKey(),
          copy(task.getVariables()), copy(task.getVariablesLocal()));
    }

    private static Map<String, Object> copy(Map<String, Object> variables) {
      return new HashMap<>(variables);
    }
  }

  /** A mocked service task's delegate under this bean name that only notes its calls. */
  public JavaDelegate delegate(String beanName) {
    return delegate(beanName, execution -> {});
  }

  /** A mocked service task's delegate under this bean name: notes each call, then does what the test says. */
  public JavaDelegate delegate(String beanName, JavaDelegate does) {
    return mockStep(beanName, JavaDelegate.class, (DelegateExecution execution) -> {
      note(beanName, Call.of(execution));
      does.execute(execution);
    });
  }

  public ExecutionListener executionListener(String beanName) {
    return executionListener(beanName, execution -> {});
  }

  /** A mocked execution listener under this bean name: notes each call, then does what the test says. */
  public ExecutionListener executionListener(String beanName, ExecutionListener does) {
    return mockStep(beanName, ExecutionListener.class, (DelegateExecution execution) -> {
      note(beanName, Call.of(execution));
      does.notify(execution);
    });
  }

  public TaskListener taskListener(String beanName) {
    return taskListener(beanName, task -> {});
  }

  /** A mocked task listener under this bean name: notes each call, then does what the test says. */
  public TaskListener taskListener(String beanName, TaskListener does) {
    return mockStep(beanName, TaskListener.class, (DelegateTask task) -> {
      note(beanName, Call.of(task));
      does.notify(task);
    });
  }

  /** What a mocked step does with the one argument the engine calls it with. */
  private interface Step<A> {
    void run(A argument) throws Exception;
  }

  /**
   * A Mockito mock of one of the engine's one-method interfaces, registered under the bean name the models use. A
   * subclass mock: no agent to attach, which the inline mock maker needs first.
   */
  @SuppressWarnings("unchecked")
  private static <T, A> T mockStep(String beanName, Class<T> type, Step<A> step) {
    Answer<Object> answer = invocation -> {
      if (invocation.getMethod().getDeclaringClass() == Object.class) {
        return RETURNS_DEFAULTS.answer(invocation);
      }
      step.run((A) invocation.getArgument(0));
      return null;
    };
    T mock = mock(type, withSettings().name(beanName).mockMaker(MockMakers.SUBCLASS).defaultAnswer(answer));
    Mocks.register(beanName, mock);
    return mock;
  }

  /** The calls of the mock registered under this bean name in this test, in their order. */
  public List<Call> calls(String beanName) {
    return List.copyOf(calls.getOrDefault(beanName, List.of()));
  }

  private void note(String beanName, Call call) {
    calls.computeIfAbsent(beanName, name -> new ArrayList<>()).add(call);
  }
}
