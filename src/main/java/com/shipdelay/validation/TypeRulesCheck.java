package com.shipdelay.validation;

import com.shipdelay.evidence.EvidenceKind;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * What the report-type table ({@value TypePolicies#DECISION_KEY}) must say for {@link TypePolicies}
 * to read it: its three output columns, and in each rule only evidence kinds that the API accepts
 * ({@link EvidenceKind}), as one quoted, comma-separated string.
 *
 * <p>Why: an admin's typo in Modeler ({@code "COURIER_NOTCE"}) would otherwise deploy fine and
 * create a kind no merchant can upload, so every report of that type would wait for evidence until
 * it expires. The deploy check refuses such a table; a test holds {@code bpmn/*.dmn} to it. It
 * reads the file with the engine's public DMN model API only.
 */
public final class TypeRulesCheck {

  private static final List<String> OUTPUTS =
      List.of(
          TypePolicies.OUTPUT_REGION_BOUND,
          TypePolicies.OUTPUT_EVIDENCE_KINDS,
          TypePolicies.OUTPUT_MAX_DELAY_DAYS);

  private TypeRulesCheck() {}

  /** What is wrong with the type table in this DMN file, in Simplified Chinese; empty if fine. */
  public static List<String> problems(InputStream dmn) {
    return problems(Dmn.readModelFromStream(dmn));
  }

  static List<String> problems(DmnModelInstance model) {
    List<String> problems = new ArrayList<>();
    for (DecisionTable table : typeTables(model)) {
      List<String> names = table.getOutputs().stream().map(Output::getName).toList();
      OUTPUTS.stream()
          .filter(name -> !names.contains(name))
          .forEach(name -> problems.add("决策 " + TypePolicies.DECISION_KEY + " 缺少输出列 " + name));
      if (!names.contains(TypePolicies.OUTPUT_EVIDENCE_KINDS)) {
        continue;
      }
      evidenceKindsByRule(table)
          .forEach(
              (rule, listed) -> {
                if (listed == null) {
                  problems.add(
                      "规则 %s 的凭证类型须写成带英文双引号的字符串，如 \"COURIER_NOTICE,OFFICIAL_NOTICE\"，实际为 %s"
                          .formatted(rule, rawEntry(table, rule)));
                  return;
                }
                listed.stream()
                    .filter(kind -> EvidenceKind.parse(kind).isEmpty())
                    .forEach(kind -> problems.add("规则 %s 列出了未知的凭证类型 %s".formatted(rule, kind)));
              });
    }
    if (problems.stream().anyMatch(p -> p.contains("凭证类型"))) {
      problems.add(
          "可用的凭证类型："
              + Arrays.stream(EvidenceKind.values())
                  .map(EvidenceKind::name)
                  .collect(Collectors.joining("、")));
    }
    return problems;
  }

  /** The {@value TypePolicies#DECISION_KEY} decision tables in the file (none, or one). */
  static List<DecisionTable> typeTables(DmnModelInstance model) {
    return model.getModelElementsByType(Decision.class).stream()
        .filter(d -> TypePolicies.DECISION_KEY.equals(d.getId()))
        .map(Decision::getExpression)
        .filter(DecisionTable.class::isInstance)
        .map(DecisionTable.class::cast)
        .toList();
  }

  /**
   * The kinds each rule lists, by rule id, in table order; null for a rule whose entry is not a
   * string literal (an expression or an unquoted name, which the table cannot mean).
   */
  static Map<String, List<String>> evidenceKindsByRule(DecisionTable table) {
    Map<String, List<String>> byRule = new LinkedHashMap<>();
    for (Rule rule : table.getRules()) {
      String text = rawEntry(table, rule.getId());
      byRule.put(rule.getId(), literal(text));
    }
    return byRule;
  }

  private static List<String> literal(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return List.of(); // an empty entry: the type needs no evidence
    }
    if (trimmed.length() < 2
        || !trimmed.startsWith("\"")
        || !trimmed.endsWith("\"")
        || trimmed.substring(1, trimmed.length() - 1).contains("\"")) {
      return null;
    }
    return List.copyOf(TypePolicies.evidenceKinds(trimmed.substring(1, trimmed.length() - 1)));
  }

  private static String rawEntry(DecisionTable table, String ruleId) {
    int column =
        table.getOutputs().stream()
            .map(Output::getName)
            .toList()
            .indexOf(TypePolicies.OUTPUT_EVIDENCE_KINDS);
    Rule rule =
        table.getRules().stream().filter(r -> r.getId().equals(ruleId)).findFirst().orElseThrow();
    List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
    if (column < 0 || column >= entries.size() || entries.get(column).getText() == null) {
      return "";
    }
    String text = entries.get(column).getText().getTextContent();
    return text == null ? "" : text;
  }
}
