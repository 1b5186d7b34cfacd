package com.shipdelay.workflow;

import com.shipdelay.report.ReportEvents;
import com.shipdelay.report.ReportSubmitted;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the report's process instance inside the submission's transaction. The first step is
 * asynchronous, so the start only writes a job: if the submission rolls back, so does the instance.
 */
@Component
class ReportProcessStarter {

  private final RuntimeService runtime;

  ReportProcessStarter(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @EventListener
  void on(ReportEvents.EvidenceSupplied event) {
    runtime
        .createMessageCorrelation(ProcessIds.MESSAGE_EVIDENCE_SUPPLIED)
        .processInstanceBusinessKey(String.valueOf(event.reportId()))
        .correlateAllWithResult();
  }

  @EventListener
  void on(ReportEvents.Withdrawn event) {
    runtime
        .createMessageCorrelation(ProcessIds.MESSAGE_REPORT_WITHDRAWN)
        .processInstanceBusinessKey(String.valueOf(event.reportId()))
        .correlateAllWithResult();
  }

  @EventListener
  void on(ReportSubmitted event) {
    runtime.startProcessInstanceByKey(
        ProcessIds.PROCESS_KEY,
        String.valueOf(event.reportId()),
        Map.of(ProcessIds.REPORT_ID, event.reportId()));
  }
}
