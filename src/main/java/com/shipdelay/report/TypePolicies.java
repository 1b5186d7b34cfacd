package com.shipdelay.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Reads the report-type rules from the latest deployed DMN decision {@code ReportTypeRules}, so an
 * admin's change in Modeler takes effect with the next deployment, with no release.
 *
 * <p>Where the rules decide something (a submission, an evidence check, the findings a review task
 * shows), they go through the engine's public {@link DecisionService}, so each evaluation is a
 * decision instance in the history: Cockpit shows which rule matched for which type, and when. The
 * entries go with the decision's {@code historyTimeToLive}, like the reports' own.
 *
 * <p>In a read-only transaction (a merchant viewing a report) nothing may be written, and a page
 * view decides nothing, so the same latest table is evaluated without a history entry, by a plain
 * DMN engine on the model read through the public {@link RepositoryService}.
 */
@Component
public class TypePolicies {

  public static final String DECISION_KEY = "ReportTypeRules";
  public static final String INPUT_REPORT_TYPE = "reportType";
  public static final String OUTPUT_REGION_BOUND = "regionBound";
  public static final String OUTPUT_EVIDENCE_KINDS = "acceptedEvidenceKinds";
  public static final String OUTPUT_MAX_DELAY_DAYS = "maxDelayDays";

  private static final DmnEngine VIEWS =
      DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

  private final DecisionService decisions;
  private final RepositoryService repository;

  /** The latest table parsed for views, by its decision definition id (an id never changes). */
  private final AtomicReference<Map.Entry<String, DmnDecision>> viewed = new AtomicReference<>();

  TypePolicies(DecisionService decisions, RepositoryService repository) {
    this.decisions = decisions;
    this.repository = repository;
  }

  public TypePolicy of(ReportType type) {
    VariableMap input = Variables.createVariables().putValue(INPUT_REPORT_TYPE, type.name());
    DmnDecisionRuleResult row =
        TransactionSynchronizationManager.isCurrentTransactionReadOnly()
            ? VIEWS.evaluateDecisionTable(latestForViews(), input).getSingleResult()
            : decisions.evaluateDecisionTableByKey(DECISION_KEY, input).getSingleResult();
    if (row == null) {
      throw new IllegalStateException("DMN " + DECISION_KEY + " has no rule for " + type);
    }
    Number maxDays = row.getEntry(OUTPUT_MAX_DELAY_DAYS);
    return new TypePolicy(
        Boolean.TRUE.equals(row.getEntry(OUTPUT_REGION_BOUND)),
        evidenceKinds(row.getEntry(OUTPUT_EVIDENCE_KINDS)),
        maxDays.intValue());
  }

  private DmnDecision latestForViews() {
    DecisionDefinition latest =
        repository
            .createDecisionDefinitionQuery()
            .decisionDefinitionKey(DECISION_KEY)
            .withoutTenantId()
            .latestVersion()
            .singleResult();
    if (latest == null) {
      throw new IllegalStateException("DMN " + DECISION_KEY + " is not deployed");
    }
    Map.Entry<String, DmnDecision> cached = viewed.get();
    if (cached != null && cached.getKey().equals(latest.getId())) {
      return cached.getValue();
    }
    DmnDecision parsed;
    try (InputStream xml = repository.getDecisionModel(latest.getId())) {
      parsed = VIEWS.parseDecision(DECISION_KEY, xml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    viewed.set(Map.entry(latest.getId(), parsed));
    return parsed;
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
