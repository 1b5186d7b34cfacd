package com.shipdelay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Simplified Chinese locale of the Camunda webapps ({@code locales/zh.json}, ours) against the
 * English one the webjar on the classpath ships: every English key has a Chinese value, with the
 * same placeholders and HTML tags. Catches keys a Camunda upgrade adds. No Spring, no server.
 *
 * <p>Blank Chinese values are accepted only where English is blank too ({@code NO_TASK_FORM}) or
 * where English is just the plural suffix {@code "s"} appended to a noun, which Chinese does not
 * have.
 */
class WebappLocaleTest {

  static final String APPS = "META-INF/resources/webjars/camunda/app/";
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*\\}\\}|\\{\\}|%[ds]");
  static final Pattern TAG = Pattern.compile("</?(?:a|br|strong|b|i|em|span|p)\\b[^>]*>");
  static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void chineseCoversEveryEnglishKey(String app) throws IOException {
    Map<String, JsonNode> en = leaves(read(app, "en.json"));
    Map<String, JsonNode> zh = leaves(read(app, "zh.json"));

    assertThat(en).as("%s en.json from the webjar", app).hasSizeGreaterThan(100);

    List<String> problems = new ArrayList<>();
    zh.keySet().stream()
        .filter(key -> !en.containsKey(key))
        .forEach(key -> problems.add(key + ": not in en.json"));
    en.forEach(
        (key, english) -> {
          JsonNode chinese = zh.get(key);
          if (chinese == null) {
            problems.add(key + ": missing");
          } else if (chinese.getNodeType() != english.getNodeType()) {
            problems.add(
                key + ": " + chinese.getNodeType() + " instead of " + english.getNodeType());
          } else if (english.isTextual()) {
            String enText = english.asText();
            String zhText = chinese.asText();
            if (zhText.isBlank() && !enText.isBlank() && !enText.equals("s")) {
              problems.add(key + ": empty");
            }
            List<String> missing = missing(PLACEHOLDER, enText, zhText);
            if (!missing.isEmpty()) {
              problems.add(key + ": placeholders " + missing + " missing in \"" + zhText + "\"");
            }
            missing = missing(TAG, enText, zhText);
            if (!missing.isEmpty()) {
              problems.add(key + ": HTML " + missing + " missing in \"" + zhText + "\"");
            }
          }
        });
    assertThat(problems).as("%s zh.json", app).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void configOffersChineseAndFallsBackToEnglish(String app) throws IOException {
    List<URL> configs = Collections.list(loader().getResources(APPS + app + "/scripts/config.js"));
    // ours (target/classes) comes first and is the one served; the webjar's default follows
    assertThat(configs).hasSizeGreaterThanOrEqualTo(1);
    String config;
    try (InputStream in = configs.get(0).openStream()) {
      config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(config).contains("availableLocales: ['zh', 'en']").contains("fallbackLocale: 'en'");
  }

  static JsonNode read(String app, String file) throws IOException {
    String path = APPS + app + "/locales/" + file;
    List<URL> found = Collections.list(loader().getResources(path));
    assertThat(found).as("%s on the classpath", path).hasSize(1);
    try (InputStream in = found.get(0).openStream()) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // the webjar's en.json files start with a byte order mark
      return JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
  }

  /** Dotted path -> value for every leaf; an array counts as one leaf (the date-name lists). */
  static Map<String, JsonNode> leaves(JsonNode root) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    collect("", root, out);
    return out;
  }

  static void collect(String prefix, JsonNode node, Map<String, JsonNode> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> collect(prefix + e.getKey() + ".", e.getValue(), out));
    } else if (node.isArray()) {
      String key = prefix.substring(0, prefix.length() - 1);
      out.put(key, node);
      for (int i = 0; i < node.size(); i++) {
        collect(key + "[" + i + "].", node.get(i), out);
      }
    } else {
      out.put(prefix.substring(0, prefix.length() - 1), node);
    }
  }

  /**
   * The matches of {@code pattern} in {@code english} that {@code chinese} lacks (as a multiset).
   */
  static List<String> missing(Pattern pattern, String english, String chinese) {
    List<String> left = matches(pattern, chinese);
    List<String> missing = new ArrayList<>();
    for (String m : matches(pattern, english)) {
      if (!left.remove(m)) {
        missing.add(m);
      }
    }
    return missing;
  }

  static List<String> matches(Pattern pattern, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  static ClassLoader loader() {
    return WebappLocaleTest.class.getClassLoader();
  }
}
