package com.shipdelay.workflow;

import com.shipdelay.exemption.Exemptions;
import com.shipdelay.report.ReportLifecycle;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model's delegates. Each is thin: read {@code reportId}, call one domain service, map the
 * result to a gateway flag. The bean names are what the model references.
 */
@Configuration
class ReportDelegates {

  static long reportId(DelegateExecution execution) {
    return ((Number) execution.getVariable(ProcessIds.REPORT_ID)).longValue();
  }

  @Bean("validateReport")
  JavaDelegate validateReport(ReportLifecycle lifecycle) {
    return execution ->
        execution.setVariable(ProcessIds.VALID, lifecycle.validate(reportId(execution)));
  }

  @Bean("checkEvidence")
  JavaDelegate checkEvidence(ReportLifecycle lifecycle) {
    return execution ->
        execution.setVariable(
            ProcessIds.EVIDENCE_COMPLETE, lifecycle.checkEvidence(reportId(execution)));
  }

  @Bean("expireReport")
  JavaDelegate expireReport(ReportLifecycle lifecycle) {
    return execution -> lifecycle.expire(reportId(execution));
  }

  @Bean("reviewEscalated")
  TaskListener reviewEscalated(ReportLifecycle lifecycle) {
    return task -> task.setVariablesLocal(lifecycle.escalated(reportId(task.getExecution())));
  }

  @Bean("exemptOrders")
  JavaDelegate exemptOrders(Exemptions exemptions, ReportLifecycle lifecycle) {
    return execution -> {
      long reportId = reportId(execution);
      lifecycle.exempted(reportId, exemptions.exemptReportOrders(reportId));
    };
  }

  @Bean("reviewStarted")
  TaskListener reviewStarted(ReportLifecycle lifecycle) {
    return task -> task.setVariablesLocal(lifecycle.reviewStarted(reportId(task.getExecution())));
  }

  /**
   * Checks and records the decision when a review task completes. A bad completion throws {@link
   * BadUserRequestException}: the transaction rolls back, the task stays open, and {@code
   * /engine-rest} answers 400 with the message.
   */
  @Bean("reviewDecision")
  TaskListener reviewDecision(ReportLifecycle lifecycle) {
    return (DelegateTask task) -> {
      try {
        lifecycle.decide(
            reportId(task.getExecution()),
            task.getVariable(ProcessIds.DECISION),
            task.getVariable(ProcessIds.COMMENT));
      } catch (ReportLifecycle.InvalidDecisionException e) {
        throw new BadUserRequestException(e.getMessage());
      }
    };
  }
}
