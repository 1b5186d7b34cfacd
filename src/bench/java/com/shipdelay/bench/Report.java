package com.shipdelay.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the suite's results as a Markdown table and a JSON file. */
final class Report {

  private Report() {}

  static void write(
      Path dir,
      List<String> parts,
      List<BenchSupport.Output> outputs,
      Map<String, Object> machineBefore,
      Map<String, Object> machineAfter,
      Duration took)
      throws Exception {
    List<BenchSupport.Row> rows = new ArrayList<>();
    Map<String, String> sections = new LinkedHashMap<>();
    for (BenchSupport.Output output : outputs) {
      rows.addAll(output.rows());
      sections.putAll(output.sections());
    }
    StringBuilder md = new StringBuilder();
    md.append("Run ").append(Instant.now()).append(", parts ").append(parts);
    md.append(", took ").append(took.toSeconds()).append(" s.\n\n");
    md.append("Machine: ")
        .append(machineBefore.get("cores"))
        .append(" cores, ")
        .append(machineBefore.get("memoryMb"))
        .append(" MB memory, ")
        .append(machineBefore.get("jdk"))
        .append(", ")
        .append(machineBefore.get("os"))
        .append(". Load average (1/5/15 min) at start `")
        .append(machineBefore.get("load"))
        .append("`, at end `")
        .append(machineAfter.get("load"))
        .append("`.\n\n");
    md.append(
        "Ratio = how many times better ours is than the same-run baseline (baseline time / our"
            + " time, or our rate / baseline rate). Figures are medians of the repeats named in"
            + " each row.\n\n");
    md.append("| part | what | ours | baseline | ratio | target | met | database | note |\n");
    md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for (BenchSupport.Row r : rows) {
      md.append("| ")
          .append(cell(r.part()))
          .append(" | ")
          .append(cell(r.what()))
          .append(" | ")
          .append(cell(r.ours()))
          .append(" | ")
          .append(cell(r.baseline()))
          .append(" | ")
          .append(r.ratio() == null ? "-" : BenchSupport.f(r.ratio()) + "×")
          .append(" | ")
          .append(cell(r.target()))
          .append(" | ")
          .append(r.met() == null ? "-" : r.met() ? "yes" : "**no**")
          .append(" | ")
          .append(cell(r.database()))
          .append(" | ")
          .append(cell(r.note()))
          .append(" |\n");
    }
    for (var section : sections.entrySet()) {
      md.append("\n### ").append(section.getKey()).append("\n\n").append(section.getValue());
      md.append("\n");
    }
    Files.writeString(dir.resolve("results.md"), md.toString());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("finishedAt", Instant.now().toString());
    json.put("parts", parts);
    json.put("tookSeconds", took.toSeconds());
    json.put("machine", machineBefore);
    json.put("loadAtEnd", machineAfter.get("load"));
    json.put("rows", rows);
    json.put("sections", sections);
    BenchSupport.JSON.writeValue(dir.resolve("results.json").toFile(), json);
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
