package com.shipdelay.workflow;

import com.shipdelay.report.ReportEvents;
import com.shipdelay.report.ReportSubmitted;
import com.shipdelay.review.ReviewForm;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the report's process instance inside the submission's transaction. The first step is
 * asynchronous, so the start only writes a job: if the submission rolls back, so does the instance.
 */
@Component
class ReportProcessStarter {

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ReviewForm form;

  ReportProcessStarter(RuntimeService runtime, TaskService tasks, ReviewForm form) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.form = form;
  }

  /**
   * A supplement either wakes an instance waiting for evidence or, when a review task is already
   * open, refreshes what that task shows: its form must list the current evidence and findings.
   */
  @EventListener
  void on(ReportEvents.EvidenceSupplied event) {
    String key = String.valueOf(event.reportId());
    runtime
        .createMessageCorrelation(ProcessIds.MESSAGE_EVIDENCE_SUPPLIED)
        .processInstanceBusinessKey(key)
        .correlateAllWithResult();
    for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(key).list()) {
      var content =
          form.of(
              event.reportId(),
              ProcessIds.TASK_ESCALATED_REVIEW.equals(task.getTaskDefinitionKey()));
      task.setName(content.name());
      task.setDescription(content.description());
      tasks.saveTask(task);
      tasks.setVariablesLocal(task.getId(), content.variables());
    }
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
    // the business key is the report's identity; the instance starts with no variables
    runtime.startProcessInstanceByKey(ProcessIds.PROCESS_KEY, String.valueOf(event.reportId()));
  }
}
