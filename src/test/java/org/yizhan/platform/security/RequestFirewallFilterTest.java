package org.yizhan.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The firewall on its own, without Tomcat in front: Tomcat already refuses encoded slashes and backslashes itself,
 * and the firewall refuses them too, should the container ever be configured to let them through.
 */
class RequestFirewallFilterTest {

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      POST    | /engine-rest/task%2Fx/claim                          | 400
      POST    | /engine-rest/task%2fx/claim                          | 400
      POST    | /engine-rest/task%5Cx/claim                          | 400
      POST    | /engine-rest/task\\x/claim                           | 400
      POST    | /engine-rest/task/x;jsessionid=1/claim               | 400
      GET     | /engine-rest/task/%2E%2E/filter                      | 400
      GET     | /engine-rest/engine/                                 | 400
      GET     | /camunda/api/engine/engine/default/task/             | 400
      GET     | /camunda/api/engine/engine/default/batch/statistics/ | 200
      GET     | /camunda/api/engine/engine/                          | 200
      OPTIONS | /camunda/api/engine/engine/default/user/             | 200
      GET     | /camunda/api/engine/engine/default/user/             | 400
      GET     | /engine-rest/batch/statistics/                       | 200
      GET     | /camunda/app/tasklist/default/                       | 200
      GET     | /api/public/catalog                                  | 200
      TRACE   | /engine-rest/task                                    | 400
      """)
  void onlyCanonicalPathsPass(String method, String path, int status) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setServletPath(path);
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    new RequestFirewallFilter().doFilter(request, response, chain);

    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
    assertThat(chain.getRequest() != null).as("reached the servlet").isEqualTo(status == 200);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      /engine-rest/task/t1/claim | {"userId": "wang.fang"}
      /api/orders                | {"residentId": "R-0002"}
      """)
  void theCheckedBodyIsTheOneTheServletReads(String path, String json) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    request.setContentType("application/json");
    request.setContent(json.getBytes(StandardCharsets.UTF_8));
    MockFilterChain chain = new MockFilterChain();

    new RequestFirewallFilter().doFilter(request, new MockHttpServletResponse(), chain);

    HttpServletRequest handedOn = (HttpServletRequest) chain.getRequest();
    assertThat(new String(handedOn.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      /engine-rest/task/t1/claim | type
      /api/orders                | error
      """)
  void refusalsComeInTheShapeOfTheApiAsked(String path, String field) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
    request.setContentType("application/json; charset=UTF-16");
    request.setContent("{}".getBytes(StandardCharsets.UTF_16));
    MockHttpServletResponse response = new MockHttpServletResponse();

    new RequestFirewallFilter().doFilter(request, response, new MockFilterChain());

    assertThat(response.getStatus()).isEqualTo(400);
    assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("\"" + field + "\"")
        .contains("请求体必须使用 UTF-8 编码");
  }
}
