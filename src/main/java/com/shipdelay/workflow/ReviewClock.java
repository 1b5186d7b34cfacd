package com.shipdelay.workflow;

import com.shipdelay.report.ReportLifecycle;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The review deadline, for the model's expressions ({@code ${reviewClock.deadline(execution)}}):
 * the review task's due date and the escalation timer both read it from the report the instance's
 * business key names.
 */
@Component("reviewClock")
public class ReviewClock {

  private final ReportLifecycle lifecycle;

  ReviewClock(ReportLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  public Date deadline(DelegateExecution execution) {
    return Date.from(lifecycle.reviewDueAt(ProcessIds.reportId(execution)));
  }

  /** When a report waiting for evidence expires (3 days after the wait began, by default). */
  public Date evidenceDeadline(DelegateExecution execution) {
    return Date.from(lifecycle.evidenceDueAt(ProcessIds.reportId(execution)));
  }
}
