package org.yizhan.camunda.forms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TaskFormRulesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  // --- the app's own forms ---------------------------------------------------------------------------------------

  @Test
  void declineNoteLongerThanTheFormAllowsIsRefusedWithItsLabelChineseFirst() throws IOException {
    TaskFormRules acceptOrder = form("accept-order");

    assertThat(acceptOrder.firstProblem(values("acceptDecision", "DECLINE", "declineReason", "OTHER",
        "declineNote", "<script>alert(1)</script>" + "x".repeat(469))))
        .contains("给居民的说明 (Explanation for the resident) 最多 400 个字 (may be at most 400 characters)");
    assertThat(acceptOrder.firstProblem(values("acceptDecision", "DECLINE", "declineReason", "OTHER",
        "declineNote", "x".repeat(400)))).isEmpty();
  }

  @Test
  void hiddenFieldNeedNotBeFilledButAValueItHasKeepsItsRules() throws IOException {
    TaskFormRules acceptOrder = form("accept-order");

    assertThat(acceptOrder.firstProblem(values("acceptDecision", "ACCEPT"))).isEmpty();
    assertThat(acceptOrder.firstProblem(values("acceptDecision", "ACCEPT", "declineReason", "OTHER"))).isEmpty();
    assertThat(acceptOrder.firstProblem(values("acceptDecision", "ACCEPT", "declineReason", "NOT_A_CHOICE")))
        .contains("拒单原因 (Reason for declining): “NOT_A_CHOICE” 不是可选项 (is not one of the choices)");
    assertThat(acceptOrder.firstProblem(values("acceptDecision", "ACCEPT", "declineNote",
        "<script>alert(1)</script>" + "x".repeat(469)))).hasValueSatisfying(problem -> assertThat(problem)
        .contains("最多 400 个字"));
    assertThat(acceptOrder.firstProblem(values("acceptDecision", "DECLINE", "declineReason", "NOT_A_CHOICE")))
        .contains("拒单原因 (Reason for declining): “NOT_A_CHOICE” 不是可选项 (is not one of the choices)");
    assertThat(acceptOrder.firstProblem(values("acceptDecision", "DECLINE")))
        .contains("拒单原因 (Reason for declining) 必填 (is required)");
  }

  @Test
  void hideConditionReadsAnyVariableTheProcessHolds() throws IOException {
    TaskFormRules doorstepVisit = form("doorstep-visit");
    Map<String, Object> delivered = new HashMap<>(Map.of("outcome", "DELIVERED", "receivedBy", "Zhang",
        "satisfaction", "5", "antiFraudTalk", true, "need1Details", "x".repeat(301)));

    assertThat(doorstepVisit.firstProblem(delivered::get)).as("details of no need are hidden, but kept to their length")
        .contains("说明 (Details) 最多 300 个字 (may be at most 300 characters)");
    delivered.put("need1Details", "x".repeat(300));
    assertThat(doorstepVisit.firstProblem(delivered::get)).isEmpty();
    delivered.remove("need1Details");
    assertThat(doorstepVisit.firstProblem(delivered::get)).as("a hidden field need not be filled").isEmpty();
    delivered.put("need1Details", "x".repeat(301));
    delivered.put("need1Category", "MEDICINE");
    assertThat(doorstepVisit.firstProblem(delivered::get)).contains("说明 (Details) 最多 300 个字 (may be at most 300 "
        + "characters)");
  }

  @Test
  void quantityAboveTheChosenItemsLimitIsRefusedUnderTheLabelTheFormShowsForThatItem() throws IOException {
    TaskFormRules placeOrder = form("place-order");

    assertThat(placeOrder.firstProblem(values("residentId", "R-0001", "item1Sku", "OIL-5L", "item1Quantity", 3)))
        .contains("数量（葵花籽油每单最多 2 桶） (Quantity, at most 2) 不能大于 2 (must be at most 2)");
    assertThat(placeOrder.firstProblem(values("residentId", "R-0001", "item1Sku", "OIL-5L", "item1Quantity", 2)))
        .isEmpty();
    assertThat(placeOrder.firstProblem(values("residentId", "R-0001", "item1Sku", "RICE-5KG", "item1Quantity", 4,
        "item2Sku", "SVC-REPAIR", "item2Quantity", 2)))
        .contains("数量（维修每单最多 1 次） (Quantity, at most 1) 不能大于 1 (must be at most 1)");
    assertThat(placeOrder.firstProblem(values("residentId", "R-0001", "item1Sku", "RICE-5KG")))
        .as("a chosen item's quantity starts empty and must be filled")
        .contains("数量（大米每单最多 4 袋） (Quantity, at most 4) 必填 (is required)");
  }

  @Test
  void labelWrittenAsFeelNamesTheFieldAsTheFormShowsItOrByItsKeyWhenItCannotBeRead() throws IOException {
    TaskFormRules rules = fields("""
        {"type": "number", "key": "count", "label": "=if big then \\"Count (数量)\\" else 1", "validate": {"max": 2}}""",
        """
        {"type": "number", "key": "other", "label": "=no such function(", "validate": {"max": 2}}""");

    assertThat(rules.firstProblem(values("big", true, "count", 3))).contains("数量 (Count) 不能大于 2 (must be at most 2)");
    assertThat(rules.firstProblem(values("big", false, "count", 3))).contains("count 不能大于 2 (must be at most 2)");
    assertThat(rules.firstProblem(values("other", 3))).contains("other 不能大于 2 (must be at most 2)");
  }

  @Test
  void everyFormOfTheAppIsReadable() throws IOException {
    for (String name : List.of("accept-order", "agree-new-price", "arrange-help", "chase-unaccepted-order",
        "check-goods", "confirm-stock", "deliver-to-station", "doorstep-visit", "escalate-welfare-check",
        "follow-up-visit", "hand-over", "joint-session", "mediate-at-level", "partner-input", "place-order",
        "refer-case", "register-dispute", "remind-pickup", "schedule-service", "welfare-check")) {
      assertThat(form(name).firstProblem(name2 -> null, false)).as(name).isEmpty();
    }
  }

  // --- required ----------------------------------------------------------------------------------------------------

  @Test
  void requiredFieldIsRefusedWhenMissingEmptyOrOnlySpaces() throws IOException {
    TaskFormRules rules = field("""
        {"type": "textfield", "key": "helper", "label": "Helper (帮手)", "validate": {"required": true}}""");

    for (Object empty : new Object[] {null, "", "   \n"}) {
      assertThat(rules.firstProblem(values("helper", empty))).as(String.valueOf(empty))
          .contains("帮手 (Helper) 必填 (is required)");
    }
    assertThat(rules.firstProblem(values("helper", "Li"))).isEmpty();
  }

  @Test
  void requiredIsNotAskedWhenOnlyThePresentValuesAreChecked() throws IOException {
    TaskFormRules rules = field("""
        {"type": "textfield", "key": "helper", "label": "Helper", "validate": {"required": true, "maxLength": 3}}""");

    assertThat(rules.firstProblem(values(), false)).isEmpty();
    assertThat(rules.firstProblem(values("helper", "Wang Fang"), false))
        .contains("Helper 最多 3 个字 (may be at most 3 characters)");
  }

  @Test
  void uncheckedRequiredCheckboxIsMissingAndACheckboxTakesOnlyTrueOrFalse() throws IOException {
    TaskFormRules rules = field("""
        {"type": "checkbox", "key": "signed", "label": "Signed (已签字)", "validate": {"required": true}}""");

    assertThat(rules.firstProblem(values("signed", false))).contains("已签字 (Signed) 必填 (is required)");
    assertThat(rules.firstProblem(values("signed", "yes"))).contains("已签字 (Signed) 只能勾选或不勾选 (must be true or "
        + "false)");
    assertThat(rules.firstProblem(values("signed", true))).isEmpty();
  }

  // --- text --------------------------------------------------------------------------------------------------------

  @Test
  void maxLengthCountsChineseCharactersAsCharactersAndIgnoresSurroundingSpacesAsFormJsDoes() throws IOException {
    TaskFormRules rules = field("""
        {"type": "textarea", "key": "note", "label": "备注 (Note)", "validate": {"maxLength": 400}}""");

    assertThat(rules.firstProblem(values("note", "拒".repeat(400)))).isEmpty();
    assertThat(rules.firstProblem(values("note", "拒".repeat(401))))
        .contains("备注 (Note) 最多 400 个字 (may be at most 400 characters)");
    assertThat(rules.firstProblem(values("note", " " + "x".repeat(400) + "\n\u00a0\ufeff"))).isEmpty();
    assertThat(rules.firstProblem(values("note", "x".repeat(401)))).isPresent();
  }

  @Test
  void minLengthIsCountedWithoutSurroundingSpaces() throws IOException {
    TaskFormRules rules = field("""
        {"type": "textfield", "key": "name", "label": "Name (姓名)", "validate": {"minLength": 2}}""");

    assertThat(rules.firstProblem(values("name", " 王 "))).contains("姓名 (Name) 至少 2 个字 (must be at least 2 "
        + "characters)");
    assertThat(rules.firstProblem(values("name", "王芳"))).isEmpty();
  }

  @Test
  void lengthBoundsMayBeFeelExpressions() throws IOException {
    TaskFormRules rules = field("""
        {"type": "textfield", "key": "name", "label": "Name", "validate": {"maxLength": "=limit + 1"}}""");

    assertThat(rules.firstProblem(values("name", "abc", "limit", 2))).isEmpty();
    assertThat(rules.firstProblem(values("name", "abcd", "limit", 2))).contains("Name 最多 3 个字 (may be at most 3 "
        + "characters)");
  }

  @Test
  void textFieldTakesTextOrANumberButNotAListOrTrueFalse() throws IOException {
    TaskFormRules rules = field("""
        {"type": "textfield", "key": "name", "label": "Name (姓名)"}""");

    assertThat(rules.firstProblem(values("name", 42L))).isEmpty();
    assertThat(rules.firstProblem(values("name", true))).contains("姓名 (Name) 必须是文字 (must be text)");
    assertThat(rules.firstProblem(values("name", List.of("a")))).contains("姓名 (Name) 必须是文字 (must be text)");
  }

  @Test
  void patternMustBeFoundInTheTextAsJavaScriptsRegExpTestFindsIt() throws IOException {
    TaskFormRules rules = field("""
        {"type": "textfield", "key": "resident", "label": "Resident (居民编号)", "validate": {"pattern": "R-\\\\d{4}"}}""");

    assertThat(rules.firstProblem(values("resident", "R-0001"))).isEmpty();
    assertThat(rules.firstProblem(values("resident", "see R-0001"))).isEmpty();
    assertThat(rules.firstProblem(values("resident", "R-1")))
        .contains("居民编号 (Resident) 格式不对 (must match the pattern R-\\d{4})");
  }

  @Test
  void patternThatBacktracksWithoutEndIsStoppedAndTheValueRefused() throws IOException {
    TaskFormRules rules = field("""
        {"type": "textfield", "key": "code", "label": "Code", "validate": {"pattern": "^(a+)+$"}}""");

    long started = System.nanoTime();
    Optional<String> problem = rules.firstProblem(values("code", "a".repeat(64) + "!"));

    assertThat(problem).contains("Code 格式不对 (must match the pattern ^(a+)+$)");
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    assertThat(rules.firstProblem(values("code", "aaaa"))).isEmpty();
  }

  @Test
  void emailAndPhoneValidationTypesFollowFormJs() throws IOException {
    TaskFormRules rules = fields("""
        {"type": "textfield", "key": "mail", "label": "Email (邮箱)", "validate": {"validationType": "email"}}""", """
        {"type": "textfield", "key": "phone", "label": "Phone (电话)", "validate": {"validationType": "phone"}}""");

    assertThat(rules.firstProblem(values("mail", "wang.fang@example.cn", "phone", "+8613812345678"))).isEmpty();
    assertThat(rules.firstProblem(values("mail", "wang.fang@", "phone", "+8613812345678")))
        .contains("邮箱 (Email) 不是有效的电子邮箱 (must be a valid email address)");
    assertThat(rules.firstProblem(values("mail", "wang.fang@example.cn", "phone", "13812345678")))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("电话 (Phone) 不是有效的国际电话号码"));
  }

  // --- numbers -----------------------------------------------------------------------------------------------------

  @Test
  void numberBoundsAreInclusiveAndNumbersMayArriveAsText() throws IOException {
    TaskFormRules rules = field("""
        {"type": "number", "key": "quantity", "label": "数量 (Quantity)", "validate": {"min": 1, "max": 10}}""");

    assertThat(rules.firstProblem(values("quantity", 1L))).isEmpty();
    assertThat(rules.firstProblem(values("quantity", 10))).isEmpty();
    assertThat(rules.firstProblem(values("quantity", "7"))).isEmpty();
    assertThat(rules.firstProblem(values("quantity", 0))).contains("数量 (Quantity) 不能小于 1 (must be at least 1)");
    assertThat(rules.firstProblem(values("quantity", 10.5))).contains("数量 (Quantity) 不能大于 10 (must be at most 10)");
    assertThat(rules.firstProblem(values("quantity", "11"))).contains("数量 (Quantity) 不能大于 10 (must be at most 10)");
  }

  @Test
  void numberFieldRefusesTextTrueFalseAndLists() throws IOException {
    TaskFormRules rules = field("""
        {"type": "number", "key": "total", "label": "Total (总价)"}""");

    for (Object notANumber : new Object[] {"abc", "1,5", true, List.of(1)}) {
      assertThat(rules.firstProblem(values("total", notANumber))).as(String.valueOf(notANumber))
          .contains("总价 (Total) 必须是数字 (must be a number)");
    }
  }

  @Test
  void decimalDigitsAndIncrementAreChecked() throws IOException {
    TaskFormRules rules = fields("""
        {"type": "number", "key": "count", "label": "Count (个数)", "decimalDigits": 0}""", """
        {"type": "number", "key": "price", "label": "Price (价格)", "decimalDigits": 2}""", """
        {"type": "number", "key": "hours", "label": "Hours (小时)", "increment": "0.5"}""");

    assertThat(rules.firstProblem(values("count", "2.0", "price", 32.5, "hours", 1.5))).isEmpty();
    assertThat(rules.firstProblem(values("count", 1.5))).contains("个数 (Count) 必须是整数 (must be a whole number)");
    assertThat(rules.firstProblem(values("price", "32.555")))
        .contains("价格 (Price) 最多 2 位小数 (may have at most 2 decimal places)");
    assertThat(rules.firstProblem(values("hours", 1.25))).contains("小时 (Hours) 必须是 0.5 的整数倍 (must be a multiple "
        + "of 0.5)");
  }

  @Test
  void numberFarBeyondWhatAPersonEntersIsOutOfRangeAndCheckedQuickly() throws IOException {
    TaskFormRules rules = field("""
        {"type": "number", "key": "hours", "label": "Hours (小时)", "increment": "0.5"}""");

    assertThat(rules.firstProblem(values("hours", "1E+999999999"))).contains("小时 (Hours) 超出范围 (is out of range)");
    assertThat(rules.firstProblem(values("hours", "1E-999999999"))).contains("小时 (Hours) 超出范围 (is out of range)");
    assertThat(rules.firstProblem(values("hours", 0.1 + 0.2))).as("a double's full text")
        .contains("小时 (Hours) 必须是 0.5 的整数倍 (must be a multiple of 0.5)");
    assertThat(rules.firstProblem(values("hours", 1e15))).isEmpty();
  }

  // --- choices -----------------------------------------------------------------------------------------------------

  @Test
  void radioAndSelectTakeOneOfTheirStaticChoicesComparedAsText() throws IOException {
    TaskFormRules rules = fields("""
        {"type": "radio", "key": "satisfaction", "label": "Satisfaction (满意度)",
         "values": [{"label": "5", "value": "5"}, {"label": "4", "value": "4"}]}""", """
        {"type": "select", "key": "mode", "label": "Mode (方式)", "values": [{"label": "Pick up", "value": "PICKUP"}]}""");

    assertThat(rules.firstProblem(values("satisfaction", 5, "mode", "PICKUP"))).isEmpty();
    assertThat(rules.firstProblem(values("satisfaction", "9")))
        .contains("满意度 (Satisfaction): “9” 不是可选项 (is not one of the choices)");
    assertThat(rules.firstProblem(values("mode", "pickup")))
        .contains("方式 (Mode): “pickup” 不是可选项 (is not one of the choices)");
    assertThat(rules.firstProblem(values("mode", List.of("PICKUP")))).contains("方式 (Mode) 只能选一项 (takes one of the "
        + "choices)");
  }

  @Test
  void valuesKeyTakesTheChoicesFromTheNamedVariable() throws IOException {
    TaskFormRules rules = field("""
        {"type": "select", "key": "station", "label": "Station (驿站)", "valuesKey": "stations"}""");
    List<Object> stations = List.of(Map.of("label", "North (北站)", "value", "S1"), "S2");

    assertThat(rules.firstProblem(values("station", "S1", "stations", stations))).isEmpty();
    assertThat(rules.firstProblem(values("station", "S2", "stations", "[{\"label\": \"S\", \"value\": \"S2\"}]")))
        .as("a list held as JSON text").isEmpty();
    assertThat(rules.firstProblem(values("station", "S9", "stations", stations)))
        .contains("驿站 (Station): “S9” 不是可选项 (is not one of the choices)");
    assertThat(rules.firstProblem(values("station", "S1"))).as("no list, no choice").isPresent();
  }

  @Test
  void valuesExpressionIsEvaluatedAsTasklistDoes() throws IOException {
    TaskFormRules rules = field("""
        {"type": "radio", "key": "size", "label": "Size (尺寸)", "valuesExpression": "=sizes"}""");

    assertThat(rules.firstProblem(values("size", "M", "sizes", List.of("S", "M")))).isEmpty();
    assertThat(rules.firstProblem(values("size", "XL", "sizes", List.of("S", "M"))))
        .contains("尺寸 (Size): “XL” 不是可选项 (is not one of the choices)");
  }

  @Test
  void checklistAndTaglistTakeAListOfTheirChoices() throws IOException {
    TaskFormRules rules = fields("""
        {"type": "checklist", "key": "policies", "label": "Policies (政策)", "validate": {"required": true},
         "values": [{"label": "Pension", "value": "PENSION"}, {"label": "Insurance", "value": "INSURANCE"}]}""", """
        {"type": "taglist", "key": "tags", "label": "Tags (标签)", "valuesKey": "knownTags"}""");

    assertThat(rules.firstProblem(values("policies", List.of("PENSION", "INSURANCE"), "tags", "[\"a\"]",
        "knownTags", List.of("a", "b")))).isEmpty();
    assertThat(rules.firstProblem(values("policies", List.of()))).contains("政策 (Policies) 必填 (is required)");
    assertThat(rules.firstProblem(values("policies", List.of("PENSION", "CAR"))))
        .contains("政策 (Policies): “CAR” 不是可选项 (is not one of the choices)");
    assertThat(rules.firstProblem(values("policies", "PENSION")))
        .contains("政策 (Policies) 必须是选项列表 (must be a list of choices)");
    assertThat(rules.firstProblem(values("policies", List.of("PENSION"), "tags", List.of("c"), "knownTags",
        List.of("a", "b")))).contains("标签 (Tags): “c” 不是可选项 (is not one of the choices)");
  }

  // --- date and time -----------------------------------------------------------------------------------------------

  @Test
  void dateTimeValuesMustHaveTheFormatOfTheirSubtype() throws IOException {
    TaskFormRules rules = fields("""
        {"type": "datetime", "key": "day", "label": "Day (日期)", "subtype": "date"}""", """
        {"type": "datetime", "key": "at", "label": "时间 (When)", "subtype": "datetime"}""", """
        {"type": "datetime", "key": "clock", "label": "Clock (钟点)", "subtype": "time"}""");

    assertThat(rules.firstProblem(values("day", "2026-11-24", "at", "2026-11-24T10:00", "clock", "09:30+08:00")))
        .isEmpty();
    assertThat(rules.firstProblem(values("at", new Date()))).isEmpty();
    assertThat(rules.firstProblem(values("day", "2026-13-01"))).hasValueSatisfying(problem ->
        assertThat(problem).startsWith("日期 (Day) 不是有效的日期/时间 (must be a date or time like 2026-11-24"));
    assertThat(rules.firstProblem(values("day", "24.11.2026"))).isPresent();
    assertThat(rules.firstProblem(values("at", "2026-11-24 10:00"))).hasValueSatisfying(problem ->
        assertThat(problem).startsWith("时间 (When) 不是有效的日期/时间"));
    assertThat(rules.firstProblem(values("at", "2026-11-24T25:00"))).isPresent();
    assertThat(rules.firstProblem(values("clock", "9:30"))).isPresent();
    assertThat(rules.firstProblem(values("clock", 930))).isPresent();
  }

  @Test
  void noPassedDatesRefusesYesterdayAndTakesToday() throws IOException {
    TaskFormRules rules = field("""
        {"type": "datetime", "key": "day", "label": "Day (日期)", "subtype": "date", "disallowPassedDates": true}""");

    assertThat(rules.firstProblem(values("day", LocalDate.now().toString()))).isEmpty();
    assertThat(rules.firstProblem(values("day", LocalDate.now().minusDays(1).toString())))
        .contains("日期 (Day) 不能早于今天 (must not be in the past)");
  }

  // --- what is not checked -----------------------------------------------------------------------------------------

  @Test
  void disabledFieldsAndFieldsWithTheirOwnDataPathAreNotChecked() throws IOException {
    TaskFormRules rules = fields("""
        {"type": "textfield", "key": "fixed", "label": "Fixed", "disabled": true, "validate": {"maxLength": 1}}""", """
        {"type": "group", "path": "address", "components": [
          {"type": "textfield", "key": "street", "label": "Street", "validate": {"required": true}}]}""", """
        {"type": "group", "components": [
          {"type": "textfield", "key": "city", "label": "City", "validate": {"required": true}}]}""");

    assertThat(rules.firstProblem(values("fixed", "too long"))).contains("City 必填 (is required)");
    assertThat(rules.firstProblem(values("fixed", "too long", "city", "Wuhai"))).isEmpty();
  }

  @Test
  void labelsAreTurnedChineseFirst() {
    assertThat(FormField.chineseFirst("Reason for declining (拒单原因)", "k")).isEqualTo("拒单原因 (Reason for declining)");
    assertThat(FormField.chineseFirst("拒单原因 (Reason for declining)", "k")).isEqualTo("拒单原因 (Reason for declining)");
    assertThat(FormField.chineseFirst("Note", "k")).isEqualTo("Note");
    assertThat(FormField.chineseFirst("", "declineNote")).isEqualTo("declineNote");
  }

  // --- helpers -----------------------------------------------------------------------------------------------------

  private static Map<String, Object> valueMap(Object... keysAndValues) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      values.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return values;
  }

  private static java.util.function.Function<String, Object> values(Object... keysAndValues) {
    return valueMap(keysAndValues)::get;
  }

  private static TaskFormRules field(String component) throws IOException {
    return fields(component);
  }

  private static TaskFormRules fields(String... components) throws IOException {
    return new TaskFormRules(JSON.readTree("{\"components\": [" + String.join(",", components) + "]}"));
  }

  private static TaskFormRules form(String name) throws IOException {
    return new TaskFormRules(JSON.readTree(Path.of("processes", "forms", name + ".form").toFile()));
  }
}
