package com.shipdelay.workflow;

/** Names shared between the BPMN model and the code: keys, variables, activity ids. */
public final class ProcessIds {

  public static final String PROCESS_KEY = "DelayReportProcess";

  /** The only variable set at start; the business key is the same id. */
  public static final String REPORT_ID = "reportId";

  /** Gateway flag: the report passed validation. */
  public static final String VALID = "valid";

  /** Set by the review form or any /engine-rest client completing a review task. */
  public static final String DECISION = "decision";

  public static final String COMMENT = "comment";

  public static final String TASK_VALIDATE = "Task_ValidateReport";
  public static final String TASK_REVIEW = "Task_ReviewReport";
  public static final String TASK_EXEMPT = "Task_ExemptOrders";

  private ProcessIds() {}
}
