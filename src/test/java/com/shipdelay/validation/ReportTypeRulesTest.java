package com.shipdelay.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.report.ReportLifecycle;
import com.shipdelay.support.Api;
import com.shipdelay.support.ChangesSharedWorld;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The deployed DMN table is the source of the type rules; an admin's change needs no release. */
@IntegrationTest
@ChangesSharedWorld
class ReportTypeRulesTest {

  @Autowired TypePolicies policies;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;
  @Autowired ReportLifecycle lifecycle;
  @Autowired JdbcClient jdbc;
  @Autowired TestData data;
  @LocalServerPort int port;

  @ParameterizedTest(name = "{0}: regionBound={1}, evidence={2}, max {3} days")
  @CsvSource({
    "LARGE_CONFERENCE,   true,  COURIER_NOTICE,                     7",
    "MAJOR_SPORTS_EVENT, true,  COURIER_NOTICE,                     7",
    "NATURAL_DISASTER,   true,  COURIER_NOTICE|OFFICIAL_NOTICE,     15",
    "EPIDEMIC,           true,  COURIER_NOTICE|OFFICIAL_NOTICE,     15",
    "MERCHANT_FACTOR,    false, PRICING_PROOF,                      7",
    "SPECIAL_ORDER,      false, BUYER_AGREEMENT|FORCE_MAJEURE_PROOF, 30",
    "DUAL_ADDRESS,       false, NEGOTIATION_RECORD,                 7"
  })
  void deployedTableGivesTheDesignDefaultsForEachType(
      ReportType type, boolean regionBound, String kinds, int maxDelayDays) {
    TypePolicy policy = policies.of(type);

    assertThat(policy.regionBound()).isEqualTo(regionBound);
    assertThat(policy.acceptedEvidenceKinds())
        .containsExactlyInAnyOrderElementsOf(Arrays.asList(kinds.split("\\|")));
    assertThat(policy.maxDelayDays()).isEqualTo(maxDelayDays);
  }

  /** Through the engine's decision service: each evaluation is in the history Cockpit shows. */
  @Test
  void eachEvaluationLeavesADecisionInstanceInTheHistory() {
    long before = evaluations();

    policies.of(ReportType.DUAL_ADDRESS);

    assertThat(evaluations()).isEqualTo(before + 1);
    HistoricDecisionInstance latest =
        history
            .createHistoricDecisionInstanceQuery()
            .decisionDefinitionKey(TypePolicies.DECISION_KEY)
            .includeInputs()
            .includeOutputs()
            .orderByEvaluationTime()
            .desc()
            .listPage(0, 10)
            .stream()
            .filter(d -> "DUAL_ADDRESS".equals(d.getInputs().get(0).getValue()))
            .findFirst()
            .orElseThrow();
    assertThat(latest.getActivityId()).isNull(); // evaluated by the application, not by a task
    assertThat(latest.getRemovalTime()).as("removed with the decision's TTL").isNotNull();
    assertThat(latest.getOutputs())
        .extracting(HistoricDecisionOutputInstance::getVariableName)
        .containsExactlyInAnyOrder(
            TypePolicies.OUTPUT_REGION_BOUND,
            TypePolicies.OUTPUT_EVIDENCE_KINDS,
            TypePolicies.OUTPUT_MAX_DELAY_DAYS);
    assertThat(latest.getOutputs())
        .filteredOn(o -> o.getVariableName().equals(TypePolicies.OUTPUT_EVIDENCE_KINDS))
        .extracting(HistoricDecisionOutputInstance::getValue)
        .containsExactly("NEGOTIATION_RECORD");
  }

  private long evaluations() {
    return history
        .createHistoricDecisionInstanceQuery()
        .decisionDefinitionKey(TypePolicies.DECISION_KEY)
        .count();
  }

  @Test
  void everyReportTypeHasARule() {
    for (ReportType type : ReportType.values()) {
      assertThat(policies.of(type).maxDelayDays()).as(type.name()).isPositive();
    }
  }

  /** A SPECIAL_ORDER delayed 5 days past its promise: allowed by 30 days, refused by 2. */
  @Test
  void changingTheDeployedTableChangesTheRulesWithoutARelease() throws Exception {
    Api api = new Api(port);
    TestData.TestMerchant merchant = data.merchant();
    List<String> orders = data.pendingOrders(merchant, 1, "610113"); // promised in 1 day
    String fiveDaysLate = Filing.body("SPECIAL_ORDER", orders, Duration.ofDays(6), List.of());

    String original = Files.readString(Path.of("bpmn/ReportTypeRules.dmn"));
    String thirty =
        "<outputEntry id=\"OutputEntry_SPECIAL_ORDER_MaxDelay\"><text>30</text></outputEntry>";
    assertThat(original).contains(thirty);
    String edited =
        original.replace(
            thirty,
            "<outputEntry id=\"OutputEntry_SPECIAL_ORDER_MaxDelay\"><text>2</text></outputEntry>");

    Deployment deployment =
        repository
            .createDeployment()
            .name("admin edit: SPECIAL_ORDER max delay 2 days")
            .addString("ReportTypeRules.dmn", edited)
            .deploy();
    try {
      assertThat(policies.of(ReportType.SPECIAL_ORDER).maxDelayDays()).isEqualTo(2);
      assertThat(policies.of(ReportType.NATURAL_DISASTER).maxDelayDays()).isEqualTo(15);

      var refused = Filing.file(api, merchant, fiveDaysLate, "BUYER_AGREEMENT");
      assertThat(refused.status()).as(refused.text()).isEqualTo(422);
      assertThat(refused.json().get("code").asText()).isEqualTo("NO_ELIGIBLE_ORDERS");
      assertThat(refused.json().get("errors").get(0).get("orderId").asText())
          .isEqualTo(orders.get(0));
      assertThat(refused.json().get("errors").get(0).get("reason").asText())
          .isEqualTo("DELAY_TOO_LONG");
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }

    assertThat(policies.of(ReportType.SPECIAL_ORDER).maxDelayDays()).isEqualTo(30);
    var accepted = Filing.file(api, merchant, fiveDaysLate, "BUYER_AGREEMENT");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(201);
    assertThat(accepted.json().get("orderCount").asInt()).isEqualTo(1);
  }

  /**
   * The table is evaluated once per filing, through the engine's decision service (so Cockpit's
   * decision history lists it), and the report keeps what it said: an admin's later change applies
   * to reports filed after it, not to one already under way.
   */
  @Test
  void aFilingEvaluatesTheTableOnceAndTheReportKeepsItsRules() throws Exception {
    Api api = new Api(port);
    TestData.TestMerchant merchant = data.merchant();
    List<String> orders = data.pendingOrders(merchant, 1, "610113");
    long evaluationsBefore =
        history
            .createHistoricDecisionInstanceQuery()
            .decisionDefinitionKey(TypePolicies.DECISION_KEY)
            .count();

    var filed =
        Filing.file(
            api,
            merchant,
            Filing.body("SPECIAL_ORDER", orders, Duration.ofDays(2), List.of()),
            "BUYER_AGREEMENT");
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    long reportId = filed.json().get("id").asLong();
    assertThat(
            history
                .createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey(TypePolicies.DECISION_KEY)
                .count())
        .isEqualTo(evaluationsBefore + 1);
    assertThat(
            jdbc.sql("select type_rules->>'maxDelayDays' from delay_report where id = ?")
                .param(reportId)
                .query(String.class)
                .single())
        .isEqualTo("30");

    String original = Files.readString(Path.of("bpmn/ReportTypeRules.dmn"));
    String edited =
        original.replace(
            "<outputEntry id=\"OutputEntry_SPECIAL_ORDER_Evidence\"><text>\"BUYER_AGREEMENT,FORCE_MAJEURE_PROOF\"</text></outputEntry>",
            "<outputEntry id=\"OutputEntry_SPECIAL_ORDER_Evidence\"><text>\"COURIER_NOTICE\"</text></outputEntry>");
    assertThat(edited).isNotEqualTo(original);
    Deployment deployment =
        repository.createDeployment().addString("ReportTypeRules.dmn", edited).deploy();
    try {
      assertThat(policies.of(ReportType.SPECIAL_ORDER).acceptedEvidenceKinds())
          .containsExactly("COURIER_NOTICE");
      // the report was filed with a buyer agreement, which its own rules accept
      assertThat(lifecycle.checkEvidence(reportId)).isTrue();
    } finally {
      repository.deleteDeployment(deployment.getId(), true);
    }
  }
}
