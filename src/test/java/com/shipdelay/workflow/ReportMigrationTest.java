package com.shipdelay.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.ChangesSharedWorld;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Running reports move to a compatible new version of the process through the engine's public
 * migration API (Java, and the {@code /engine-rest/migration} calls the README gives admins), in
 * each state a report can wait in, and finish there with the real delegates.
 *
 * <p>The new version is the deployed model with a documentation line and other task priorities
 * (what an admin's small edit in Modeler looks like), deployed with its form; it is removed after
 * each test so the start-up version is the latest again for other test classes.
 */
@IntegrationTest
@ChangesSharedWorld
class ReportMigrationTest {

  static final Path BPMN = Path.of("bpmn/DelayReportProcess.bpmn");
  static final Path FORM = Path.of("forms/ReviewReport.form");

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired TestData data;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  Api api;
  TestData.TestMerchant merchant;
  String newDeployment;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    merchant = data.merchant();
  }

  @AfterEach
  void removeTheNewVersion() {
    if (newDeployment != null) {
      repository.deleteDeployment(newDeployment, true);
    }
  }

  /** Version 2: the same activities (ids), new documentation, review tasks at other priorities. */
  private ProcessDefinition deployVersion2() throws Exception {
    String original = Files.readString(BPMN);
    String v2 =
        original
            .replace("camunda:priority=\"50\"", "camunda:priority=\"55\"")
            .replace("camunda:priority=\"80\"", "camunda:priority=\"85\"")
            .replace(
                "<bpmn:documentation>One instance per delay report.",
                "<bpmn:documentation>Version 2: review priorities raised. One instance per delay"
                    + " report.");
    assertThat(v2).contains("priority=\"55\"", "priority=\"85\"", "Version 2");
    newDeployment =
        repository
            .createDeployment()
            .name("DelayReportProcess v2 (migration test)")
            .addString("DelayReportProcess.bpmn", v2)
            .addInputStream("ReviewReport.form", Files.newInputStream(FORM))
            .deploy()
            .getId();
    return repository
        .createProcessDefinitionQuery()
        .deploymentId(newDeployment)
        .processDefinitionKey(ProcessIds.PROCESS_KEY)
        .singleResult();
  }

  private String file(String... kinds) {
    var filed =
        Filing.file(
            api, merchant, "MERCHANT_FACTOR", data.pendingOrders(merchant, 1, "610113"), kinds);
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    String pi = data.processInstanceOf(filed.json().get("id").asLong());
    data.runJobs(pi);
    return pi;
  }

  private String awaitingEvidence() {
    String pi = file(); // MERCHANT_FACTOR needs PRICING_PROOF; none is filed
    assertThat(runtime.getActiveActivityIds(pi)).containsExactly(ProcessIds.AWAIT_EVIDENCE);
    return pi;
  }

  private String inReview() {
    String pi = file("PRICING_PROOF");
    assertThat(runtime.getActiveActivityIds(pi)).containsExactly(ProcessIds.TASK_REVIEW);
    return pi;
  }

  private String escalated() {
    String pi = inReview();
    management.executeJob(timer(pi, ProcessIds.TIMER_REVIEW_OVERDUE).getId());
    assertThat(runtime.getActiveActivityIds(pi)).containsExactly(ProcessIds.TASK_ESCALATED_REVIEW);
    return pi;
  }

  private Job timer(String pi, String activityId) {
    return management
        .createJobQuery()
        .processInstanceId(pi)
        .activityId(activityId)
        .timers()
        .singleResult();
  }

  private Task task(String pi) {
    return tasks.createTaskQuery().processInstanceId(pi).singleResult();
  }

  private String definitionOf(String pi) {
    return runtime
        .createProcessInstanceQuery()
        .processInstanceId(pi)
        .singleResult()
        .getProcessDefinitionId();
  }

  private String status(String pi) {
    return jdbc.sql("select status from delay_report where id = ?")
        .param(Long.parseLong(businessKey(pi)))
        .query(String.class)
        .single();
  }

  private String businessKey(String pi) {
    return history
        .createHistoricProcessInstanceQuery()
        .processInstanceId(pi)
        .singleResult()
        .getBusinessKey();
  }

  /** Ended on version 2, with its last steps run by version 2's activities. */
  private void endedOn(ProcessDefinition v2, String pi, String endEvent) {
    var ended = history.createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult();
    assertThat(ended.getEndTime()).as("ended").isNotNull();
    assertThat(ended.getProcessDefinitionId()).isEqualTo(v2.getId());
    assertThat(
            history
                .createHistoricActivityInstanceQuery()
                .processInstanceId(pi)
                .activityId(endEvent)
                .singleResult()
                .getProcessDefinitionId())
        .isEqualTo(v2.getId());
  }

  private void decide(String pi, String decision, String comment) {
    tasks.complete(task(pi).getId(), Map.of("decision", decision, "comment", comment));
    data.runJobs(pi);
  }

  @Test
  void reportsWaitingForEvidenceInReviewAndEscalatedMoveToTheNewVersionAndFinishThere()
      throws Exception {
    String waiting = awaitingEvidence();
    String reviewing = inReview();
    String escalated = escalated();
    String v1 = definitionOf(waiting);
    var evidenceDue = timer(waiting, ProcessIds.TIMER_EVIDENCE_EXPIRED).getDuedate();
    var reviewDue = timer(reviewing, ProcessIds.TIMER_REVIEW_OVERDUE).getDuedate();
    String escalatedTask = task(escalated).getId();

    ProcessDefinition v2 = deployVersion2();
    assertThat(v2.getId()).isNotEqualTo(v1);
    MigrationPlan plan = runtime.createMigrationPlan(v1, v2.getId()).mapEqualActivities().build();
    runtime.newMigration(plan).processInstanceIds(waiting, reviewing, escalated).execute();

    for (String pi : List.of(waiting, reviewing, escalated)) {
      assertThat(definitionOf(pi)).as(pi).isEqualTo(v2.getId());
    }
    // what each waits for moved with it: the same timers, message subscription and task
    assertThat(timer(waiting, ProcessIds.TIMER_EVIDENCE_EXPIRED).getDuedate())
        .isEqualTo(evidenceDue);
    assertThat(timer(reviewing, ProcessIds.TIMER_REVIEW_OVERDUE).getDuedate()).isEqualTo(reviewDue);
    assertThat(
            runtime
                .createEventSubscriptionQuery()
                .processInstanceId(waiting)
                .eventName(ProcessIds.MESSAGE_EVIDENCE_SUPPLIED)
                .count())
        .isEqualTo(1);
    assertThat(task(escalated).getId()).isEqualTo(escalatedTask);
    assertThat(task(escalated).getProcessDefinitionId()).isEqualTo(v2.getId());

    // waiting: the merchant supplies the evidence; version 2's review task takes it
    var supplied =
        api.multipart(
            "/api/v1/delay-reports/" + businessKey(waiting) + "/evidence",
            Api.bearer(merchant.token()),
            List.of(
                Api.Part.file("evidence", "补充凭证.pdf", "application/pdf", Filing.PDF),
                Api.Part.json("evidenceKinds", "[\"PRICING_PROOF\"]")));
    assertThat(supplied.status()).as(supplied.text()).isEqualTo(200);
    data.runJobs(waiting);
    assertThat(task(waiting).getTaskDefinitionKey()).isEqualTo(ProcessIds.TASK_REVIEW);
    assertThat(task(waiting).getPriority()).isEqualTo(55);
    decide(waiting, "APPROVE", "补充材料充分");
    endedOn(v2, waiting, "EndEvent_ReportApproved");
    assertThat(status(waiting)).isEqualTo("APPROVED");

    // in review: the migrated 48-hour timer escalates to version 2's lead task
    management.executeJob(timer(reviewing, ProcessIds.TIMER_REVIEW_OVERDUE).getId());
    assertThat(task(reviewing).getTaskDefinitionKey()).isEqualTo(ProcessIds.TASK_ESCALATED_REVIEW);
    assertThat(task(reviewing).getPriority()).isEqualTo(85);
    assertThat(status(reviewing)).isEqualTo("ESCALATED");
    decide(reviewing, "APPROVE", "组长复核通过");
    endedOn(v2, reviewing, "EndEvent_ReportApproved");
    assertThat(status(reviewing)).isEqualTo("APPROVED");

    // escalated: the lead's decision on the migrated task ends it on version 2
    decide(escalated, "REJECT", "不符合条件");
    endedOn(v2, escalated, "EndEvent_ReportRejected");
    assertThat(status(escalated)).isEqualTo("REJECTED");
  }

  /** The README's calls, as an admin makes them: generate the plan, validate it, execute it. */
  @Test
  void anAdminMigratesThroughEngineRest() throws Exception {
    String reviewing = inReview();
    String v1 = definitionOf(reviewing);
    ProcessDefinition v2 = deployVersion2();
    ObjectMapper json = new ObjectMapper();

    var generated =
        api.postJson(
            "/engine-rest/migration/generate",
            Api.ADMIN,
            """
            {"sourceProcessDefinitionId": "%s", "targetProcessDefinitionId": "%s",
             "updateEventTriggers": false}"""
                .formatted(v1, v2.getId()));
    assertThat(generated.status()).as(generated.text()).isEqualTo(200);
    var plan = (ObjectNode) generated.json();
    // every activity maps to itself, the review task among them
    assertThat(plan.get("instructions").findValues("sourceActivityIds").toString())
        .contains(
            "[\"" + ProcessIds.TASK_REVIEW + "\"]", "[\"" + ProcessIds.AWAIT_EVIDENCE + "\"]");

    var validated = api.postJson("/engine-rest/migration/validate", Api.ADMIN, plan.toString());
    assertThat(validated.status()).as(validated.text()).isEqualTo(200);
    assertThat(validated.json().get("instructionReports")).isEmpty();

    // reviewers may not migrate: only admins (a query would find nothing they may see, so name it)
    ObjectNode byId = json.createObjectNode();
    byId.set("migrationPlan", plan);
    byId.putArray("processInstanceIds").add(reviewing);
    var refused = api.postJson("/engine-rest/migration/execute", Api.REVIEWER, byId.toString());
    assertThat(refused.status()).as(refused.text()).isEqualTo(403);
    assertThat(definitionOf(reviewing)).isEqualTo(v1);

    // the admin's call from the README, narrowed to this test's report by its business key
    ObjectNode execute = json.createObjectNode();
    execute.set("migrationPlan", plan);
    execute
        .putObject("processInstanceQuery")
        .put("processDefinitionId", v1)
        .put("businessKey", businessKey(reviewing));
    var executed = api.postJson("/engine-rest/migration/execute", Api.ADMIN, execute.toString());
    assertThat(executed.status()).as(executed.text()).isEqualTo(204);
    assertThat(definitionOf(reviewing)).isEqualTo(v2.getId());

    decide(reviewing, "APPROVE", "属实");
    endedOn(v2, reviewing, "EndEvent_ReportApproved");
  }
}
