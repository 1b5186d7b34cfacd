package com.shipdelay.workflow;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.shipdelay.review.ReviewForm;
import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of the review process on the full stack: the real delegates, engine and database, the
 * merchant acting through REST, reviewers completing tasks, every job and timer fired explicitly.
 * The paths themselves are also proved on the model alone, in milliseconds ({@link
 * DelayReportModelTest}); this class keeps what only the whole application shows: report statuses,
 * deadlines, exemptions, notifications, the review form and the completion rules.
 */
@IntegrationTest
class ReviewPathsProcessTest {

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TestData data;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  Api api;
  TestData.TestMerchant merchant;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    api = new Api(port);
    merchant = data.merchant();
  }

  private ProcessInstance file(List<String> orders, String... kinds) {
    var response = Filing.file(api, merchant, "MERCHANT_FACTOR", orders, kinds);
    Assertions.assertThat(response.status()).as(response.text()).isEqualTo(201);
    return runtime
        .createProcessInstanceQuery()
        .processInstanceBusinessKey(response.json().get("id").asText())
        .singleResult();
  }

  /** Files a complete report and runs validation and the evidence check: a reviewer has it. */
  private ProcessInstance inReview(List<String> orders) {
    ProcessInstance pi = file(orders, "PRICING_PROOF");
    assertThat(pi).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.TASK_REVIEW);
    Assertions.assertThat(status(pi)).isEqualTo("IN_REVIEW");
    return pi;
  }

  private static long reportId(ProcessInstance pi) {
    return Long.parseLong(pi.getBusinessKey());
  }

  private String status(ProcessInstance pi) {
    return jdbc.sql("select status from delay_report where id = ?")
        .param(reportId(pi))
        .query(String.class)
        .single();
  }

  private Instant reviewDueAt(ProcessInstance pi) {
    return jdbc.sql("select review_due_at from delay_report where id = ?")
        .param(reportId(pi))
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  private List<String> notificationTypes(ProcessInstance pi) {
    return jdbc.sql("select type from notification where report_id = ? order by id")
        .param(reportId(pi))
        .query(String.class)
        .list();
  }

  private long activeClaims(ProcessInstance pi) {
    return data.count(
        "select count(*) from report_order where report_id = ? and active", reportId(pi));
  }

  private Api.Response supplement(ProcessInstance pi, String kind) {
    return api.multipart(
        "/api/v1/delay-reports/" + pi.getBusinessKey() + "/evidence",
        Api.bearer(merchant.token()),
        List.of(
            Api.Part.file("evidence", "补充凭证.pdf", "application/pdf", Filing.PDF),
            Api.Part.json("evidenceKinds", "[\"" + kind + "\"]")));
  }

  private Api.Response withdraw(ProcessInstance pi) {
    return api.post(
        "/api/v1/delay-reports/" + pi.getBusinessKey() + "/withdraw", Api.bearer(merchant.token()));
  }

  @Test
  void approvalExemptsTheOrdersAfterTheAsyncTaskAndTellsTheMerchant() throws Exception {
    List<String> orders = data.pendingOrders(merchant, 3, "610113");
    ProcessInstance pi = file(orders, "PRICING_PROOF");
    // validation ran in the filing's transaction: the first job is the evidence check
    assertThat(pi).isStarted().hasPassed(ProcessIds.TASK_VALIDATE);
    assertThat(pi).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count())
        .isOne();
    // the report is the business key alone: only the validation's flag is a variable
    Assertions.assertThat(runtime.getVariables(pi.getId())).containsOnlyKeys(ProcessIds.VALID);
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.TASK_REVIEW);
    Assertions.assertThat(status(pi)).isEqualTo("IN_REVIEW");
    assertThat(task()).hasCandidateGroup("reviewers");
    Assertions.assertThat(task().getDueDate()).isNotNull();
    try (var form = engine.getFormService().getDeployedTaskForm(task().getId())) {
      Assertions.assertThat(new String(form.readAllBytes(), StandardCharsets.UTF_8))
          .contains("\"id\": \"Form_ReviewReport\"");
    }
    Assertions.assertThat(engine.getTaskService().getVariablesLocal(task().getId()))
        .containsEntry("reportType", "MERCHANT_FACTOR")
        .containsEntry("orderCount", 3)
        .containsEntry("reportId", reportId(pi));
    Assertions.assertThat(task().getName())
        .startsWith("报备 #" + pi.getBusinessKey() + " · ")
        .contains("商家因素")
        .contains("3 单");

    complete(task(), withVariables("decision", "APPROVE", "comment", "证据充分"));
    Assertions.assertThat(status(pi)).isEqualTo("APPROVED");
    assertThat(pi).isWaitingAt(ProcessIds.TASK_EXEMPT);
    Assertions.assertThat(data.exemptReportId(orders.get(0))).isNull();
    execute(job());

    assertThat(pi).isEnded().hasPassed("EndEvent_ReportApproved");
    orders.forEach(o -> Assertions.assertThat(data.exemptReportId(o)).isEqualTo(reportId(pi)));
    Assertions.assertThat(notificationTypes(pi)).containsExactly("REPORT_APPROVED");
  }

  @Test
  void rejectionReleasesTheOrdersAndTellsTheMerchantWhy() {
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    ProcessInstance pi = inReview(orders);

    complete(task(), withVariables("decision", "REJECT", "comment", "价格证明与订单不符"));

    assertThat(pi)
        .isEnded()
        .hasPassed("EndEvent_ReportRejected")
        .hasNotPassed(ProcessIds.TASK_EXEMPT);
    Assertions.assertThat(status(pi)).isEqualTo("REJECTED");
    Assertions.assertThat(activeClaims(pi)).isZero();
    orders.forEach(o -> Assertions.assertThat(data.exemptReportId(o)).isNull());
    Assertions.assertThat(notificationTypes(pi)).containsExactly("REPORT_REJECTED");
  }

  /** The form's copy of the report lives on the task only; the decision is kept in history. */
  @Test
  void theFormsCopyOfTheReportIsOnTheTaskAndNotInHistoryTheDecisionIs() {
    ProcessInstance pi = inReview(data.pendingOrders(merchant, 2, "610113"));
    var task = task();
    Assertions.assertThat(engine.getTaskService().getVariablesLocal(task.getId()).keySet())
        .as("ReviewForm.VARIABLES names exactly what the form sets")
        .containsExactlyInAnyOrderElementsOf(ReviewForm.VARIABLES);

    complete(task, withVariables("decision", "REJECT", "comment", "价格证明与订单不符"));

    var history = engine.getHistoryService();
    Assertions.assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId())
                .taskIdIn(task.getId())
                .count())
        .isZero();
    Assertions.assertThat(
            history.createHistoricDetailQuery().processInstanceId(pi.getId()).list().stream()
                .filter(d -> task.getId().equals(d.getTaskId())))
        .isEmpty();
    Assertions.assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId())
                .variableName("decision")
                .singleResult()
                .getValue())
        .isEqualTo("REJECT");
    // the rest of the history is written as before: the task, and the comment beside the decision
    Assertions.assertThat(
            history.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult())
        .isNotNull();
    Assertions.assertThat(
            history
                .createHistoricVariableInstanceQuery()
                .processInstanceId(pi.getId())
                .variableName("comment")
                .count())
        .isEqualTo(1);
  }

  @Test
  void requestedEvidenceSuppliedThroughRestReturnsToReviewWithAFreshDeadline() {
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    ProcessInstance pi = inReview(orders);
    Instant firstDeadline = reviewDueAt(pi);
    Assertions.assertThat(task().getDueDate().toInstant())
        .isEqualTo(firstDeadline.truncatedTo(ChronoUnit.MILLIS));

    complete(task(), withVariables("decision", "REQUEST_EVIDENCE", "comment", "请补充改价记录截图"));
    Assertions.assertThat(status(pi)).isEqualTo("AWAITING_EVIDENCE");
    assertThat(pi).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.AWAIT_EVIDENCE);
    Assertions.assertThat(status(pi)).isEqualTo("AWAITING_EVIDENCE");
    Assertions.assertThat(notificationTypes(pi)).containsExactly("EVIDENCE_REQUESTED");

    var supplied = supplement(pi, "PRICING_PROOF");
    Assertions.assertThat(supplied.status()).as(supplied.text()).isEqualTo(200);

    assertThat(pi).hasPassed("IntermediateEvent_EvidenceSupplied");
    assertThat(pi).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.TASK_REVIEW);
    Assertions.assertThat(status(pi)).isEqualTo("IN_REVIEW");
    Instant newDeadline = reviewDueAt(pi);
    Assertions.assertThat(newDeadline).isAfter(firstDeadline);
    Assertions.assertThat(task().getDueDate().toInstant())
        .isEqualTo(newDeadline.truncatedTo(ChronoUnit.MILLIS));
    Assertions.assertThat(job(ProcessIds.TIMER_REVIEW_OVERDUE).getDuedate().toInstant())
        .isEqualTo(newDeadline.truncatedTo(ChronoUnit.MILLIS));

    complete(task(), withVariables("decision", "APPROVE", "comment", "补充材料充分"));
    execute(job());
    assertThat(pi).isEnded().hasPassed("EndEvent_ReportApproved");
    orders.forEach(o -> Assertions.assertThat(data.exemptReportId(o)).isEqualTo(reportId(pi)));
  }

  @Test
  void missingEvidenceThatNeverComesExpiresTheReportAndReleasesItsOrders() {
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    ProcessInstance pi = file(orders); // MERCHANT_FACTOR needs PRICING_PROOF; none is filed

    assertThat(pi).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.AWAIT_EVIDENCE);
    Assertions.assertThat(status(pi)).isEqualTo("AWAITING_EVIDENCE");
    Assertions.assertThat(notificationTypes(pi)).containsExactly("EVIDENCE_REQUESTED");
    Assertions.assertThat(activeClaims(pi)).isEqualTo(2);

    Instant evidenceDue =
        jdbc.sql("select evidence_due_at from delay_report where id = ?")
            .param(reportId(pi))
            .query(Timestamp.class)
            .single()
            .toInstant();
    Assertions.assertThat(evidenceDue)
        .isBetween(
            Instant.now().plus(71, ChronoUnit.HOURS), Instant.now().plus(72, ChronoUnit.HOURS));
    Assertions.assertThat(job(ProcessIds.TIMER_EVIDENCE_EXPIRED).getDuedate().toInstant())
        .isEqualTo(evidenceDue.truncatedTo(ChronoUnit.MILLIS));

    execute(job(ProcessIds.TIMER_EVIDENCE_EXPIRED));
    assertThat(pi).isWaitingAt(ProcessIds.TASK_EXPIRE);
    execute(job());

    assertThat(pi)
        .isEnded()
        .hasPassed("EndEvent_ReportExpired")
        .hasNotPassed(ProcessIds.TASK_REVIEW);
    Assertions.assertThat(status(pi)).isEqualTo("EXPIRED");
    Assertions.assertThat(activeClaims(pi)).isZero();
    Assertions.assertThat(notificationTypes(pi))
        .containsExactly("EVIDENCE_REQUESTED", "REPORT_EXPIRED");
    // released: the same orders can be reported again
    Assertions.assertThat(
            Filing.file(api, merchant, "MERCHANT_FACTOR", orders, "PRICING_PROOF").status())
        .isEqualTo(201);
  }

  @Test
  void supplementThatStillLacksTheRequiredKindKeepsWaitingAndTellsTheMerchantAgain() {
    List<String> orders = data.pendingOrders(merchant, 1, "610113");
    ProcessInstance pi = file(orders);
    assertThat(pi).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.AWAIT_EVIDENCE);

    var supplied = supplement(pi, "OTHER");
    Assertions.assertThat(supplied.status()).as(supplied.text()).isEqualTo(200);
    assertThat(pi).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    execute(job());

    assertThat(pi).isWaitingAt(ProcessIds.AWAIT_EVIDENCE);
    Assertions.assertThat(status(pi)).isEqualTo("AWAITING_EVIDENCE");
    Assertions.assertThat(notificationTypes(pi))
        .containsExactly("EVIDENCE_REQUESTED", "EVIDENCE_REQUESTED");
    Assertions.assertThat(
            data.count(
                "select count(*) from report_event where report_id = ? and event = 'EVIDENCE_REQUESTED'",
                reportId(pi)))
        .isEqualTo(2);
    Assertions.assertThat(job(ProcessIds.TIMER_EVIDENCE_EXPIRED)).isNotNull();
  }

  @Test
  void reviewOverdueFor48HoursEscalatesToTheLeadsWhoApprove() {
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    ProcessInstance pi = inReview(orders);

    execute(job(ProcessIds.TIMER_REVIEW_OVERDUE));

    assertThat(pi)
        .isWaitingAt(ProcessIds.TASK_ESCALATED_REVIEW)
        .isNotWaitingAt(ProcessIds.TASK_REVIEW);
    assertThat(task())
        .hasCandidateGroup("review-leads")
        .hasDefinitionKey(ProcessIds.TASK_ESCALATED_REVIEW);
    Assertions.assertThat(task().getPriority()).isEqualTo(80);
    Assertions.assertThat(task().getDueDate().toInstant())
        .isEqualTo(reviewDueAt(pi).truncatedTo(ChronoUnit.MILLIS));
    Assertions.assertThat(status(pi)).isEqualTo("ESCALATED");
    Assertions.assertThat(notificationTypes(pi)).containsExactly("REVIEW_DELAYED");
    Assertions.assertThat(engine.getTaskService().getVariablesLocal(task().getId()))
        .containsEntry("reportType", "MERCHANT_FACTOR")
        .containsEntry("orderCount", 2);

    engine.getTaskService().claim(task().getId(), "lead");
    complete(task(), withVariables("decision", "APPROVE", "comment", "组长复核通过"));
    execute(job());

    assertThat(pi)
        .isEnded()
        .hasPassed(
            ProcessIds.TASK_ESCALATED_REVIEW, ProcessIds.TASK_EXEMPT, "EndEvent_ReportApproved");
    Assertions.assertThat(status(pi)).isEqualTo("APPROVED");
    orders.forEach(o -> Assertions.assertThat(data.exemptReportId(o)).isEqualTo(reportId(pi)));
    Assertions.assertThat(notificationTypes(pi))
        .containsExactly("REVIEW_DELAYED", "REPORT_APPROVED");
  }

  private void assertWithdrawn(ProcessInstance pi, List<String> orders) {
    var response = withdraw(pi);
    Assertions.assertThat(response.status()).as(response.text()).isEqualTo(200);
    Assertions.assertThat(response.json().get("status").asText()).isEqualTo("WITHDRAWN");

    assertThat(pi)
        .isEnded()
        .hasPassed("EndEvent_ReportWithdrawn")
        .hasNotPassed(ProcessIds.TASK_EXEMPT);
    Assertions.assertThat(status(pi)).isEqualTo("WITHDRAWN");
    Assertions.assertThat(activeClaims(pi)).isZero();
    Assertions.assertThat(management.createJobQuery().processInstanceId(pi.getId()).count())
        .isZero();
    orders.forEach(o -> Assertions.assertThat(data.exemptReportId(o)).isNull());
  }

  @Test
  void withdrawingWhileAwaitingEvidenceEndsTheInstance() {
    List<String> orders = data.pendingOrders(merchant, 1, "610113");
    ProcessInstance pi = file(orders);
    assertThat(pi).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.AWAIT_EVIDENCE);

    assertWithdrawn(pi, orders);
  }

  @Test
  void withdrawingWhileInReviewEndsTheInstanceAndRemovesTheTask() {
    List<String> orders = data.pendingOrders(merchant, 1, "610113");
    ProcessInstance pi = inReview(orders);

    assertWithdrawn(pi, orders);
    Assertions.assertThat(
            engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count())
        .isZero();
  }

  @Test
  void withdrawingWhileEscalatedEndsTheInstance() {
    List<String> orders = data.pendingOrders(merchant, 1, "610113");
    ProcessInstance pi = inReview(orders);
    execute(job(ProcessIds.TIMER_REVIEW_OVERDUE));
    assertThat(pi).isWaitingAt(ProcessIds.TASK_ESCALATED_REVIEW);

    assertWithdrawn(pi, orders);
  }

  @Test
  void withdrawingADecidedReportAnswers409AndChangesNothing() {
    List<String> approvedOrders = data.pendingOrders(merchant, 1, "610113");
    ProcessInstance approved = inReview(approvedOrders);
    complete(task(), withVariables("decision", "APPROVE", "comment", "ok"));
    execute(job());
    assertThat(approved).isEnded();

    ProcessInstance rejected = inReview(data.pendingOrders(merchant, 1, "610113"));
    complete(task(), withVariables("decision", "REJECT", "comment", "不符合条件"));

    for (ProcessInstance pi : List.of(approved, rejected)) {
      String before = status(pi);
      var response = withdraw(pi);
      Assertions.assertThat(response.status()).as(response.text()).isEqualTo(409);
      Assertions.assertThat(response.json().get("code").asText()).isEqualTo("REPORT_CLOSED");
      Assertions.assertThat(status(pi)).isEqualTo(before);
    }
    Assertions.assertThat(data.exemptReportId(approvedOrders.get(0))).isEqualTo(reportId(approved));
  }

  @Test
  void failingExemptionBecomesAnIncidentAndSucceedsOnceTheCauseIsGone() {
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    ProcessInstance pi = inReview(orders);
    complete(task(), withVariables("decision", "APPROVE", "comment", "ok"));
    assertThat(pi).isWaitingAt(ProcessIds.TASK_EXEMPT);

    String trigger = "refuse_exemption_" + reportId(pi);
    String ids = "'{" + String.join(",", orders) + "}'::varchar[]";
    jdbc.sql(
            "create function "
                + trigger
                + "() returns trigger language plpgsql as $$ begin"
                + " raise exception 'orders are frozen for an audit'; end $$")
        .update();
    try {
      jdbc.sql(
              "create trigger "
                  + trigger
                  + " before insert or update on order_exemption for each row"
                  + " when (new.order_id = any("
                  + ids
                  + ")) execute function "
                  + trigger
                  + "()")
          .update();

      Job exempt =
          management
              .createJobQuery()
              .processInstanceId(pi.getId())
              .activityId(ProcessIds.TASK_EXEMPT)
              .singleResult();
      for (int attempt = 0; attempt < 10 && exempt.getRetries() > 0; attempt++) {
        String jobId = exempt.getId();
        Assertions.assertThatThrownBy(() -> management.executeJob(jobId))
            .hasStackTraceContaining("orders are frozen for an audit");
        exempt = management.createJobQuery().jobId(jobId).singleResult();
      }
      Assertions.assertThat(exempt.getRetries()).isZero();
      Incident incident =
          runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
      Assertions.assertThat(incident).isNotNull();
      Assertions.assertThat(incident.getIncidentType()).isEqualTo("failedJob");
      Assertions.assertThat(incident.getActivityId()).isEqualTo(ProcessIds.TASK_EXEMPT);
      // the engine masks persistence errors in the message; Cockpit shows the stack trace
      Assertions.assertThat(management.getJobExceptionStacktrace(exempt.getId()))
          .contains("orders are frozen for an audit");
      orders.forEach(o -> Assertions.assertThat(data.exemptReportId(o)).isNull());
    } finally {
      jdbc.sql("drop trigger if exists " + trigger + " on order_exemption").update();
      jdbc.sql("drop function if exists " + trigger + "()").update();
    }

    Job exempt =
        management
            .createJobQuery()
            .processInstanceId(pi.getId())
            .activityId(ProcessIds.TASK_EXEMPT)
            .singleResult();
    management.setJobRetries(exempt.getId(), 1);
    management.executeJob(exempt.getId());

    assertThat(pi).isEnded().hasPassed("EndEvent_ReportApproved");
    orders.forEach(o -> Assertions.assertThat(data.exemptReportId(o)).isEqualTo(reportId(pi)));
    Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count())
        .isZero();
    Assertions.assertThat(
            engine
                .getHistoryService()
                .createHistoricIncidentQuery()
                .processInstanceId(pi.getId())
                .resolved()
                .count())
        .isEqualTo(1);
    Assertions.assertThat(notificationTypes(pi)).containsExactly("REPORT_APPROVED");
  }

  @Test
  void completionThatBreaksTheRulesIsRefusedAndTheTaskStaysOpen() {
    ProcessInstance pi = inReview(data.pendingOrders(merchant, 1, "610113"));
    String taskId = task().getId();

    Assertions.assertThatThrownBy(() -> complete(task(), withVariables("decision", "REJECT")))
        .hasRootCauseInstanceOf(BadUserRequestException.class)
        .hasMessageContaining("驳回原因");
    Assertions.assertThatThrownBy(
            () -> complete(task(), withVariables("decision", "MAYBE", "comment", "x")))
        .hasRootCauseInstanceOf(BadUserRequestException.class);

    assertThat(pi).isWaitingAt(ProcessIds.TASK_REVIEW);
    Assertions.assertThat(task().getId()).isEqualTo(taskId);
    Assertions.assertThat(status(pi)).isEqualTo("IN_REVIEW");
  }

  /**
   * Validation runs in the filing's own transaction: the 201 already shows it, and an order that
   * ships afterwards is the review's business, not validation's. (The model's INVALID end, for a
   * validation that finds no pending order left, is proved by DelayReportModelTest.)
   */
  @Test
  void validationRunsInTheFilingAndIsOnTheTimelineOfThe201() {
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    var response = Filing.file(api, merchant, "MERCHANT_FACTOR", orders, "PRICING_PROOF");
    Assertions.assertThat(response.status()).as(response.text()).isEqualTo(201);

    var events = new java.util.ArrayList<String>();
    response.json().get("timeline").forEach(e -> events.add(e.get("event").asText()));
    Assertions.assertThat(events).containsExactly("SUBMITTED", "VALIDATED");
    ProcessInstance pi =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(response.json().get("id").asText())
            .singleResult();
    assertThat(pi).hasPassed(ProcessIds.TASK_VALIDATE).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
  }
}
