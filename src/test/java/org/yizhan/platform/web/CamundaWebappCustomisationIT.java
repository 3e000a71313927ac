package org.yizhan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;

/**
 * The running app serves our language, configuration and styles for Camunda's webapps, not the webjar's, and
 * serves them before anybody has signed in (the login page needs them): the firewall and the security filters
 * leave these static files reachable.
 */
@StationTest
class CamundaWebappCustomisationIT {

  @LocalServerPort int port;

  private Response get(String path) {
    return StationHttp.anonymous(port).get(path);
  }

  @ParameterizedTest(name = "{0}/scripts/config.js")
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void configOffersChineseAndEnglish(String app) {
    Response config = get("/camunda/app/" + app + "/scripts/config.js");

    assertThat(config.status()).as(config.text()).isEqualTo(200);
    assertThat(config.text())
        .contains("export default {")
        .contains("availableLocales: ['zh', 'en']")
        .contains("fallbackLocale: 'en'");
  }

  @Test
  void tasklistCarriesTheStationsNameAndKeepsItsShortcuts() {
    String config = get("/camunda/app/tasklist/scripts/config.js").text();

    assertThat(config).contains("vendor: '驿站'").contains("name: '任务'")
        .contains("claimTask:").contains("key: 'ctrl+alt+c'").contains("startProcess:");
  }

  @Test
  void theScriptsShareTheirInjectorHelperFromOneModule() {
    Response helper = get("/camunda/app/tasklist/scripts/angular-injector.js");

    assertThat(helper.status()).isEqualTo(200);
    assertThat(helper.text()).contains("export function withInjector(");
    for (String module : new String[] {"dates-follow-language", "phone-flow"}) {
      assertThat(get("/camunda/app/tasklist/scripts/" + module + ".js").text())
          .contains("import { withInjector } from './angular-injector.js';");
    }
  }

  @ParameterizedTest(name = "tasklist/scripts/{0}.js")
  @ValueSource(strings = {"dates-follow-language", "phone-flow", "form-words"})
  void tasklistLoadsTheStationsScripts(String module) {
    assertThat(get("/camunda/app/tasklist/scripts/config.js").text()).contains("'scripts/" + module + "'");
    Response script = get("/camunda/app/tasklist/scripts/" + module + ".js");

    assertThat(script.status()).isEqualTo(200);
    assertThat(script.text()).startsWith("/*\n * Yizhan: ");
  }

  @ParameterizedTest(name = "{0}/locales/zh.json: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      tasklist | CLAIM_TASK                | 认领
      tasklist | COMPLETE                  | 完成
      tasklist | START_PROCESS             | 发起流程
      tasklist | PAGE_LOGIN_SIGN_IN_ACTION | 登录
      admin    | PAGE_LOGIN_SIGN_IN_ACTION | 登录
      admin    | USERS_USERS               | 用户
      welcome  | PAGE_LOGIN_SIGN_IN_ACTION | 登录
      """)
  void chineseIsServed(String app, String label, String chinese) {
    Response zh = get("/camunda/app/" + app + "/locales/zh.json");

    assertThat(zh.status()).as(zh.text()).isEqualTo(200);
    assertThat(zh.json()).as("zh.json parses as JSON").isNotNull();
    assertThat(zh.json().at("/labels/" + label).asText()).isEqualTo(chinese);
  }

  @ParameterizedTest(name = "{0}/locales/en.json")
  @ValueSource(strings = {"tasklist", "admin", "welcome"})
  void englishStaysTheFallback(String app) {
    Response en = get("/camunda/app/" + app + "/locales/en.json");

    assertThat(en.status()).isEqualTo(200);
    assertThat(en.text()).contains("\"PAGE_LOGIN_SIGN_IN_ACTION\": \"Log in\"");
  }

  @Test
  void adminKeepsTheEndOfLifeNoteInChinese() {
    assertThat(get("/camunda/app/admin/locales/zh.json").json().at("/labels/BANNER_CE_EOL_TEXT").asText())
        .contains("管理员").contains("Camunda 7 社区版").contains("不再有错误修复");
    Response styles = get("/camunda/app/admin/styles/user-styles.css");
    assertThat(styles.status()).isEqualTo(200);
    assertThat(styles.text()).contains(".ce-eol-banner").doesNotContain("display: none");
  }

  @Test
  void welcomeLooksAsTasklistDoes() {
    Response styles = get("/camunda/app/welcome/styles/user-styles.css");

    assertThat(styles.status()).isEqualTo(200);
    assertThat(styles.text()).contains("@import url(\"../../tasklist/styles/user-styles.css\");");
  }

  @Test
  void volunteersSeeNeitherTheEndOfLifeBarNorTheLargerScreensIcon() {
    Response styles = get("/camunda/app/tasklist/styles/user-styles.css");

    assertThat(styles.status()).as(styles.text()).isEqualTo(200);
    assertThat(styles.text().replaceAll("\\s+", " "))
        .contains("[cam-widget-header] .ce-eol-banner { display: none; }")
        .contains("[cam-widget-header] .small-screen-warning { display: none !important; }");
    // served without a charset, so text the browser shows (content: …) must be escaped ASCII
    assertThat(styles.text().lines().filter(line -> line.contains("content:")))
        .allMatch(line -> line.chars().allMatch(c -> c < 128), "ASCII only");
  }
}
