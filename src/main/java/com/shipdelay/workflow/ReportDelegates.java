package com.shipdelay.workflow;

import static com.shipdelay.workflow.ProcessIds.reportId;

import com.shipdelay.exemption.Exemptions;
import com.shipdelay.identity.Groups;
import com.shipdelay.report.ReportLifecycle;
import com.shipdelay.review.ReviewDecisions;
import com.shipdelay.review.ReviewForm;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model's delegates. Each is thin: take the report from the business key, call one domain
 * service, map the result to a gateway flag. The bean names are what the model references.
 */
@Configuration
class ReportDelegates {

  /** The only variables an instance may hold: the gateways' flags and the review's outcome. */
  static final Set<String> PROCESS_VARIABLES =
      Set.of(
          ProcessIds.VALID, ProcessIds.EVIDENCE_COMPLETE, ProcessIds.DECISION, ProcessIds.COMMENT);

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

  @Bean("exemptOrders")
  JavaDelegate exemptOrders(Exemptions exemptions, ReportLifecycle lifecycle) {
    return (DelegateExecution execution) -> {
      long reportId = reportId(execution);
      lifecycle.exempted(reportId, exemptions.exemptReportOrders(reportId));
    };
  }

  @Bean("reviewStarted")
  TaskListener reviewStarted(ReportLifecycle lifecycle, ReviewForm form) {
    return task -> {
      long reportId = reportId(task.getExecution());
      lifecycle.reviewStarted(reportId);
      show(task, form.of(reportId, false));
    };
  }

  @Bean("reviewEscalated")
  TaskListener reviewEscalated(ReportLifecycle lifecycle, ReviewForm form) {
    return task -> {
      long reportId = reportId(task.getExecution());
      lifecycle.escalated(reportId);
      show(task, form.of(reportId, true));
    };
  }

  static void show(DelegateTask task, ReviewForm.Content content) {
    task.setName(content.name());
    task.setDescription(content.description());
    task.setVariablesLocal(content.variables());
  }

  /**
   * A reviewer may take a task only for themselves. The engine lets anyone with TASK_WORK claim a
   * task for any user id; this closes that. Internal calls (no authenticated user) and admins may
   * assign freely.
   */
  @Bean("reviewAssignment")
  TaskListener reviewAssignment() {
    return task -> {
      var user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
      String assignee = task.getAssignee();
      if (user == null
          || assignee == null
          || assignee.equals(user.getUserId())
          || (user.getGroupIds() != null && user.getGroupIds().contains(Groups.ADMINS))) {
        return;
      }
      throw new AuthorizationException(
          "审核员只能认领给自己：用户 " + user.getUserId() + " 不能把任务 " + task.getId() + " 分配给 " + assignee);
    };
  }

  /**
   * Checks and records the decision when a review task completes. A bad completion throws {@link
   * BadUserRequestException}: the transaction rolls back, the task stays open, and {@code
   * /engine-rest} answers 400 with the message. A completion may set {@code decision} and {@code
   * comment} only: a variable the instance did not hold before is refused here, whichever API
   * completed the task ({@link ReviewTaskFilter} refuses the request itself at the REST boundary).
   * A completion that finds the report already decided lost a race with another completion of the
   * same task: {@link ReviewAlreadyDecided}, 409 on {@code /engine-rest}.
   */
  @Bean("reviewDecision")
  TaskListener reviewDecision(ReviewDecisions review) {
    return (DelegateTask task) -> {
      for (String name : task.getExecution().getVariableNames()) {
        if (!PROCESS_VARIABLES.contains(name)) {
          throw new BadUserRequestException("审核结论只能包含 decision 和 comment，不接受变量 " + name);
        }
      }
      try {
        var user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        review.decide(
            reportId(task.getExecution()),
            task.getVariable(ProcessIds.DECISION),
            task.getVariable(ProcessIds.COMMENT),
            user != null ? user.getUserId() : task.getAssignee());
      } catch (ReviewDecisions.AlreadyDecidedException e) {
        throw new ReviewAlreadyDecided(e.getMessage());
      } catch (ReviewDecisions.InvalidDecisionException e) {
        throw new BadUserRequestException(e.getMessage());
      }
    };
  }
}
