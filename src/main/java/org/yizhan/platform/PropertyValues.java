package org.yizhan.platform;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The sentences a {@link PropertyListener} answers with when a model's extension property is wrong, each Chinese first
 * with the English in brackets, naming the property, the value and what would be right.
 */
public final class PropertyValues {

  /** Chinese first, the English after it in brackets: {@code 驿站已接单 (Accepted by the station)}. */
  private static final Pattern BILINGUAL =
      Pattern.compile("[^A-Za-z()]*\\p{IsHan}[^A-Za-z()]* \\([^\\p{IsHan}]*[A-Za-z][^\\p{IsHan}]*\\)");
  private static final Pattern VARIABLE_NAMES =
      Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_]*\\s*(,\\s*[A-Za-z_][A-Za-z0-9_]*\\s*)*");

  private PropertyValues() {}

  /** A property whose value must be one of {@code allowed}, exactly as written there. */
  public static Optional<String> oneOf(String name, String value, Collection<String> allowed) {
    String list = String.join("、", allowed);
    String englishList = String.join(", ", allowed);
    if (value == null || value.isBlank()) {
      return Optional.of("属性 " + name + " 没有填值，可用的值：" + list + " (" + name + " has no value; allowed: "
          + englishList + ")");
    }
    if (allowed.contains(value)) {
      return Optional.empty();
    }
    Optional<String> otherCase = allowed.stream()
        .filter(known -> known.toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))).findFirst();
    if (otherCase.isPresent()) {
      return Optional.of("属性 " + name + " 的值 \"" + value + "\" 大小写或空格不对，应写 " + otherCase.get() + " (" + name
          + " \"" + value + "\" must be written exactly " + otherCase.get() + ")");
    }
    return Optional.of("属性 " + name + " 的值 \"" + value + "\" 不认识，可用的值：" + list + " (" + name + " \"" + value
        + "\" is not known; allowed: " + englishList + ")");
  }

  /** A text people read: Chinese first, the English in brackets. */
  public static Optional<String> bilingual(String name, String value) {
    if (value != null && BILINGUAL.matcher(value.strip()).matches()) {
      return Optional.empty();
    }
    return Optional.of("属性 " + name + " 的值 \"" + (value == null ? "" : value) + "\" 应先写中文，再在括号里写英文，如 "
        + "\"驿站已接单 (Accepted by the station)\" (" + name + " must be Chinese first with the English in brackets)");
  }

  /** Names of process variables, separated by commas: {@code declineReason,declineNote}. */
  public static Optional<String> variableNames(String name, String value) {
    if (value != null && VARIABLE_NAMES.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of("属性 " + name + " 的值 \"" + (value == null ? "" : value) + "\" 应是用逗号分隔的变量名，如 "
        + "declineReason,declineNote (" + name + " must name process variables separated by commas)");
  }

  /** A property the element needs with the ones it has. */
  public static Optional<String> required(String name, Map<String, String> properties, String chinese,
      String english) {
    if (properties.containsKey(name)) {
      return Optional.empty();
    }
    return Optional.of("缺少属性 " + name + "：" + chinese + " (" + name + " is missing: " + english + ")");
  }

  /** A property name under a listener's prefixes that it does not know. */
  public static String unknownName(String name, Collection<String> known) {
    return "不认识属性 " + name + "，可用的属性：" + String.join("、", known) + " (unknown property " + name
        + "; known: " + String.join(", ", known) + ")";
  }

  /** Properties of a step written where no step runs. */
  public static String notAStep(String names) {
    return "属性 " + names + " 只能写在步骤、事件或连线上 (" + names + " belong on a step, an event or a flow)";
  }
}
