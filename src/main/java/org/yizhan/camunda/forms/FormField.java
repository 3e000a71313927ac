package org.yizhan.camunda.forms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One input field of a Camunda Form and the rules form-js 1.8.7 lets a manager set on it in Modeler: required;
 * the choices of radios, selects, checklists and taglists (static {@code values}, a variable named by
 * {@code valuesKey} or a FEEL {@code valuesExpression}); a number's min, max, decimal digits and increment; a text's
 * min and max length, pattern and validation type (email, phone); a date/time's format and "no past dates". The
 * checks follow form-js's own (its {@code Validator}): lengths count UTF-16 units of the trimmed text (a Chinese
 * character is one), a pattern has to be found somewhere in the text ({@link FieldPattern}), min/max/minLength/
 * maxLength may be FEEL expressions ({@link FormFeel}). Stricter in two places: a text of only spaces does not fill a
 * required field, and a value must have the field's type (text, number, true/false, list).
 *
 * <p>Messages name the field by its label, Chinese first and English in brackets, as the models name things.
 */
final class FormField {

  private static final Logger LOG = LoggerFactory.getLogger(FormField.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  /** form-js 1.8.7's EMAIL_PATTERN. */
  private static final Pattern EMAIL = Pattern.compile("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9]"
      + "(?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");
  /** form-js 1.8.7's PHONE_PATTERN: "+" or "00", a country code, an area prefix and 4 to 20 digits. */
  private static final Pattern PHONE = Pattern.compile(
      "(\\+|00)(297|93|244|1264|358|355|376|971|54|374|1684|1268|61|43|994|257|32|229|226|880|359|973|1242|"
      + "387|590|375|501|1441|591|55|1246|673|975|267|236|1|61|41|56|86|225|237|243|242|682|57|269|238|506|"
      + "53|5999|61|1345|357|420|49|253|1767|45|1809|1829|1849|213|593|20|291|212|34|372|251|358|679|500|33|"
      + "298|691|241|44|995|44|233|350|224|590|220|245|240|30|1473|299|502|594|1671|592|852|504|385|509|36|"
      + "62|44|91|246|353|98|964|354|972|39|1876|44|962|81|76|77|254|996|855|686|1869|82|383|965|856|961|231|"
      + "218|1758|423|94|266|370|352|371|853|590|212|377|373|261|960|52|692|389|223|356|95|382|976|1670|258|"
      + "222|1664|596|230|265|60|262|264|687|227|672|234|505|683|31|47|977|674|64|968|92|507|64|51|63|680|"
      + "675|48|1787|1939|850|351|595|970|689|974|262|40|7|250|966|249|221|65|500|4779|677|232|503|378|252|"
      + "508|381|211|239|597|421|386|46|268|1721|248|963|1649|235|228|66|992|690|993|670|676|1868|216|90|688|"
      + "886|255|256|380|598|1|998|3906698|379|1784|58|1284|1340|84|678|681|685|967|27|260|263)(9[976]\\d|"
      + "8[987530]\\d|6[987]\\d|5[90]\\d|42\\d|3[875]\\d|2[98654321]\\d|9[8543210]|8[6421]|6[6543210]|"
      + "5[87654321]|4[987654310]|3[9643210]|2[70]|7|1)\\d{4,20}$");
  /** Digits before or after the point; more than any double's text, far more than a form takes. */
  private static final int MAX_DIGITS = 20;
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})?");

  private final JsonNode field;
  private final String key;
  private final String type;
  /** The label as written; a FEEL label ("=…") is worked out from the values when a message needs it. */
  private final String label;
  private final JsonNode validate;
  private final Optional<FieldPattern> pattern;

  FormField(JsonNode field) {
    this.field = field;
    this.key = field.get("key").asText();
    this.type = field.get("type").asText();
    this.label = field.path("label").asText(key);
    this.validate = field.path("validate");
    this.pattern = FieldPattern.of(validate.path("pattern").asText(""), key);
  }

  boolean isHidden(Function<String, Object> values) {
    String hide = field.path("conditional").path("hide").asText("");
    if (hide.isBlank()) {
      return false;
    }
    try {
      return Boolean.TRUE.equals(FormFeel.evaluate(hide, values));
    } catch (RuntimeException unreadable) {
      // form-js shows a field whose condition it cannot evaluate.
      LOG.warn("Cannot evaluate the hide condition of form field {}: {}", key, unreadable.getMessage());
      return false;
    }
  }

  Optional<String> check(Function<String, Object> values, boolean requireFilled) {
    return checkValue(values, requireFilled).map(problem -> label(values) + problem);
  }

  /** The label as the person sees it in the form, Chinese first; the field's key if it has none it can read. */
  private String label(Function<String, Object> values) {
    if (label.startsWith("=")) {
      try {
        Object shown = FormFeel.evaluate(label, values);
        return shown instanceof String text ? chineseFirst(text, key) : key;
      } catch (RuntimeException unreadable) {
        LOG.warn("Cannot evaluate the label of form field {}: {}", key, unreadable.getMessage());
        return key;
      }
    }
    return chineseFirst(label, key);
  }

  /** What is wrong with the field's value, as the words that follow its label. */
  private Optional<String> checkValue(Function<String, Object> values, boolean requireFilled) {
    Object value = values.apply(key);
    if (isEmpty(value)) {
      return requireFilled && validate.path("required").asBoolean(false)
          ? problem("必填", "is required") : Optional.empty();
    }
    return switch (type) {
      case "textfield", "textarea" -> checkText(value, values);
      case "number" -> checkNumber(value, values);
      case "checkbox" -> value instanceof Boolean ? Optional.empty() : problem("只能勾选或不勾选", "must be true or false");
      case "radio", "select" -> checkChoice(value, values);
      case "checklist", "taglist" -> checkChoices(value, values);
      case "datetime" -> checkDateTime(value);
      default -> Optional.empty();
    };
  }

  private boolean isEmpty(Object value) {
    return value == null
        || value instanceof String text && text.isBlank()
        || value instanceof Collection<?> list && list.isEmpty()
        || "checkbox".equals(type) && Boolean.FALSE.equals(value)
        || ("checklist".equals(type) || "taglist".equals(type)) && list(value) != null && list(value).isEmpty();
  }

  private Optional<String> checkText(Object value, Function<String, Object> values) {
    if (!(value instanceof String || value instanceof Number)) {
      return problem("必须是文字", "must be text");
    }
    String text = value.toString();
    int length = trimmedLength(text);
    Optional<BigDecimal> minLength = bound("minLength", values);
    if (minLength.isPresent() && length < minLength.get().intValue()) {
      return problem("至少 " + minLength.get().intValue() + " 个字",
          "must be at least " + minLength.get().intValue() + " characters");
    }
    Optional<BigDecimal> maxLength = bound("maxLength", values);
    if (maxLength.isPresent() && length > maxLength.get().intValue()) {
      return problem("最多 " + maxLength.get().intValue() + " 个字",
          "may be at most " + maxLength.get().intValue() + " characters");
    }
    if (pattern.isPresent() && !pattern.get().isFoundIn(text)) {
      return problem("格式不对", "must match the pattern " + pattern.get());
    }
    String validationType = validate.path("validationType").asText("");
    if ("email".equals(validationType) && !EMAIL.matcher(text).matches()) {
      return problem("不是有效的电子邮箱", "must be a valid email address");
    }
    if ("phone".equals(validationType) && !PHONE.matcher(text).find()) {
      return problem("不是有效的国际电话号码", "must be an international phone number such as +8613812345678");
    }
    return Optional.empty();
  }

  private Optional<String> checkNumber(Object value, Function<String, Object> values) {
    BigDecimal number;
    try {
      number = value instanceof Number || value instanceof String ? new BigDecimal(value.toString().strip()) : null;
    } catch (NumberFormatException notANumber) {
      number = null;
    }
    if (number == null) {
      return problem("必须是数字", "must be a number");
    }
    // Far beyond what a person enters, and costly to compare with an increment ("1E+999999999").
    if (number.precision() - number.scale() > MAX_DIGITS || number.scale() > MAX_DIGITS) {
      return problem("超出范围", "is out of range");
    }
    Optional<BigDecimal> min = bound("min", values);
    if (min.isPresent() && number.compareTo(min.get()) < 0) {
      return problem("不能小于 " + min.get().toPlainString(), "must be at least " + min.get().toPlainString());
    }
    Optional<BigDecimal> max = bound("max", values);
    if (max.isPresent() && number.compareTo(max.get()) > 0) {
      return problem("不能大于 " + max.get().toPlainString(), "must be at most " + max.get().toPlainString());
    }
    if (field.has("decimalDigits") && field.get("decimalDigits").asInt() >= 0
        && Math.max(0, number.stripTrailingZeros().scale()) > field.get("decimalDigits").asInt()) {
      int digits = field.get("decimalDigits").asInt();
      return digits == 0 ? problem("必须是整数", "must be a whole number")
          : problem("最多 " + digits + " 位小数", "may have at most " + digits + " decimal places");
    }
    BigDecimal increment = decimal(field.path("increment").asText(""));
    if (increment != null && increment.signum() > 0 && number.remainder(increment).signum() != 0) {
      return problem("必须是 " + increment.toPlainString() + " 的整数倍",
          "must be a multiple of " + increment.toPlainString());
    }
    return Optional.empty();
  }

  private Optional<String> checkChoice(Object value, Function<String, Object> values) {
    if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
      return problem("只能选一项", "takes one of the choices");
    }
    return choices(values).contains(value.toString()) ? Optional.empty()
        : notAChoice(value);
  }

  private Optional<String> checkChoices(Object value, Function<String, Object> values) {
    List<?> picked = list(value);
    if (picked == null) {
      return problem("必须是选项列表", "must be a list of choices");
    }
    Set<String> choices = choices(values);
    for (Object one : picked) {
      if (one == null || !choices.contains(one.toString())) {
        return notAChoice(one);
      }
    }
    return Optional.empty();
  }

  /** The option values the field offers, as text: what Tasklist would show. */
  private Set<String> choices(Function<String, Object> values) {
    Object options;
    if (field.hasNonNull("valuesKey")) {
      options = list(values.apply(field.get("valuesKey").asText()));
    } else if (field.has("values")) {
      options = JSON.convertValue(field.get("values"), List.class);
    } else if (field.hasNonNull("valuesExpression")) {
      try {
        options = FormFeel.evaluate(field.get("valuesExpression").asText(), values);
      } catch (RuntimeException unreadable) {
        LOG.warn("Cannot evaluate the choices of form field {}: {}", key, unreadable.getMessage());
        options = null;
      }
    } else {
      options = null;
    }
    return FormOptions.valuesOf(options);
  }

  private Optional<String> checkDateTime(Object value) {
    if (value instanceof Date) {
      return Optional.empty();
    }
    String subtype = field.path("subtype").asText("date");
    String text = value instanceof String string ? string.strip() : "";
    String date = subtype.equals("time") ? null : text.length() >= 10 ? text.substring(0, 10) : text;
    String time = switch (subtype) {
      case "time" -> text;
      case "datetime" -> text.length() > 11 && text.charAt(10) == 'T' ? text.substring(11) : "";
      default -> text.length() == 10 ? null : "";
    };
    if (date != null && !isDate(date) || time != null && !isTime(time)) {
      String example = switch (subtype) {
        case "time" -> "09:30";
        case "datetime" -> "2026-11-24T09:30";
        default -> "2026-11-24";
      };
      return problem("不是有效的日期/时间", "must be a date or time like " + example);
    }
    if (date != null && field.path("disallowPassedDates").asBoolean(false)
        && LocalDate.parse(date).isBefore(LocalDate.now())) {
      return problem("不能早于今天", "must not be in the past");
    }
    return Optional.empty();
  }

  private static boolean isDate(String text) {
    try {
      return DATE.matcher(text).matches() && LocalDate.parse(text) != null;
    } catch (DateTimeParseException notADate) {
      return false;
    }
  }

  private static boolean isTime(String text) {
    try {
      return TIME.matcher(text).matches() && LocalTime.parse(text.substring(0, 5)) != null;
    } catch (DateTimeParseException notATime) {
      return false;
    }
  }

  /** A validate bound, a number or a FEEL expression ("=…") as form-js allows; absent if unset or not a number. */
  private Optional<BigDecimal> bound(String name, Function<String, Object> values) {
    JsonNode bound = validate.path(name);
    if (bound.isNumber()) {
      return Optional.of(bound.decimalValue());
    }
    if (bound.isTextual() && bound.asText().startsWith("=")) {
      try {
        return Optional.ofNullable(decimal(String.valueOf(FormFeel.evaluate(bound.asText(), values))));
      } catch (RuntimeException unreadable) {
        LOG.warn("Cannot evaluate {} of form field {}: {}", name, key, unreadable.getMessage());
      }
    }
    return Optional.empty();
  }

  private Optional<String> problem(String chinese, String english) {
    return Optional.of(" " + chinese + " (" + english + ")");
  }

  private Optional<String> notAChoice(Object value) {
    return Optional.of(": “" + shortened(value) + "” 不是可选项 (is not one of the choices)");
  }

  /** A list as Java holds it, or as JSON text (how a REST client or Tasklist may send it); null if neither. */
  private static List<?> list(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    if (value instanceof Collection<?> collection) {
      return List.copyOf(collection);
    }
    if (value instanceof String text && text.strip().startsWith("[")) {
      try {
        return JSON.readValue(text, List.class);
      } catch (java.io.IOException notJson) {
        return null;
      }
    }
    return null;
  }

  /** The length JavaScript's {@code trim()} leaves, as form-js counts: also without no-break spaces and BOMs. */
  static int trimmedLength(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isJsSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isJsSpace(text.charAt(end - 1))) {
      end--;
    }
    return end - start;
  }

  private static boolean isJsSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
  }

  private static BigDecimal decimal(String text) {
    try {
      return text.isBlank() ? null : new BigDecimal(text.strip());
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  private static String shortened(Object value) {
    String text = String.valueOf(value);
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  /**
   * The forms' labels read "拒单原因 (Reason for declining)", Chinese first, and messages keep them so; a label a
   * manager wrote English first, "Reason for declining (拒单原因)", is put Chinese first in messages all the same.
   */
  static String chineseFirst(String label, String key) {
    if (label.isBlank() || label.startsWith("=")) {
      return key;
    }
    Matcher bilingual = Pattern.compile("^([^\\p{IsHan}]+?)\\s*\\(([^()]*\\p{IsHan}[^()]*)\\)$").matcher(label.strip());
    return bilingual.matches() ? bilingual.group(2) + " (" + bilingual.group(1) + ")" : label.strip();
  }
}
