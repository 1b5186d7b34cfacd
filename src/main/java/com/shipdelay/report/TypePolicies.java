package com.shipdelay.report;

import java.util.Arrays;
import java.util.LinkedHashSet;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Reads the report-type rules from the latest deployed DMN decision {@code ReportTypeRules}, so an
 * admin's change in Modeler takes effect with the next deployment, with no release.
 *
 * <p>It goes through the engine's public {@link DecisionService}, so each evaluation is a decision
 * instance in the history (Cockpit shows which rule matched for which type, and when). The history
 * entry is written in the caller's transaction: call it from a writing transaction (every caller
 * does: a submission, an evidence check, a review task's form), never from a read-only one. The
 * entries go with the decision's {@code historyTimeToLive} like the reports' own.
 */
@Component
public class TypePolicies {

  public static final String DECISION_KEY = "ReportTypeRules";
  public static final String INPUT_REPORT_TYPE = "reportType";
  public static final String OUTPUT_REGION_BOUND = "regionBound";
  public static final String OUTPUT_EVIDENCE_KINDS = "acceptedEvidenceKinds";
  public static final String OUTPUT_MAX_DELAY_DAYS = "maxDelayDays";

  private final DecisionService decisions;

  TypePolicies(DecisionService decisions) {
    this.decisions = decisions;
  }

  public TypePolicy of(ReportType type) {
    DmnDecisionRuleResult row =
        decisions
            .evaluateDecisionTableByKey(
                DECISION_KEY, Variables.createVariables().putValue(INPUT_REPORT_TYPE, type.name()))
            .getSingleResult();
    if (row == null) {
      throw new IllegalStateException("DMN " + DECISION_KEY + " has no rule for " + type);
    }
    Number maxDays = row.getEntry(OUTPUT_MAX_DELAY_DAYS);
    return new TypePolicy(
        Boolean.TRUE.equals(row.getEntry(OUTPUT_REGION_BOUND)),
        evidenceKinds(row.getEntry(OUTPUT_EVIDENCE_KINDS)),
        maxDays.intValue());
  }

  /** The table lists the accepted kinds as one comma-separated string, e.g. "A,B". */
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
