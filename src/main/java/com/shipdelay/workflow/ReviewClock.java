package com.shipdelay.workflow;

import com.shipdelay.report.ReportLifecycle;
import java.util.Date;
import org.springframework.stereotype.Component;

/**
 * The review deadline, for the model's expressions ({@code ${reviewClock.deadline(reportId)}}): the
 * review task's due date and the escalation timer both read it from the report.
 */
@Component("reviewClock")
public class ReviewClock {

  private final ReportLifecycle lifecycle;

  ReviewClock(ReportLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  public Date deadline(Object reportId) {
    return Date.from(lifecycle.reviewDueAt(((Number) reportId).longValue()));
  }

  /** When a report waiting for evidence expires (3 days after the wait began, by default). */
  public Date evidenceDeadline(Object reportId) {
    return Date.from(lifecycle.evidenceDueAt(((Number) reportId).longValue()));
  }
}
