package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpressionGuardFilterTest {

  @ParameterizedTest
  @ValueSource(strings = {"${currentUser()}", "${currentUserGroups()}", "${now()}", "${ now() }",
      "${dateTime().plusDays(3).toDate()}", "${dateTime().minusHours(1).plusMinutes(30).toDate()}", "#{now()}",
      "no expression at all", "$ {not an expression}"})
  void tasklistFunctionsAreAllowed(String text) {
    assertThat(ExpressionGuardFilter.firstForbidden(text)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"${''.getClass()}", "${currentUser().getClass()}", "#{1+1}", "${now()}${x}",
      "${dateTime().plusDays(3).getClass()}", "${execution}", "${unclosed", "prefix ${ {1:2} }",
      "${dateTime().plusDays(-1).toDate()}"})
  void anythingElseIsRefused(String text) {
    assertThat(ExpressionGuardFilter.firstForbidden(text)).isPresent();
  }
}
