package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The slice through REST, the engine's TaskService and PostgreSQL. */
@IntegrationTest
class DelayReportApiTest {

  @Autowired TestData data;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @LocalServerPort int port;

  Api api;
  TestData.TestMerchant merchant;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    merchant = data.merchant();
  }

  private static String report(String type, List<String> orders) {
    return """
        {"type":"%s","delayUntil":"%s","reason":"快递停止揽收","remark":"备注",
         "orderIds":[%s]}"""
        .formatted(
            type,
            Instant.now().plus(Duration.ofDays(3)),
            String.join(",", orders.stream().map(o -> '"' + o + '"').toList()));
  }

  private Api.Response submit(List<String> orders) {
    return Filing.file(api, merchant, report("SPECIAL_ORDER", orders), "FORCE_MAJEURE_PROOF");
  }

  private Task reviewTask(String reportId) {
    String pi =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(reportId)
            .singleResult()
            .getId();
    data.runJobs(pi);
    return tasks.createTaskQuery().processInstanceId(pi).singleResult();
  }

  @Test
  void approvedReportExemptsItsOrdersAndShowsTheDecision() {
    List<String> orders = data.pendingOrders(merchant, 5, "610113");
    var created = submit(orders);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("status").asText()).isEqualTo("SUBMITTED");
    assertThat(created.json().get("orderCount").asInt()).isEqualTo(5);
    assertThat(created.json().get("excludedOrders")).isEmpty();
    String id = created.json().get("id").asText();

    Task task = reviewTask(id);
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_ReviewReport");
    assertThat(
            api.get("/api/v1/delay-reports/" + id, Api.bearer(merchant.token()))
                .json()
                .get("status")
                .asText())
        .isEqualTo("IN_REVIEW");

    tasks.complete(task.getId(), java.util.Map.of("decision", "APPROVE", "comment", "同意"));
    data.runJobs(task.getProcessInstanceId());

    var detail = api.get("/api/v1/delay-reports/" + id, Api.bearer(merchant.token())).json();
    assertThat(detail.get("status").asText()).isEqualTo("APPROVED");
    assertThat(detail.get("decision").asText()).isEqualTo("APPROVE");
    assertThat(detail.get("decisionComment").asText()).isEqualTo("同意");
    assertThat(detail.get("decidedAt").isNull()).isFalse();
    assertThat(detail.get("timeline").findValuesAsText("event"))
        .containsExactly(
            "SUBMITTED",
            "VALIDATED",
            "EVIDENCE_COLLECTED",
            "IN_REVIEW",
            "APPROVED",
            "ORDERS_EXEMPTED");
    assertThat(detail.get("evidence").get(0).get("kind").asText()).isEqualTo("FORCE_MAJEURE_PROOF");
    assertThat(detail.get("evidence").get(0).get("contentType").asText())
        .isEqualTo("application/pdf");
    orders.forEach(o -> assertThat(data.exemptReportId(o)).isEqualTo(Long.parseLong(id)));
  }

  @Test
  void rejectedReportLeavesOrdersCountedAndShowsTheComment() {
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    String id = submit(orders).json().get("id").asText();
    Task task = reviewTask(id);

    tasks.complete(task.getId(), java.util.Map.of("decision", "REJECT", "comment", "凭证与订单不符"));
    data.runJobs(task.getProcessInstanceId());

    var detail = api.get("/api/v1/delay-reports/" + id, Api.bearer(merchant.token())).json();
    assertThat(detail.get("status").asText()).isEqualTo("REJECTED");
    assertThat(detail.get("decision").asText()).isEqualTo("REJECT");
    assertThat(detail.get("decisionComment").asText()).isEqualTo("凭证与订单不符");
    orders.forEach(o -> assertThat(data.exemptReportId(o)).isNull());
    // a rejected report frees its orders for a new one
    assertThat(submit(orders).status()).isEqualTo(201);
  }

  @Test
  void leftOutOrdersAreListedWithTheirReasons() {
    List<String> pending = data.pendingOrders(merchant, 1, "610113");
    List<String> shipped =
        data.orders(merchant, 1, "610113", Instant.now().plus(Duration.ofDays(1)), "SHIPPED");
    List<String> foreign = data.pendingOrders(data.merchant(), 1, "610113");

    var created = submit(List.of(pending.get(0), shipped.get(0), foreign.get(0), "999999999999"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("orderCount").asInt()).isEqualTo(1);
    var excluded = created.json().get("excludedOrders");
    assertThat(excluded.findValuesAsText("orderId"))
        .containsExactly(shipped.get(0), foreign.get(0), "999999999999");
    assertThat(excluded.findValuesAsText("reason"))
        .containsExactly("NOT_PENDING_SHIPMENT", "NOT_FOUND", "NOT_FOUND");
  }

  @Test
  void anOrderInAPendingReportCannotBeReportedAgain() {
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    assertThat(submit(orders.subList(0, 1)).status()).isEqualTo(201);

    var second = submit(orders);

    assertThat(second.status()).isEqualTo(201);
    assertThat(second.json().get("excludedOrders").get(0).get("reason").asText())
        .isEqualTo("ALREADY_REPORTED");
    assertThat(second.json().get("orderCount").asInt()).isEqualTo(1);
  }

  @Test
  void reportWithNoEligibleOrderIsRefusedAndLeavesNothing() {
    List<String> shipped =
        data.orders(merchant, 2, "610113", Instant.now().plus(Duration.ofDays(1)), "SHIPPED");
    long reportsBefore =
        data.count("select count(*) from delay_report where merchant_id = ?", merchant.id());
    long instancesBefore = runtime.createProcessInstanceQuery().count();

    var refused = submit(shipped);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().get("code").asText()).isEqualTo("NO_ELIGIBLE_ORDERS");
    assertThat(refused.json().get("errors").findValuesAsText("orderId"))
        .containsExactlyElementsOf(shipped);
    assertThat(data.count("select count(*) from delay_report where merchant_id = ?", merchant.id()))
        .isEqualTo(reportsBefore);
    assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
  }

  @Test
  void unknownTypeIsRefusedWithItsCode() {
    var refused =
        api.postJson(
            "/api/v1/delay-reports",
            Api.bearer(merchant.token()),
            report("ALIENS", data.pendingOrders(merchant, 1, "610113")));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get("code").asText()).isEqualTo("INVALID_TYPE");
  }

  @Test
  void missingOrWrongTokenAnswers401() {
    var none = api.get("/api/v1/delay-reports/1", null);
    var wrong = api.get("/api/v1/delay-reports/1", Api.bearer("sdm_not_a_real_token"));

    assertThat(none.status()).isEqualTo(401);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.contentType()).startsWith("application/problem+json");
    assertThat(wrong.json().get("code").asText()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void anotherMerchantsReportIsNotFound() {
    String id = submit(data.pendingOrders(merchant, 1, "610113")).json().get("id").asText();
    var other = data.merchant();

    var response = api.get("/api/v1/delay-reports/" + id, Api.bearer(other.token()));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(response.text()).doesNotContain("SPECIAL_ORDER");
  }

  @Test
  void malformedBodyAnswers400ProblemWithoutStackTrace() {
    var response =
        api.postJson(
            "/api/v1/delay-reports", Api.bearer(merchant.token()), "{\"type\": \"EPIDEMIC\", ");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("code").asText()).isEqualTo("MALFORMED_REQUEST");
    assertThat(response.text()).doesNotContain("Exception").doesNotContain("at com.");
  }

  @Test
  void orderNumbersSentAsJsonNumbersAreRefused() {
    String order = data.pendingOrders(merchant, 1, "610113").get(0);
    String body = report("SPECIAL_ORDER", List.of(order)).replace('"' + order + '"', order);

    var response = api.postJson("/api/v1/delay-reports", Api.bearer(merchant.token()), body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("code").asText()).isEqualTo("MALFORMED_REQUEST");
  }

  @Test
  void evidenceArrivingAfterTheDeadlineIsRefusedRatherThanLostToTheExpiry() {
    String order = data.pendingOrders(merchant, 1, "610113").get(0);
    String id =
        api.postJson(
                "/api/v1/delay-reports",
                Api.bearer(merchant.token()),
                report("SPECIAL_ORDER", List.of(order)))
            .json()
            .get("id")
            .asText();
    String pi =
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
    data.runJobs(pi);
    assertThat(
            api.get("/api/v1/delay-reports/" + id, Api.bearer(merchant.token()))
                .json()
                .get("status")
                .asText())
        .isEqualTo("AWAITING_EVIDENCE");
    data.count(
        "with u as (update delay_report set evidence_due_at = now() - interval '1 minute' where id = ? returning 1) select count(*) from u",
        Long.parseLong(id));

    var late =
        api.multipart(
            "/api/v1/delay-reports/" + id + "/evidence",
            Api.bearer(merchant.token()),
            List.of(
                Api.Part.file("evidence", "late.pdf", "application/pdf", Filing.PDF),
                Api.Part.json("evidenceKinds", "[\"BUYER_AGREEMENT\"]")));

    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().get("code").asText()).isEqualTo("EVIDENCE_DEADLINE_PASSED");
    assertThat(data.count("select count(*) from evidence where report_id = ?", Long.parseLong(id)))
        .isZero();
  }
}
