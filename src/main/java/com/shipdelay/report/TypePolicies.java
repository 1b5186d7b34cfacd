package com.shipdelay.report;

import java.util.Arrays;
import java.util.LinkedHashSet;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Reads the report-type rules from the latest deployed DMN decision {@code ReportTypeRules}, so an
 * admin's change in Modeler takes effect with the next deployment, with no release.
 *
 * <p>It evaluates the engine's cached latest definition with the DMN engine directly, rather than
 * through the DecisionService: these are lookups (every submission and report view makes one), not
 * decisions worth a history entry each, and they must work in read-only transactions.
 */
@Component
public class TypePolicies {

  public static final String DECISION_KEY = "ReportTypeRules";

  /** A plain DMN engine: the process engine's own one records a history entry per evaluation. */
  private static final DmnEngine LOOKUP =
      DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  private final ProcessEngine engine;

  TypePolicies(ProcessEngine engine) {
    this.engine = engine;
  }

  public TypePolicy of(ReportType type) {
    ProcessEngineConfigurationImpl config =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    DmnDecisionResultEntries row =
        config
            .getCommandExecutorTxRequired()
            .execute(
                context -> {
                  DmnDecision latest =
                      (DmnDecision)
                          context
                              .getProcessEngineConfiguration()
                              .getDeploymentCache()
                              .findDeployedLatestDecisionDefinitionByKey(DECISION_KEY);
                  return LOOKUP
                      .evaluateDecision(
                          latest, Variables.createVariables().putValue("reportType", type.name()))
                      .getSingleResult();
                });
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
