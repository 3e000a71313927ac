package org.yizhan.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BiFunction;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yizhan.StationTest;
import org.yizhan.support.StationHttp;
import org.yizhan.support.StationHttp.Response;
import org.yizhan.support.TasklistSession;

/**
 * A volunteer at the desk starts an order for a resident she names by number, name or phone, through Tasklist's start
 * form ({@code submit-form}: over {@code /engine-rest} with her password, and over Tasklist's own copy of the engine
 * API with her Tasklist sign-in) and through {@code POST /api/orders}. What she is refused, she is told in Chinese first.
 */
@StationTest
class OrderAtTheDeskIT {

  private static final String SUBMIT_FORM = "/process-definition/key/station-order/submit-form";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;

  @ParameterizedTest(name = "{0}: \"{1}\"")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      number                        | R-0002
      number in lower case          | r-0002
      number with spaces around     | '  R-0002 '
      number in full-width letters  | Ｒ－０００２
      name                          | 刘建国
      name with spaces around       | ' 刘建国　'
      name as registered            | 刘建国 (Liu Jianguo)
      name in the registry's pinyin | liu jianguo
      phone                         | 13900000002
      phone with spaces             | '139 0000 0002'
      phone with the country code   | +8613900000002
      """)
  void startFormTakesTheResidentByNumberNameOrPhoneAndTheOrderIsTheResolvedResidents(String kind, String typed) {
    for (Starter starter : starters()) {
      Response started = starter.start().apply(SUBMIT_FORM, startForm(json(typed), "RICE-5KG", 2));

      assertThat(started.status()).as("%s %s: %s", starter.name(), kind, started.text()).isEqualTo(200);
      String orderNo = started.json().get("businessKey").asText();
      assertThat(orderNo).as("the answer's business key is the new order's number").matches("YZ-\\d{6}-\\d{4,}");
      String instance = started.json().get("id").asText();
      assertThat(orderOf(instance)).as("the order record").isEqualTo(orderNo);
      assertThat(residentOf(orderNo)).as("the order is the resolved resident's").isEqualTo("R-0002");
      assertThat(runtime.getVariable(instance, OrderProcess.RESIDENT_ID)).as("the process carries the number")
          .isEqualTo("R-0002");
      assertThat(quantityOf(orderNo, "RICE-5KG")).isEqualTo(2);
    }

    Response placed = as("wang.fang").post("/api/orders",
        "{\"residentId\": " + json(typed) + ", \"items\": [{\"sku\": \"RICE-5KG\", \"quantity\": 2}]}");
    assertThat(placed.status()).as("/api/orders %s: %s", kind, placed.text()).isEqualTo(201);
    String orderNo = placed.json().get("orderNo").asText();
    assertThat(residentOf(orderNo)).isEqualTo("R-0002");
    assertThat(runtime.getVariable(placed.json().get("processInstanceId").asText(), OrderProcess.RESIDENT_ID))
        .isEqualTo("R-0002");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      no resident        | ''              | RICE-5KG   | 1 | 请填写居民编号、姓名或电话，如 R-0001 (Enter the resident's number, name or phone
      only spaces        | '   '           | RICE-5KG   | 1 | 请填写居民编号、姓名或电话
      unknown number     | R-9999          | RICE-5KG   | 1 | 居民台账中找不到 “R-9999”，请先在居民查询（/api/residents?q=姓名或楼栋）查到居民编号再填 (No resident
      unknown name       | 赵无名          | RICE-5KG   | 1 | 居民台账中找不到 “赵无名”
      part of a name     | 刘建            | RICE-5KG   | 1 | 居民台账中找不到 “刘建”
      unknown phone      | 13900009999     | RICE-5KG   | 1 | 居民台账中找不到 “13900009999”
      last 4 digits      | 0002            | RICE-5KG   | 1 | “0002” 不是完整的电话号码；请填完整的电话号码，或填居民编号、姓名
      above the limit    | R-0002          | OIL-5L     | 3 | 数量（葵花籽油每单最多 2 桶） (Quantity, at most 2) 不能大于 2 (must be at most 2)
      far above it       | R-0002          | SVC-REPAIR | 9 | 数量（维修每单最多 1 次） (Quantity, at most 1) 不能大于 1
      zero               | R-0002          | RICE-5KG   | 0 | 数量（大米每单最多 4 袋） (Quantity, at most 4) 不能小于 1 (must be at least 1)
      not on offer       | R-0002          | EGGS-30    | 1 | 商品/服务 1 (Item 1): “EGGS-30” 不是可选项
      """)
  void refusedStartIsA400WhoseMessageSaysWhyInChineseFirstAndWritesNothing(String description, String resident,
      String sku, int quantity, String message) {
    long orders = count("station_order");
    long instances = runtime.createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY).count();

    for (Starter starter : starters()) {
      Response refused = starter.start().apply(SUBMIT_FORM, startForm(json(resident), sku, quantity));

      assertThat(refused.status()).as("%s %s: %s", starter.name(), description, refused.text()).isEqualTo(400);
      assertChineseFirst(refused.json().get("message").asText(), message);
    }
    assertThat(count("station_order")).isEqualTo(orders);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(OrderProcess.KEY).count()).isEqualTo(instances);
  }

  @Test
  void aboveTheItemsLimitOverTheApiIsRefusedNamingTheItem() {
    Response refused = as("wang.fang").post("/api/orders",
        "{\"residentId\": \"刘建国\", \"items\": [{\"sku\": \"OIL-5L\", \"quantity\": 3}]}");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("field").asText()).isEqualTo("items[0].quantity");
    assertChineseFirst(refused.json().get("error").asText(), "每单最多 2 × 葵花籽油 5升 (Sunflower oil, 5 L)，3 太多了 "
        + "(One order may take at most 2 × OIL-5L; 3 is too many)");
  }

  @Test
  void severalResidentsOfTheNameAreRefusedEverywhereWithNumberBuildingAndAgeOnly() {
    jdbc.sql("insert into resident (id, name, phone, address, building_id, birth_date) values "
        + "('R-0951', '王秀英', '13900000951', '1号楼3单元101', 'B11', dateadd('year', -82, current_date)), "
        + "('R-0952', '王秀英 (Wang Xiuying)', '13900000952', '2号楼1单元202', 'B02', dateadd('year', -67, current_date))")
        .update();
    try {
      long orders = count("station_order");
      String expected = "有 2 位居民叫 王秀英，请改填编号：R-0951（老厂区11号楼，82岁）、R-0952（暖心里小区2号楼，67岁） (2 residents are "
          + "called 王秀英; enter the number instead: R-0951 (Building 11, Old Mill Estate, 82), "
          + "R-0952 (Building 2, Nuanxinli Estate, 67))";

      for (Starter starter : starters()) {
        Response refused = starter.start().apply(SUBMIT_FORM, startForm("\"王秀英\"", "RICE-5KG", 1));
        assertThat(refused.status()).as(starter.name()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).as(starter.name()).isEqualTo(expected);
      }
      Response api = as("wang.fang").post("/api/orders",
          "{\"residentId\": \"王秀英\", \"items\": [{\"sku\": \"RICE-5KG\", \"quantity\": 1}]}");
      assertThat(api.status()).isEqualTo(400);
      assertThat(api.json().get("field").asText()).isEqualTo("residentId");
      assertThat(api.json().get("error").asText()).isEqualTo(expected).doesNotContain("139", "单元");
      assertThat(count("station_order")).isEqualTo(orders);
    } finally {
      // Nothing refers to them: every start above was refused.
      jdbc.sql("delete from resident where id in ('R-0951', 'R-0952')").update();
    }
  }

  // --- helpers -----------------------------------------------------------------------------------------------------

  private record Starter(String name, BiFunction<String, String, Response> start) {}

  private static TasklistSession tasklist;

  private List<Starter> starters() {
    if (tasklist == null) {
      tasklist = TasklistSession.login(port, "wang.fang", "demo");
    }
    return List.of(new Starter("engine-rest", (path, body) -> as("wang.fang").post("/engine-rest" + path, body)),
        new Starter("Tasklist's copy", tasklist::postToEngine));
  }

  /** What Tasklist sends for the start form with one item row filled. */
  private static String startForm(String residentJson, String sku, int quantity) {
    return "{\"variables\": {\"residentId\": {\"value\": " + residentJson + "}, \"item1Sku\": {\"value\": \"" + sku
        + "\"}, \"item1Quantity\": {\"value\": " + quantity + "}, \"deliveryPreference\": {\"value\": \"NONE\"}}}";
  }

  private static void assertChineseFirst(String actual, String expectedStart) {
    assertThat(actual).startsWith(expectedStart).doesNotContain("Exception", "Cannot instantiate", "ENGINE-");
    int firstChinese = actual.length() - actual.replaceFirst("^\\P{IsHan}*", "").length();
    assertThat(firstChinese).as("Chinese in: " + actual).isLessThan(actual.length());
    assertThat(actual.indexOf(" (")).as("the English in brackets after the Chinese: " + actual).isGreaterThan(firstChinese);
  }

  private static String json(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private StationHttp as(String user) {
    return StationHttp.as(port, user, "demo");
  }

  private String orderOf(String processInstanceId) {
    return jdbc.sql("select order_no from station_order where process_instance_id = ?").param(processInstanceId)
        .query(String.class).single();
  }

  private String residentOf(String orderNo) {
    return jdbc.sql("select resident_id from station_order where order_no = ?").param(orderNo).query(String.class)
        .single();
  }

  private int quantityOf(String orderNo, String sku) {
    return jdbc.sql("select quantity from station_order_item where order_no = ? and sku = ?").params(orderNo, sku)
        .query(Integer.class).single();
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
