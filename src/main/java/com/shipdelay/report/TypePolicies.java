package com.shipdelay.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.LinkedHashSet;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The report-type rules from the latest deployed DMN decision {@code ReportTypeRules}, so an
 * admin's change in Modeler takes effect with the next deployment, with no release.
 *
 * <p>The table is evaluated once per report, at filing, through the engine's public decision
 * service: each evaluation is in Cockpit's decision history, and the answer is kept on the report
 * ({@code delay_report.type_rules}). Later steps read it from there ({@link #of(Reports.Row)}):
 * evaluating the FEEL table was the submission path's largest CPU cost when every step did it again
 * (BENCHMARKS.md).
 */
@Component
public class TypePolicies {

  private static final Logger log = LoggerFactory.getLogger(TypePolicies.class);

  public static final String DECISION_KEY = "ReportTypeRules";

  /** The table's input and output columns, as the model names them. */
  public static final String INPUT_REPORT_TYPE = "reportType";

  public static final String OUTPUT_REGION_BOUND = "regionBound";
  public static final String OUTPUT_EVIDENCE_KINDS = "acceptedEvidenceKinds";
  public static final String OUTPUT_MAX_DELAY_DAYS = "maxDelayDays";

  private final DecisionService decisions;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final TransactionTemplate separately;

  TypePolicies(
      ProcessEngine engine,
      JdbcClient jdbc,
      ObjectMapper json,
      PlatformTransactionManager transactions) {
    this.decisions = engine.getDecisionService();
    this.jdbc = jdbc;
    this.json = json;
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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

  /**
   * The rules the report was filed under. A report filed by a node without the column (a rolling
   * upgrade) has none yet: it is evaluated in a transaction of its own, since readers run read-only
   * and the evaluation writes its history entry.
   */
  TypePolicy of(Reports.Row report) {
    if (report.typeRules() != null) {
      return report.typeRules();
    }
    return separately.execute(status -> of(report.type()));
  }

  String toJson(TypePolicy policy) {
    try {
      return json.writeValueAsString(policy);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Fills the rules of reports filed before they were kept: one evaluation per type, one set-based
   * update each. Idempotent, so two nodes starting together do no harm.
   */
  @EventListener(PostDeployEvent.class)
  void fillMissing() {
    var types =
        jdbc.sql("select distinct type from delay_report where type_rules is null")
            .query(String.class)
            .list();
    for (String type : types) {
      int filled =
          separately.execute(
              status ->
                  jdbc.sql(
                          "update delay_report set type_rules = ?::jsonb"
                              + " where type = ? and type_rules is null")
                      .params(toJson(of(ReportType.valueOf(type))), type)
                      .update());
      log.info("Recorded the {} type rules on {} earlier reports", type, filled);
    }
  }
}
