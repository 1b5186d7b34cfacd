package com.shipdelay.validation;

import java.util.Arrays;
import java.util.LinkedHashSet;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The report-type rules from the latest deployed DMN decision {@code ReportTypeRules}, so an
 * admin's change in Modeler takes effect with the next deployment, with no release.
 *
 * <p>The table is evaluated once per report, at filing, through the engine's public decision
 * service: each evaluation is in Cockpit's decision history, and the answer is kept on the report
 * ({@code delay_report.type_rules}). Later steps read it from there (the report module's {@code
 * FiledTypeRules}): evaluating the FEEL table was the submission path's largest CPU cost when every
 * step did it again (BENCHMARKS.md).
 */
@Component
public class TypePolicies {

  public static final String DECISION_KEY = "ReportTypeRules";

  /** The table's input and output columns, as the model names them. */
  public static final String INPUT_REPORT_TYPE = "reportType";

  public static final String OUTPUT_REGION_BOUND = "regionBound";
  public static final String OUTPUT_EVIDENCE_KINDS = "acceptedEvidenceKinds";
  public static final String OUTPUT_MAX_DELAY_DAYS = "maxDelayDays";

  private final DecisionService decisions;

  TypePolicies(ProcessEngine engine) {
    this.decisions = engine.getDecisionService();
  }

  /** Evaluates the latest deployed table for a type; the caller's transaction must be writable. */
  public TypePolicy of(ReportType type) {
    DmnDecisionResultEntries row =
        decisions
            .evaluateDecisionByKey(DECISION_KEY)
            .variables(Variables.createVariables().putValue(INPUT_REPORT_TYPE, type.name()))
            .evaluate()
            .getSingleResult();
    if (row == null) {
      throw new IllegalStateException("DMN " + DECISION_KEY + " has no rule for " + type);
    }
    LinkedHashSet<String> accepted = evidenceKinds(row.getEntry(OUTPUT_EVIDENCE_KINDS));
    Number maxDays = row.getEntry(OUTPUT_MAX_DELAY_DAYS);
    return new TypePolicy(
        Boolean.TRUE.equals(row.getEntry(OUTPUT_REGION_BOUND)), accepted, maxDays.intValue());
  }

  /** The kinds a comma-separated output entry lists, in order, blanks dropped. */
  static LinkedHashSet<String> evidenceKinds(String listed) {
    var accepted = new LinkedHashSet<String>();
    if (listed != null) {
      Arrays.stream(listed.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(accepted::add);
    }
    return accepted;
  }
}
