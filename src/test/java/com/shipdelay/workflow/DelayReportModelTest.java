package com.shipdelay.workflow;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.shipdelay.support.ChangesSharedWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The model alone: {@code bpmn/DelayReportProcess.bpmn} (with its review form) deployed on an
 * in-memory engine over an in-memory H2 database, every bean the model names replaced by a Mockito
 * mock ({@link Mocks}), every job and timer fired by the test. It proves the paths the diagram
 * draws (gateways, timers, messages, the event subprocess, retries) in milliseconds; what the
 * delegates do to reports, orders and the inbox is proved on the full stack ({@link
 * ReviewPathsProcessTest}).
 *
 * <p>It moves the engine clock ({@link ClockUtil}), which every engine in the JVM reads, so it runs
 * in line with the Spring tests and never beside a {@code @RunsBeside} class.
 */
@ChangesSharedWorld
@Execution(ExecutionMode.SAME_THREAD)
class DelayReportModelTest {

  @RegisterExtension
  static ProcessEngineExtension extension =
      ProcessEngineExtension.builder().useProcessEngine(Engine.MODEL_ONLY).build();

  static final AtomicLong REPORTS = new AtomicLong(1000);
  static final Date REVIEW_DUE = Date.from(Instant.parse("2026-12-03T08:00:00Z"));
  static final Date EVIDENCE_DUE = Date.from(Instant.parse("2026-12-04T08:00:00Z"));

  final JavaDelegate validateReport = mock(JavaDelegate.class);
  final JavaDelegate checkEvidence = mock(JavaDelegate.class);
  final JavaDelegate expireReport = mock(JavaDelegate.class);
  final JavaDelegate exemptOrders = mock(JavaDelegate.class);
  final TaskListener reviewStarted = mock(TaskListener.class);
  final TaskListener reviewEscalated = mock(TaskListener.class);
  final TaskListener reviewAssignment = mock(TaskListener.class);
  final TaskListener reviewDecision = mock(TaskListener.class);
  final ReviewClock reviewClock = mock(ReviewClock.class);

  /** What the successive evidence checks find: complete or not. */
  final Deque<Boolean> evidenceChecks = new ArrayDeque<>();

  ProcessEngine engine;
  RuntimeService runtime;
  ManagementService management;

  /** Built once per test JVM: creating the H2 schema is most of this class's time. */
  static final class Engine {
    static final ProcessEngine MODEL_ONLY = build();

    private static ProcessEngine build() {
      var config =
          (ProcessEngineConfigurationImpl)
              ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration();
      config
          .setProcessEngineName("model-only")
          .setJdbcUrl("jdbc:h2:mem:model-only;DB_CLOSE_DELAY=-1")
          .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP)
          .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
          .setJobExecutorActivate(false)
          // as in application.yml: a model without historyTimeToLive must fail here too
          .setEnforceHistoryTimeToLive(true);
      config.setExpressionManager(new MockExpressionManager());
      return config.buildProcessEngine();
    }
  }

  static String deploymentId;

  /**
   * Deployed once for the class, not per test (the engine test's @Deployment): parsing the model is
   * most of a test's time here. Each test files its own report (business key), so none sees
   * another's instance.
   */
  @BeforeAll
  static void deployTheModel() {
    deploymentId =
        Engine.MODEL_ONLY
            .getRepositoryService()
            .createDeployment()
            .name("model-only")
            .addClasspathResource("processes/DelayReportProcess.bpmn")
            .addClasspathResource("processes/ReviewReport.form")
            .deploy()
            .getId();
  }

  @AfterAll
  static void undeployAndCloseEngine() {
    Engine.MODEL_ONLY.getRepositoryService().deleteDeployment(deploymentId, true);
    // the Spring tests share this JVM: leave only their engine registered
    Engine.MODEL_ONLY.close();
  }

  @BeforeEach
  void registerMocks() throws Exception {
    engine = extension.getProcessEngine();
    runtime = extension.getRuntimeService();
    management = extension.getManagementService();
    BpmnAwareTests.init(engine);
    Mocks.register("validateReport", validateReport);
    Mocks.register("checkEvidence", checkEvidence);
    Mocks.register("expireReport", expireReport);
    Mocks.register("exemptOrders", exemptOrders);
    Mocks.register("reviewStarted", reviewStarted);
    Mocks.register("reviewEscalated", reviewEscalated);
    Mocks.register("reviewAssignment", reviewAssignment);
    Mocks.register("reviewDecision", reviewDecision);
    Mocks.register("reviewClock", reviewClock);
    when(reviewClock.deadline(any())).thenReturn(REVIEW_DUE);
    when(reviewClock.evidenceDeadline(any())).thenReturn(EVIDENCE_DUE);
    valid(true);
    doAnswer(
            call -> {
              Boolean complete = evidenceChecks.poll();
              ((DelegateExecution) call.getArgument(0))
                  .setVariable(ProcessIds.EVIDENCE_COMPLETE, complete == null || complete);
              return null;
            })
        .when(checkEvidence)
        .execute(any());
  }

  @AfterEach
  void resetMocksAndClock() {
    Mocks.reset();
    ClockUtil.reset();
  }

  private void valid(boolean valid) throws Exception {
    doAnswer(
            call -> {
              ((DelegateExecution) call.getArgument(0)).setVariable(ProcessIds.VALID, valid);
              return null;
            })
        .when(validateReport)
        .execute(any());
  }

  /**
   * The start runs validation in the filing's transaction (no save point before it), so a valid
   * report is already waiting for its first job, the evidence check.
   */
  private ProcessInstance submitted() {
    // a report of its own per test: the model's delegates read only the business key
    ProcessInstance pi =
        runtime.startProcessInstanceByKey(
            ProcessIds.PROCESS_KEY, String.valueOf(REPORTS.incrementAndGet()));
    try {
      verify(validateReport).execute(any());
    } catch (Exception e) {
      throw new AssertionError(e); // verify() only records; the mock's execute throws nothing
    }
    return pi;
  }

  /** Validation and the evidence check run; the report waits for a reviewer. */
  private ProcessInstance inReview() {
    ProcessInstance pi = submitted();
    assertThat(pi).isStarted().isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    Assertions.assertThat(jobs(pi)).as("one job before review: the evidence check").isOne();
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.TASK_REVIEW);
    return pi;
  }

  /** The evidence check finds something missing: the report waits for the merchant. */
  private ProcessInstance awaitingEvidence() {
    evidenceChecks.add(false);
    ProcessInstance pi = submitted();
    assertThat(pi).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.AWAIT_EVIDENCE);
    return pi;
  }

  private ProcessInstance escalated() {
    ProcessInstance pi = inReview();
    execute(job(ProcessIds.TIMER_REVIEW_OVERDUE));
    assertThat(pi).isWaitingAt(ProcessIds.TASK_ESCALATED_REVIEW);
    return pi;
  }

  private void correlate(ProcessInstance pi, String message) {
    runtime
        .createMessageCorrelation(message)
        .processInstanceBusinessKey(pi.getBusinessKey())
        .correlate();
  }

  private long jobs(ProcessInstance pi) {
    return management.createJobQuery().processInstanceId(pi.getId()).count();
  }

  @Test
  void approvedReportIsExemptedAfterItsAsyncStep() throws Exception {
    ProcessInstance pi = inReview();
    assertThat(task())
        .hasCandidateGroup("reviewers")
        .hasDefinitionKey(ProcessIds.TASK_REVIEW)
        .hasDueDate(REVIEW_DUE);
    Assertions.assertThat(task().getPriority()).isEqualTo(50);
    Assertions.assertThat(job(ProcessIds.TIMER_REVIEW_OVERDUE).getDuedate()).isEqualTo(REVIEW_DUE);
    verify(reviewStarted).notify(any());

    complete(task(), withVariables(ProcessIds.DECISION, "APPROVE"));
    verify(reviewDecision).notify(any());
    assertThat(pi).isWaitingAt(ProcessIds.TASK_EXEMPT);
    verify(exemptOrders, never()).execute(any());
    execute(job());

    assertThat(pi)
        .isEnded()
        .hasPassedInOrder(
            ProcessIds.TASK_VALIDATE,
            ProcessIds.TASK_CHECK_EVIDENCE,
            ProcessIds.TASK_REVIEW,
            ProcessIds.TASK_EXEMPT,
            "EndEvent_ReportApproved");
    verify(exemptOrders).execute(any());
    verify(expireReport, never()).execute(any());
    verify(reviewEscalated, never()).notify(any());
  }

  @Test
  void rejectedReportEndsWithoutExemption() throws Exception {
    ProcessInstance pi = inReview();

    complete(task(), withVariables(ProcessIds.DECISION, "REJECT"));

    assertThat(pi)
        .isEnded()
        .hasPassed("EndEvent_ReportRejected")
        .hasNotPassed(ProcessIds.TASK_EXEMPT);
    verify(exemptOrders, never()).execute(any());
    Assertions.assertThat(jobs(pi)).isZero();
  }

  @Test
  void invalidReportEndsBeforeTheEvidenceCheck() throws Exception {
    valid(false);
    ProcessInstance pi = submitted();

    assertThat(pi)
        .isEnded()
        .hasPassed("EndEvent_ReportInvalid")
        .hasNotPassed(ProcessIds.TASK_CHECK_EVIDENCE);
    verify(checkEvidence, never()).execute(any());
  }

  /** Missing at first, supplied by the merchant, then asked for again by the reviewer. */
  @Test
  void evidenceLoopReturnsToReviewEachTimeEvidenceIsSupplied() throws Exception {
    ProcessInstance pi = awaitingEvidence();
    assertThat(pi).isNotWaitingAt(ProcessIds.TASK_REVIEW);
    Assertions.assertThat(job(ProcessIds.TIMER_EVIDENCE_EXPIRED).getDuedate())
        .isEqualTo(EVIDENCE_DUE);

    correlate(pi, ProcessIds.MESSAGE_EVIDENCE_SUPPLIED);
    assertThat(pi)
        .hasPassed("IntermediateEvent_EvidenceSupplied")
        .isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    // the wait ended: its expiry timer is gone with it
    Assertions.assertThat(
            management
                .createJobQuery()
                .processInstanceId(pi.getId())
                .activityId(ProcessIds.TIMER_EVIDENCE_EXPIRED)
                .count())
        .isZero();
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.TASK_REVIEW);

    evidenceChecks.add(false); // the reviewer's request is not met until the merchant answers
    complete(task(), withVariables(ProcessIds.DECISION, "REQUEST_EVIDENCE"));
    assertThat(pi).isWaitingAt(ProcessIds.TASK_CHECK_EVIDENCE);
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.AWAIT_EVIDENCE);

    correlate(pi, ProcessIds.MESSAGE_EVIDENCE_SUPPLIED);
    execute(job());
    assertThat(pi).isWaitingAt(ProcessIds.TASK_REVIEW);
    complete(task(), withVariables(ProcessIds.DECISION, "APPROVE"));
    execute(job());

    assertThat(pi).isEnded().hasPassed("EndEvent_ReportApproved");
    verify(checkEvidence, times(4)).execute(any());
    verify(reviewStarted, times(2)).notify(any());
    verify(expireReport, never()).execute(any());
  }

  @Test
  void evidenceNeverSuppliedExpiresTheReport() throws Exception {
    ProcessInstance pi = awaitingEvidence();
    // the merchant's message subscription and the deadline wait side by side
    Assertions.assertThat(
            runtime
                .createEventSubscriptionQuery()
                .processInstanceId(pi.getId())
                .eventName(ProcessIds.MESSAGE_EVIDENCE_SUPPLIED)
                .count())
        .isEqualTo(1);

    execute(job(ProcessIds.TIMER_EVIDENCE_EXPIRED));
    assertThat(pi).isWaitingAt(ProcessIds.TASK_EXPIRE);
    execute(job());

    assertThat(pi)
        .isEnded()
        .hasPassed("EndEvent_ReportExpired")
        .hasNotPassed(ProcessIds.TASK_REVIEW, "IntermediateEvent_EvidenceSupplied");
    verify(expireReport).execute(any());
    verify(reviewStarted, never()).notify(any());
  }

  /** The escalation timer is due exactly at the review deadline, and not a moment before. */
  @Test
  void reviewOverdueEscalatesToTheLeadsWhoDecide() throws Exception {
    ProcessInstance pi = inReview();
    var dueTimers = management.createJobQuery().processInstanceId(pi.getId()).timers().executable();
    extension.setCurrentTime(new Date(REVIEW_DUE.getTime() - 1000));
    Assertions.assertThat(dueTimers.count()).isZero();
    extension.setCurrentTime(new Date(REVIEW_DUE.getTime() + 1000));
    Assertions.assertThat(dueTimers.singleResult().getId())
        .isEqualTo(job(ProcessIds.TIMER_REVIEW_OVERDUE).getId());

    execute(job(ProcessIds.TIMER_REVIEW_OVERDUE));

    assertThat(pi)
        .isWaitingAt(ProcessIds.TASK_ESCALATED_REVIEW)
        .isNotWaitingAt(ProcessIds.TASK_REVIEW);
    assertThat(task())
        .hasCandidateGroup("review-leads")
        .hasDefinitionKey(ProcessIds.TASK_ESCALATED_REVIEW)
        .hasDueDate(REVIEW_DUE);
    Assertions.assertThat(task().getPriority()).isEqualTo(80);
    verify(reviewEscalated).notify(any());

    complete(task(), withVariables(ProcessIds.DECISION, "APPROVE"));
    execute(job());
    assertThat(pi).isEnded().hasPassed(ProcessIds.TASK_ESCALATED_REVIEW, "EndEvent_ReportApproved");
    verify(exemptOrders).execute(any());
  }

  /** Whatever the report waits for, a withdrawal ends the instance and leaves nothing behind. */
  @ParameterizedTest(name = "withdrawn while {0}")
  @ValueSource(strings = {"submitted", "awaitingEvidence", "inReview", "escalated"})
  void withdrawalEndsTheInstanceInAnyWaitingState(String state) {
    ProcessInstance pi =
        switch (state) {
          case "submitted" -> submitted();
          case "awaitingEvidence" -> awaitingEvidence();
          case "inReview" -> inReview();
          case "escalated" -> escalated();
          default -> throw new IllegalArgumentException(state);
        };

    correlate(pi, ProcessIds.MESSAGE_REPORT_WITHDRAWN);

    assertThat(pi)
        .isEnded()
        .hasPassed("StartEvent_ReportWithdrawn", "EndEvent_ReportWithdrawn")
        .hasNotPassed(ProcessIds.TASK_EXEMPT, "EndEvent_ReportApproved");
    Assertions.assertThat(jobs(pi)).isZero();
    Assertions.assertThat(
            engine.getTaskService().createTaskQuery().processInstanceId(pi.getId()).count())
        .isZero();
  }

  /** A delegate that keeps failing: three tries a minute apart, then an incident to resolve. */
  @Test
  void failingDelegateBecomesAnIncidentAfterThreeTriesAndRunsOnceRetried() throws Exception {
    ProcessInstance pi = inReview();
    complete(task(), withVariables(ProcessIds.DECISION, "APPROVE"));
    doThrow(new IllegalStateException("orders are frozen for an audit"))
        .when(exemptOrders)
        .execute(any());

    Job exempt = job(ProcessIds.TASK_EXEMPT);
    for (int attempt = 1; attempt <= 3; attempt++) {
      String jobId = exempt.getId();
      Assertions.assertThatThrownBy(() -> management.executeJob(jobId))
          .hasMessageContaining("orders are frozen for an audit");
      exempt = management.createJobQuery().jobId(jobId).singleResult();
      Assertions.assertThat(exempt.getRetries()).as("after try " + attempt).isEqualTo(3 - attempt);
      if (attempt == 1) {
        // R3/PT1M: the next try is due a minute later
        Assertions.assertThat(exempt.getDuedate())
            .isCloseTo(Date.from(Instant.now().plus(Duration.ofMinutes(1))), 10_000);
      }
    }
    Incident incident = runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
    Assertions.assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
    Assertions.assertThat(incident.getActivityId()).isEqualTo(ProcessIds.TASK_EXEMPT);
    Assertions.assertThat(incident.getIncidentMessage()).contains("orders are frozen for an audit");
    assertThat(pi).isWaitingAt(ProcessIds.TASK_EXEMPT);

    // the cause is gone; the admin retries the job (Cockpit: "Retry")
    doAnswer(call -> null).when(exemptOrders).execute(any());
    management.setJobRetries(exempt.getId(), 1);
    management.executeJob(exempt.getId());

    assertThat(pi).isEnded().hasPassed("EndEvent_ReportApproved");
    Assertions.assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count())
        .isZero();
    verify(exemptOrders, times(4)).execute(any());
  }
}
