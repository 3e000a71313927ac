package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

class ActuatorCallerFilterTest {

  @Test
  void credentialsThatCannotBeCheckedWithoutTheDatabaseGetTheAnonymousAnswerInsteadOfAnError() throws Exception {
    IdentityService identity = mock(IdentityService.class);
    when(identity.checkPassword(anyString(), anyString()))
        .thenThrow(new CannotCreateTransactionException("Could not open JDBC Connection for transaction"));
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health/readiness");
    request.addHeader("Authorization",
        "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)));
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    new ActuatorCallerFilter(identity).doFilter(request, response, chain);

    assertThat(chain.getRequest()).as("the health endpoint answers").isNotNull();
    assertThat(((jakarta.servlet.http.HttpServletRequest) chain.getRequest()).getUserPrincipal())
        .as("as to anybody: no details").isNull();
    assertThat(response.getStatus()).as("not refused as a wrong password").isEqualTo(200);
  }
}
