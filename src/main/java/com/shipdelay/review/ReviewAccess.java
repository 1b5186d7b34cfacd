package com.shipdelay.review;

import com.shipdelay.identity.Groups;
import com.shipdelay.identity.WebappSessionAdapter;
import com.shipdelay.identity.WebappSessionAdapter.SessionUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.springframework.stereotype.Component;

/**
 * Who may open what a review form links to (evidence files, the full order list): an admin, or a
 * webapp user who may see a task of that report, by its candidate group or as its assignee.
 * Everyone else is told nothing exists.
 */
@Component
class ReviewAccess {

  /** Why a request may not open a report's review material. */
  enum Refusal {
    NOT_LOGGED_IN,
    NOT_ALLOWED
  }

  private final TaskService tasks;

  ReviewAccess(TaskService tasks) {
    this.tasks = tasks;
  }

  /**
   * @return empty when the request's webapp user may see the report's review material, else why not
   */
  Optional<Refusal> check(HttpServletRequest request, long reportId) {
    Optional<SessionUser> user = WebappSessionAdapter.user(request);
    if (user.isEmpty()) {
      return Optional.of(Refusal.NOT_LOGGED_IN);
    }
    return mayReview(user.get(), reportId) ? Optional.empty() : Optional.of(Refusal.NOT_ALLOWED);
  }

  boolean mayReview(SessionUser user, long reportId) {
    if (user.groupIds().contains(Groups.ADMINS)) {
      return true;
    }
    String key = String.valueOf(reportId);
    if (tasks.createTaskQuery().processInstanceBusinessKey(key).taskAssignee(user.userId()).count()
        > 0) {
      return true;
    }
    List<String> groups = user.groupIds();
    return !groups.isEmpty()
        && tasks
                .createTaskQuery()
                .processInstanceBusinessKey(key)
                .taskCandidateGroupIn(groups)
                .includeAssignedTasks()
                .count()
            > 0;
  }
}
