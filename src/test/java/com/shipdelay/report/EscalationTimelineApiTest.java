package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The escalation path as the merchant and the review lead see it: REST for the merchant, {@code
 * /engine-rest} (what Tasklist uses) for the reviewers, the 48-hour timer fired explicitly.
 */
@IntegrationTest
class EscalationTimelineApiTest {

  static final String REVIEWER = Api.REVIEWER;
  static final String LEAD = Api.LEAD;

  @Autowired TestData data;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @LocalServerPort int port;

  private static List<String> events(JsonNode report) {
    List<String> events = new ArrayList<>();
    report.get("timeline").forEach(e -> events.add(e.get("event").asText()));
    return events;
  }

  @Test
  void escalatedReportShowsItsWholeTimelineAndTheMerchantIsTold() {
    Api api = new Api(port);
    TestData.TestMerchant merchant = data.merchant();
    String auth = Api.bearer(merchant.token());
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    var created = Filing.file(api, merchant, "MERCHANT_FACTOR", orders, "PRICING_PROOF");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().get("id").asText();
    String pi =
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
    data.runJobs(pi);
    assertThat(api.get("/api/v1/delay-reports/" + id, auth).json().get("status").asText())
        .isEqualTo("IN_REVIEW");

    management.executeJob(
        management
            .createJobQuery()
            .processInstanceId(pi)
            .activityId("BoundaryEvent_ReviewOverdue")
            .singleResult()
            .getId());

    JsonNode escalated = api.get("/api/v1/delay-reports/" + id, auth).json();
    assertThat(escalated.get("status").asText()).isEqualTo("ESCALATED");
    assertThat(events(escalated))
        .containsExactly("SUBMITTED", "VALIDATED", "EVIDENCE_COLLECTED", "IN_REVIEW", "ESCALATED");
    var listed = api.get("/api/v1/delay-reports?status=ESCALATED", auth).json();
    assertThat(listed.get("items").findValuesAsText("id")).containsExactly(id);

    // the lead, not the reviewer, has the task now, and its form loads
    String taskId = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();
    assertThat(api.get("/engine-rest/task?processInstanceId=" + pi, REVIEWER).json()).isEmpty();
    assertThat(
            api.get("/engine-rest/task?processInstanceId=" + pi, LEAD)
                .json()
                .findValuesAsText("id"))
        .containsExactly(taskId);
    var form = api.get("/engine-rest/task/" + taskId + "/deployed-form", LEAD);
    assertThat(form.status()).as(form.text()).isEqualTo(200);
    assertThat(form.text()).contains("Form_ReviewReport");

    var done =
        api.postJson(
            "/engine-rest/task/" + taskId + "/complete",
            LEAD,
            "{\"variables\":{\"decision\":{\"value\":\"APPROVE\",\"type\":\"String\"},"
                + "\"comment\":{\"value\":\"组长复核通过\",\"type\":\"String\"}}}");
    assertThat(done.status()).as(done.text()).isEqualTo(204);
    data.runJobs(pi);

    JsonNode report = api.get("/api/v1/delay-reports/" + id, auth).json();
    assertThat(report.get("status").asText()).isEqualTo("APPROVED");
    assertThat(report.get("decision").asText()).isEqualTo("APPROVE");
    assertThat(events(report))
        .containsExactly(
            "SUBMITTED",
            "VALIDATED",
            "EVIDENCE_COLLECTED",
            "IN_REVIEW",
            "ESCALATED",
            "APPROVED",
            "ORDERS_EXEMPTED");
    Instant previous = Instant.parse(created.json().get("createdAt").asText());
    for (JsonNode entry : report.get("timeline")) {
      Instant at = Instant.parse(entry.get("at").asText());
      assertThat(at).as(entry.toString()).isAfterOrEqualTo(previous);
      assertThat(entry.get("detail").asText()).as(entry.toString()).isNotBlank();
      previous = at;
    }
    assertThat(Instant.parse(report.get("decidedAt").asText()))
        .isAfterOrEqualTo(Instant.parse(report.get("timeline").get(4).get("at").asText()));

    JsonNode inbox = api.get("/api/v1/notifications", auth).json();
    assertThat(inbox.get("items").findValuesAsText("type"))
        .containsExactly("REPORT_APPROVED", "REVIEW_DELAYED");
    assertThat(inbox.get("items").findValuesAsText("reportId")).containsOnly(id);
    assertThat(inbox.get("items").get(1).get("message").asText()).contains(id);
    assertThat(inbox.get("total").asInt()).isEqualTo(2);
  }
}
