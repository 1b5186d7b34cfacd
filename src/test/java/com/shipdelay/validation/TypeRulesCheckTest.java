package com.shipdelay.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.evidence.EvidenceKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;

/**
 * The report-type table that admins edit in Modeler names only evidence kinds a merchant can
 * upload: a typo must fail here (and at deployment), not create a kind no upload can satisfy.
 */
class TypeRulesCheckTest {

  static final Path TABLE = Path.of("bpmn/ReportTypeRules.dmn");

  static List<Path> dmnFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      return files.filter(p -> p.toString().endsWith(".dmn")).sorted().toList();
    }
  }

  /** Read with the engine's public DMN model API, independently of the check under test. */
  @Test
  void everyEvidenceKindNamedInTheTablesIsOneTheApiAccepts() throws IOException {
    List<String> named = new ArrayList<>();
    for (Path file : dmnFiles()) {
      DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
      for (DecisionTable table : model.getModelElementsByType(DecisionTable.class)) {
        List<String> outputs = table.getOutputs().stream().map(Output::getName).toList();
        int column = outputs.indexOf(TypePolicies.OUTPUT_EVIDENCE_KINDS);
        if (column < 0) {
          continue;
        }
        for (Rule rule : table.getRules()) {
          String text =
              List.copyOf(rule.getOutputEntries()).get(column).getText().getTextContent().trim();
          assertThat(text).as(file + " " + rule.getId()).startsWith("\"").endsWith("\"");
          for (String kind : text.substring(1, text.length() - 1).split(",")) {
            assertThat(EvidenceKind.parse(kind.trim()))
                .as(file + " " + rule.getId() + " names " + kind)
                .isPresent();
            named.add(kind.trim());
          }
        }
      }
    }
    // one rule per report type was read, each naming at least one kind
    assertThat(named).hasSizeGreaterThanOrEqualTo(ReportType.values().length);
    assertThat(TypeRulesCheck.problems(Files.newInputStream(TABLE))).isEmpty();
  }

  private static String edited(String from, String to) throws IOException {
    String original = Files.readString(TABLE);
    assertThat(original).contains(from);
    return original.replace(from, to);
  }

  private static List<String> problems(String dmn) {
    return TypeRulesCheck.problems(new ByteArrayInputStream(dmn.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aTypoInAKindIsFoundAndNamed() throws IOException {
    var found =
        problems(
            edited(
                "Evidence\"><text>\"COURIER_NOTICE,OFFICIAL_NOTICE\"</text>",
                "Evidence\"><text>\"COURIER_NOTICE, OFFICAL_NOTICE\"</text>"));

    // the same entry in two rules: each is named, then the kinds that exist
    assertThat(found)
        .hasSize(3)
        .startsWith(
            "规则 Rule_NATURAL_DISASTER 列出了未知的凭证类型 OFFICAL_NOTICE",
            "规则 Rule_EPIDEMIC 列出了未知的凭证类型 OFFICAL_NOTICE");
    assertThat(found.get(2)).startsWith("可用的凭证类型：COURIER_NOTICE、OFFICIAL_NOTICE");
  }

  @Test
  void anUnquotedKindOrAMissingColumnIsFound() throws IOException {
    assertThat(problems(edited("<text>\"PRICING_PROOF\"</text>", "<text>PRICING_PROOF</text>")))
        .first()
        .asString()
        .startsWith("规则 Rule_MERCHANT_FACTOR 的凭证类型须写成带英文双引号的字符串")
        .endsWith("实际为 PRICING_PROOF");
    assertThat(problems(edited("name=\"acceptedEvidenceKinds\"", "name=\"evidenceKinds\"")))
        .containsExactly("决策 ReportTypeRules 缺少输出列 acceptedEvidenceKinds");
  }

  @Test
  void anEmptyEntryMeansNoEvidenceAndOtherDecisionsAreNotItsBusiness() throws IOException {
    assertThat(problems(edited("<text>\"PRICING_PROOF\"</text>", "<text></text>"))).isEmpty();
    assertThat(
            problems(
                edited("<decision id=\"ReportTypeRules\"", "<decision id=\"OtherRules\"")
                    .replace("dmnElementRef=\"ReportTypeRules\"", "dmnElementRef=\"OtherRules\"")
                    .replace("\"COURIER_NOTICE\"", "\"ANYTHING\"")))
        .isEmpty();
  }
}
