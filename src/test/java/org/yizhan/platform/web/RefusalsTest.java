package org.yizhan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.UriInfo;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.junit.jupiter.api.Test;

/** Which exceptions of the engine's REST API are the client's mistake. */
class RefusalsTest {

  private static UriInfo requestNaming(String id) {
    UriInfo request = mock(UriInfo.class);
    var parameters = new MultivaluedHashMap<String, String>();
    parameters.add("id", id);
    when(request.getPathParameters()).thenReturn(parameters);
    return request;
  }

  @Test
  void aMissingTaskTheRequestNamesIsARefusal() {
    var missing = new NullValueException("Cannot find task with id 4f1c-77: task is null");

    assertThat(Refusals.refusalIn(missing, requestNaming("4f1c-77"))).contains(missing);
  }

  @Test
  void aMissingValueTheRequestDidNotNameStaysTheServersFailure() {
    var notDeployed = new NullValueException("no processes deployed with key 'doorstep-delivery': processDefinition is null");
    var similarId = new NullValueException("Cannot find task with id 4f1c-778: task is null");

    assertThat(Refusals.refusalIn(notDeployed, requestNaming("4f1c-77"))).isEmpty();
    assertThat(Refusals.refusalIn(similarId, requestNaming("4f1c-77"))).isEmpty();
    assertThat(Refusals.refusalIn(notDeployed, null)).isEmpty();
  }

  @Test
  void aStepsRefusalIsFoundBehindTheEnginesWrapping() {
    var refused = new BadUserRequestException("Satisfaction (满意度): choose from 1 to 5");
    var wrapped = new ProcessEngineException("ENGINE-03051 There was an exception while invoking the TaskListener", refused);

    assertThat(Refusals.refusalIn(wrapped, requestNaming("t1"))).contains(refused);
  }

  @Test
  void otherFailuresAreNotRefusals() {
    assertThat(Refusals.refusalIn(new ProcessEngineException("database down"), requestNaming("t1"))).isEmpty();
    assertThat(Refusals.refusalIn(new AuthorizationException("no"), requestNaming("t1"))).isEmpty();
  }
}
