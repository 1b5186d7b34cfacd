package com.shipdelay.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.validation.ReportType;
import com.shipdelay.validation.TypePolicies;
import com.shipdelay.validation.TypePolicy;
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
 * The type rules a report was filed under, kept on the report ({@code delay_report.type_rules}).
 * The table itself is evaluated by {@link TypePolicies}; this side stays here because report owns
 * the column it is kept in.
 */
@Component
class FiledTypeRules {

  private static final Logger log = LoggerFactory.getLogger(FiledTypeRules.class);

  private final TypePolicies policies;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final TransactionTemplate separately;

  FiledTypeRules(
      TypePolicies policies,
      JdbcClient jdbc,
      ObjectMapper json,
      PlatformTransactionManager transactions) {
    this.policies = policies;
    this.jdbc = jdbc;
    this.json = json;
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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
    return separately.execute(status -> policies.of(report.type()));
  }

  private String toJson(TypePolicy policy) {
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
                      .params(toJson(policies.of(ReportType.valueOf(type))), type)
                      .update());
      log.info("Recorded the {} type rules on {} earlier reports", type, filled);
    }
  }
}
