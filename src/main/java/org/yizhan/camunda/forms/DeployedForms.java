package org.yizhan.camunda.forms;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.form.CamundaFormRef;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.GetDeploymentResourceCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Camunda Form a user task or start event refers to ({@code camunda:formRef}, {@code formRefBinding},
 * {@code formRefVersion}), inside the running command, the way the engine finds it for Tasklist
 * ({@code AbstractGetDeployedFormCmd} and {@code DefaultTaskFormHandler} of camunda-engine 7.24.0): the form definition
 * by reference, then its resource from its deployment, both without the caller's authorizations (whoever may complete
 * the task may be held to its form). The engine's internals this needs are kept in this class.
 */
final class DeployedForms {

  private static final Logger LOG = LoggerFactory.getLogger(DeployedForms.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeployedForms() {}

  /** The form's JSON; empty if the form is not deployed (Tasklist cannot show it either; logged). */
  static Optional<JsonNode> read(FormDefinition form, VariableScope scope, String processDefinitionId) {
    CommandContext command = Context.getCommandContext();
    String deploymentId = command.getProcessEngineConfiguration().getDeploymentCache()
        .findDeployedProcessDefinitionById(processDefinitionId).getDeploymentId();
    CamundaFormRef reference = reference(form, scope);
    CamundaFormDefinition definition =
        command.runWithoutAuthorization(new GetCamundaFormDefinitionCmd(reference, deploymentId));
    if (definition == null) {
      LOG.warn("No Camunda Form {} for process definition {}: its rules cannot be checked", reference,
          processDefinitionId);
      return Optional.empty();
    }
    try (InputStream json = command.runWithoutAuthorization(
        new GetDeploymentResourceCmd(definition.getDeploymentId(), definition.getResourceName()))) {
      return Optional.of(JSON.readTree(json));
    } catch (IOException unreadable) {
      throw new IllegalStateException("The deployed form " + definition.getResourceName() + " is not JSON",
          unreadable);
    }
  }

  /** Whether the reference always leads to the same form for this process version: fixed key, not "latest". */
  static boolean isFixed(FormDefinition form) {
    Expression version = form.getCamundaFormDefinitionVersion();
    return !"latest".equals(form.getCamundaFormDefinitionBinding())
        && form.getCamundaFormDefinitionKey().isLiteralText()
        && (version == null || version.isLiteralText());
  }

  static boolean hasCamundaForm(FormDefinition form) {
    return form != null && form.getCamundaFormDefinitionKey() != null && form.getCamundaFormDefinitionBinding() != null;
  }

  private static CamundaFormRef reference(FormDefinition form, VariableScope scope) {
    String binding = form.getCamundaFormDefinitionBinding();
    CamundaFormRefImpl reference =
        new CamundaFormRefImpl(String.valueOf(form.getCamundaFormDefinitionKey().getValue(scope)), binding);
    Expression version = form.getCamundaFormDefinitionVersion();
    if ("version".equals(binding) && version != null) {
      reference.setVersion(Integer.parseInt(String.valueOf(version.getValue(scope))));
    }
    return reference;
  }
}
