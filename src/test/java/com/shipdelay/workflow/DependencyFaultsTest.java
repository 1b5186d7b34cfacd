package com.shipdelay.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shipdelay.support.Api;
import com.shipdelay.support.ChangesSharedWorld;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.time.Instant;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every delegate and listener the engine runs, with its database taken away for one report: the job
 * fails and stays for a retry, the report keeps its state, the merchant is told nothing; once the
 * database answers again the same job succeeds. (A database fault is simulated by a trigger that
 * aborts the report's writes with PostgreSQL's "terminating connection" error; the object store's
 * outage is in EvidenceOutageTest.)
 *
 * <ul>
 *   <li>{@code validateReport} — database (in the filing's transaction: the filing's 503)
 *   <li>{@code checkEvidence} with the {@code reviewStarted} create listener — database, store
 *   <li>{@code reviewEscalated} (the 48-hour timer) — database
 *   <li>{@code expireReport} — database
 *   <li>{@code exemptOrders} — database (ReviewPathsProcessTest, failing exemption)
 *   <li>{@code reviewDecision} — runs in the reviewer's request, not a job: a fault answers an
 *       error and the task stays open
 * </ul>
 */
@IntegrationTest
@ChangesSharedWorld
class DependencyFaultsTest {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired TestData data;
  @Autowired JdbcClient jdbc;
  @Autowired org.gaul.s3proxy.S3Proxy s3;
  @LocalServerPort int port;
  Api api;
  TestData.TestMerchant merchant;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    merchant = data.merchant();
  }

  private long file(String... kinds) {
    var filed =
        Filing.file(
            api, merchant, "MERCHANT_FACTOR", data.pendingOrders(merchant, 1, "610113"), kinds);
    assertThat(filed.status()).as(filed.text()).isEqualTo(201);
    return filed.json().get("id").asLong();
  }

  private String pi(long reportId) {
    return data.processInstanceOf(reportId);
  }

  private Job job(long reportId, String activityId) {
    return management
        .createJobQuery()
        .processInstanceId(pi(reportId))
        .activityId(activityId)
        .singleResult();
  }

  private String status(long reportId) {
    return jdbc.sql("select status from delay_report where id = ?")
        .param(reportId)
        .query(String.class)
        .single();
  }

  private long notifications(long reportId) {
    return data.count("select count(*) from notification where report_id = ?", reportId);
  }

  /** Runs {@code body} while every write of the report's timeline fails as a lost connection. */
  private void databaseDownFor(long reportId, Runnable body) {
    String name = "db_down_" + reportId;
    jdbc.sql(
            "create function "
                + name
                + "() returns trigger language plpgsql as $$ begin raise exception using"
                + " errcode = '57P01', message = 'terminating connection due to administrator"
                + " command'; end $$")
        .update();
    try {
      jdbc.sql(
              "create trigger "
                  + name
                  + " before insert or update on report_event for each row when (new.report_id = "
                  + reportId
                  + ") execute function "
                  + name
                  + "()")
          .update();
      body.run();
    } finally {
      jdbc.sql("drop trigger if exists " + name + " on report_event").update();
      jdbc.sql("drop function if exists " + name + "()").update();
    }
  }

  /** The job fails, keeps one retry less, and the report and the merchant's inbox are as before. */
  private void failsAndStays(long reportId, String activityId) {
    Job before = job(reportId, activityId);
    String status = status(reportId);
    long told = notifications(reportId);
    assertThatThrownBy(() -> management.executeJob(before.getId()))
        .isInstanceOf(org.camunda.bpm.engine.ProcessEngineException.class);
    Job after = management.createJobQuery().jobId(before.getId()).singleResult();
    assertThat(after).as("the job is still there").isNotNull();
    assertThat(after.getRetries()).isEqualTo(before.getRetries() - 1);
    // what failed is recorded on the job for Cockpit (the engine masks persistence errors in
    // the message itself)
    assertThat(after.getExceptionMessage()).isNotBlank();
    assertThat(management.getJobExceptionStacktrace(after.getId())).isNotBlank();
    assertThat(status(reportId)).isEqualTo(status);
    assertThat(notifications(reportId)).isEqualTo(told);
  }

  private void runsOnceBack(long reportId, String activityId) {
    Job job = job(reportId, activityId);
    management.executeJob(job.getId());
  }

  /**
   * Validation runs in the filing's transaction, so a database outage there is the filing's 503
   * (DependencyOutageTest); the first job is the evidence check.
   */
  @Test
  void theEvidenceCheckRetriesWhileTheDatabaseIsDown() {
    long reportId = file("PRICING_PROOF");
    // the evidence check, and the review task's create listener in the same transaction
    databaseDownFor(reportId, () -> failsAndStays(reportId, ProcessIds.TASK_CHECK_EVIDENCE));
    runsOnceBack(reportId, ProcessIds.TASK_CHECK_EVIDENCE);
    assertThat(status(reportId)).isEqualTo("IN_REVIEW");
    assertThat(tasks.createTaskQuery().processInstanceId(pi(reportId)).count()).isEqualTo(1);
  }

  @Test
  void theEscalationTimerRetriesWhileTheDatabaseIsDown() {
    long reportId = file("PRICING_PROOF");
    data.runJobs(pi(reportId));
    assertThat(status(reportId)).isEqualTo("IN_REVIEW");
    databaseDownFor(reportId, () -> failsAndStays(reportId, ProcessIds.TIMER_REVIEW_OVERDUE));
    runsOnceBack(reportId, ProcessIds.TIMER_REVIEW_OVERDUE);
    assertThat(status(reportId)).isEqualTo("ESCALATED");
    assertThat(
            data.count(
                "select count(*) from notification where report_id = ? and type = 'REVIEW_DELAYED'",
                reportId))
        .isEqualTo(1);
  }

  @Test
  void theExpiryRetriesWhileTheDatabaseIsDown() {
    long reportId = file(); // no evidence: the report waits for it
    data.runJobs(pi(reportId));
    assertThat(status(reportId)).isEqualTo("AWAITING_EVIDENCE");
    jdbc.sql("update delay_report set evidence_due_at = ? where id = ?")
        .params(java.sql.Timestamp.from(Instant.now().minusSeconds(60)), reportId)
        .update();
    Job timer = job(reportId, ProcessIds.TIMER_EVIDENCE_EXPIRED);
    management.executeJob(timer.getId()); // the timer itself only moves on to the expiry task
    databaseDownFor(reportId, () -> failsAndStays(reportId, ProcessIds.TASK_EXPIRE));
    runsOnceBack(reportId, ProcessIds.TASK_EXPIRE);
    assertThat(status(reportId)).isEqualTo("EXPIRED");
  }

  @Test
  void aDecisionWhileTheDatabaseIsDownIsNotTakenAndTheTaskStaysOpen() {
    long reportId = file("PRICING_PROOF");
    data.runJobs(pi(reportId));
    String taskId = tasks.createTaskQuery().processInstanceId(pi(reportId)).singleResult().getId();
    databaseDownFor(
        reportId,
        () -> {
          var answer =
              api.send(
                  "POST",
                  "/engine-rest/task/" + taskId + "/complete",
                  Api.REVIEWER,
                  "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"ok\"}}}");
          assertThat(answer.status()).as(answer.text()).isEqualTo(503);
          assertThat(answer.json().get("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
          assertThat(answer.text())
              .doesNotContain("terminating connection")
              .doesNotContain("at org.");
        });
    assertThat(status(reportId)).isEqualTo("IN_REVIEW");
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);
    var retry =
        api.send(
            "POST",
            "/engine-rest/task/" + taskId + "/complete",
            Api.REVIEWER,
            "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"ok\"}}}");
    assertThat(retry.status()).isEqualTo(204);
    assertThat(status(reportId)).isEqualTo("APPROVED");
  }

  @Test
  void theEvidenceCheckRetriesUntilAnIncidentWhileTheStoreIsDown() throws Exception {
    long reportId = file("PRICING_PROOF");
    com.shipdelay.support.EmbeddedInfrastructure.stopS3(s3);
    try {
      Job check = job(reportId, ProcessIds.TASK_CHECK_EVIDENCE);
      for (int attempt = 0; attempt < 10 && check.getRetries() > 0; attempt++) {
        String id = check.getId();
        assertThatThrownBy(() -> management.executeJob(id));
        check = management.createJobQuery().jobId(id).singleResult();
      }
      assertThat(check.getRetries()).isZero();
      var incident = runtime.createIncidentQuery().processInstanceId(pi(reportId)).singleResult();
      assertThat(incident).as("an incident for Cockpit").isNotNull();
      assertThat(incident.getActivityId()).isEqualTo(ProcessIds.TASK_CHECK_EVIDENCE);
      // never a business outcome: the merchant is not asked for evidence they supplied
      assertThat(status(reportId)).isEqualTo("SUBMITTED");
      assertThat(notifications(reportId)).isZero();
    } finally {
      com.shipdelay.support.EmbeddedInfrastructure.startS3(s3);
    }
    Job check = job(reportId, ProcessIds.TASK_CHECK_EVIDENCE);
    management.setJobRetries(check.getId(), 1); // what an admin does in Cockpit
    management.executeJob(check.getId());
    assertThat(status(reportId)).isEqualTo("IN_REVIEW");
    assertThat(runtime.createIncidentQuery().processInstanceId(pi(reportId)).count()).isZero();
  }
}
