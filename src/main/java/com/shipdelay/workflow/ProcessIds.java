package com.shipdelay.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Names shared between the BPMN model and the code: keys, variables, activity ids. */
public final class ProcessIds {

  public static final String PROCESS_KEY = "DelayReportProcess";

  /** Gateway flag: the report passed validation. */
  public static final String VALID = "valid";

  /** Gateway flag: every required kind of evidence is there and intact. */
  public static final String EVIDENCE_COMPLETE = "evidenceComplete";

  /** Set by the review form or any /engine-rest client completing a review task. */
  public static final String DECISION = "decision";

  public static final String COMMENT = "comment";

  public static final String MESSAGE_EVIDENCE_SUPPLIED = "EvidenceSupplied";
  public static final String MESSAGE_REPORT_WITHDRAWN = "ReportWithdrawn";

  public static final String TASK_VALIDATE = "Task_ValidateReport";
  public static final String TASK_CHECK_EVIDENCE = "Task_CheckEvidence";
  public static final String TASK_REVIEW = "Task_ReviewReport";
  public static final String TASK_ESCALATED_REVIEW = "Task_EscalatedReview";
  public static final String TASK_EXEMPT = "Task_ExemptOrders";
  public static final String TASK_EXPIRE = "Task_ExpireReport";
  public static final String AWAIT_EVIDENCE = "Gateway_AwaitEvidence";
  public static final String TIMER_REVIEW_OVERDUE = "BoundaryEvent_ReviewOverdue";
  public static final String TIMER_EVIDENCE_EXPIRED = "IntermediateEvent_EvidenceExpired";

  /**
   * The report an instance acts on: its business key, set at start and never changed. A variable
   * could be overwritten by whoever completes a task, so no delegate, listener or expression reads
   * the report's identity from one.
   */
  public static long reportId(DelegateExecution execution) {
    String key = execution.getProcessBusinessKey();
    if (key == null) {
      throw new IllegalStateException(
          "process instance " + execution.getProcessInstanceId() + " has no business key");
    }
    return Long.parseLong(key);
  }

  private ProcessIds() {}
}
