package org.yizhan.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Our Simplified Chinese for Camunda's webapps covers exactly what the webjar's English covers: every key of
 * {@code <app>/locales/en.json} in the camunda-webapp-webjar on the classpath has a translation in our
 * {@code <app>/locales/zh.json}, no key is left over, and every {@code {{placeholder}}} and HTML tag the English
 * carries is kept. A Camunda upgrade that adds or renames keys fails here instead of bringing English back.
 */
class CamundaTranslationsTest {

  private static final String APPS = "META-INF/resources/webjars/camunda/app/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(.*?)}}");
  private static final Pattern HTML_TAG =
      Pattern.compile("</?(?:a|b|br|code|em|i|li|p|span|strong|ul)\\b[^>]*>", Pattern.CASE_INSENSITIVE);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tasklist", "admin", "welcome", "cockpit"})
  void chineseCoversEveryKeyOfTheWebjarsEnglish(String app) throws IOException {
    URL zhFile = Thread.currentThread().getContextClassLoader().getResource(APPS + app + "/locales/zh.json");
    if ("cockpit".equals(app)) {
      Assumptions.assumeTrue(zhFile != null, "cockpit/locales/zh.json is not on the classpath yet: Cockpit's "
          + "translation comes in its own branch (issue 15); once it is merged this case checks it like the others");
    }
    assertThat(zhFile).as("our %s/locales/zh.json", app).isNotNull();

    Map<String, JsonNode> english = flatten(read(webjarEnglish(app)));
    Map<String, JsonNode> chinese = flatten(read(zhFile));

    List<String> problems = new ArrayList<>();
    for (String key : new TreeSet<>(english.keySet())) {
      if (!chinese.containsKey(key)) {
        problems.add("missing: " + key + " (English: " + english.get(key) + ")");
      }
    }
    for (String key : new TreeSet<>(chinese.keySet())) {
      if (!english.containsKey(key)) {
        problems.add("not in 7.24's en.json: " + key);
      }
    }
    english.forEach((key, en) -> {
      JsonNode zh = chinese.get(key);
      if (zh == null) {
        return;
      }
      if (en.getNodeType() != zh.getNodeType()) {
        problems.add("other type: " + key + " is " + en.getNodeType() + " in English, " + zh.getNodeType() + " here");
        return;
      }
      if (!en.isTextual()) {
        return;
      }
      if (!all(PLACEHOLDER, en.asText(), true).equals(all(PLACEHOLDER, zh.asText(), true))) {
        problems.add("placeholders differ: " + key + ": " + all(PLACEHOLDER, en.asText(), true) + " in English, "
            + all(PLACEHOLDER, zh.asText(), true) + " here");
      }
      if (!all(HTML_TAG, en.asText(), false).equals(all(HTML_TAG, zh.asText(), false))) {
        problems.add("HTML differs: " + key + ": " + all(HTML_TAG, en.asText(), false) + " in English, "
            + all(HTML_TAG, zh.asText(), false) + " here");
      }
      // The only English left empty on purpose: a plural "s" that Cockpit appends to a noun, which Chinese has no use for.
      if (!en.asText().isBlank() && zh.asText().isBlank() && !en.asText().equals("s")) {
        problems.add("empty: " + key);
      }
    });

    assertThat(problems).as("%s/locales/zh.json against the webjar's en.json (%d keys)", app, english.size())
        .isEmpty();
  }

  /** The webjar's file, not a copy of ours: we never ship an en.json. */
  private static URL webjarEnglish(String app) throws IOException {
    List<URL> found = Collections.list(
        Thread.currentThread().getContextClassLoader().getResources(APPS + app + "/locales/en.json"));
    assertThat(found).as("%s/locales/en.json on the classpath", app).hasSize(1);
    assertThat(found.get(0).toString()).as("where en.json comes from").contains("camunda-webapp-webjar");
    return found.get(0);
  }

  private static JsonNode read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Camunda's en.json files start with a byte order mark
      return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
  }

  /** Leaves by path: {@code labels.CLAIM_TASK}, {@code dateLocales.months[0]}. */
  private static Map<String, JsonNode> flatten(JsonNode root) {
    Map<String, JsonNode> leaves = new LinkedHashMap<>();
    flatten("", root, leaves);
    return leaves;
  }

  private static void flatten(String path, JsonNode node, Map<String, JsonNode> leaves) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), leaves);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(path + "[" + i + "]", node.get(i), leaves);
      }
    } else {
      leaves.put(path, node);
    }
  }

  /** Matches as a sorted list; placeholders compared without the spaces inside the braces. */
  private static List<String> all(Pattern pattern, String text, boolean placeholder) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      found.add(placeholder ? "{{" + m.group(1).strip() + "}}" : m.group().toLowerCase());
    }
    Collections.sort(found);
    return found;
  }
}
