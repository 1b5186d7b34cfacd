package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The deployed DMN table is the source of the type rules; an admin's change needs no release. */
@IntegrationTest
class ReportTypeRulesTest {

  @Autowired TypePolicies policies;
  @Autowired RepositoryService repository;
  @Autowired HistoryService history;
  @Autowired PlatformTransactionManager transactions;
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

  /** A merchant's report view reads the rules in a read-only transaction: no entry, same rules. */
  @Test
  void aReadOnlyTransactionReadsTheSameRulesWithoutAHistoryEntry() {
    long before = evaluations();

    TypePolicy viewed = readOnly(ReportType.NATURAL_DISASTER);

    assertThat(viewed).isEqualTo(policies.of(ReportType.NATURAL_DISASTER));
    assertThat(viewed.acceptedEvidenceKinds()).containsExactly("COURIER_NOTICE", "OFFICIAL_NOTICE");
    assertThat(evaluations()).as("only the writing evaluation is recorded").isEqualTo(before + 1);
  }

  private TypePolicy readOnly(ReportType type) {
    var template = new TransactionTemplate(transactions);
    template.setReadOnly(true);
    return template.execute(tx -> policies.of(type));
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
      assertThat(readOnly(ReportType.SPECIAL_ORDER).maxDelayDays()).isEqualTo(2);
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
    assertThat(readOnly(ReportType.SPECIAL_ORDER).maxDelayDays()).isEqualTo(30);
    var accepted = Filing.file(api, merchant, fiveDaysLate, "BUYER_AGREEMENT");
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(201);
    assertThat(accepted.json().get("orderCount").asInt()).isEqualTo(1);
  }
}
