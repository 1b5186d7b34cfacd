package com.shipdelay.report;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Reads the report-type rules from the deployed DMN decision {@code ReportTypeRules}, so an admin's
 * change in Modeler takes effect with the next deployment, with no release.
 */
@Component
public class TypePolicies {

  public static final String DECISION_KEY = "ReportTypeRules";

  private final DecisionService decisions;

  TypePolicies(DecisionService decisions) {
    this.decisions = decisions;
  }

  public TypePolicy of(ReportType type) {
    DmnDecisionResultEntries row =
        decisions
            .evaluateDecisionByKey(DECISION_KEY)
            .variables(Map.of("reportType", type.name()))
            .evaluate()
            .getSingleResult();
    if (row == null) {
      throw new IllegalStateException("DMN " + DECISION_KEY + " has no rule for " + type);
    }
    String kinds = row.getEntry("acceptedEvidenceKinds");
    var accepted = new LinkedHashSet<String>();
    if (kinds != null) {
      Arrays.stream(kinds.split(","))
          .map(String::trim)
          .filter(s -> !s.isEmpty())
          .forEach(accepted::add);
    }
    Number maxDays = row.getEntry("maxDelayDays");
    return new TypePolicy(
        Boolean.TRUE.equals(row.getEntry("regionBound")), accepted, maxDays.intValue());
  }
}
