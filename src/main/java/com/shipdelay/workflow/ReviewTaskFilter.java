package com.shipdelay.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.identity.Groups;
import com.shipdelay.identity.WebappSessionAdapter;
import com.shipdelay.identity.WebappSessionAdapter.SessionUser;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The REST boundary of the review desk, for {@code /engine-rest} and for the webapps' own engine
 * API that Tasklist uses.
 *
 * <ul>
 *   <li>A task completion (complete, submit-form, resolve) may carry {@code decision} and {@code
 *       comment} as strings, and nothing else; anything more answers 400 before the engine is
 *       called, so the task stays open and nothing changes.
 *   <li>Throwing a BPMN error or escalation from a task answers 400: the review has no use for it.
 *   <li>Completing or claiming a task that is gone answers 409 {@code TASK_ALREADY_COMPLETED} (it
 *       was completed, by another reviewer say), one that never existed 404.
 *   <li>Unclaiming: reviewers hold READ + TASK_WORK on their tasks, not TASK_ASSIGN (which would
 *       also let them reassign and drop candidate groups). The engine's unclaim needs TASK_ASSIGN,
 *       its claim with no user (which only needs TASK_WORK) does the same thing, so an unclaim is
 *       carried out as that claim: by the assignee, a review lead or an admin, as themselves.
 * </ul>
 *
 * Claiming for someone else is refused in the engine ({@code reviewAssignment}), whichever API
 * asks.
 */
class ReviewTaskFilter extends OncePerRequestFilter {

  private static final Pattern TASK_ACTION = Pattern.compile(".*/task/([^/]+)/([A-Za-z-]+)/?$");
  private static final Set<String> COMPLETIONS = Set.of("complete", "submit-form", "resolve");
  private static final Set<String> THROWING = Set.of("bpmnError", "bpmnEscalation");
  private static final List<String> MAY_UNCLAIM_OTHERS =
      List.of(Groups.REVIEW_LEADS, Groups.ADMINS);
  private static final int MAX_BODY = 64 * 1024;

  private final ObjectMapper json = new ObjectMapper();
  private final TaskService tasks;
  private final HistoryService history;
  private final IdentityService identity;

  ReviewTaskFilter(TaskService tasks, HistoryService history, IdentityService identity) {
    this.tasks = tasks;
    this.history = history;
    this.identity = identity;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equalsIgnoreCase(request.getMethod());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher action = TASK_ACTION.matcher(request.getRequestURI());
    String verb = action.matches() ? action.group(2) : "";
    boolean judged =
        COMPLETIONS.contains(verb)
            || "claim".equals(verb)
            || "unclaim".equals(verb)
            || THROWING.contains(verb);
    Optional<SessionUser> user = judged ? currentUser(request) : Optional.empty();
    if (user.isEmpty()) {
      chain.doFilter(request, response); // not a task action, or the API answers 401 itself
      return;
    }
    String taskId = action.group(1);
    if (refusedBeforeReading(request, response, taskId, verb)) {
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      answer(response, 400, "请求体过大");
      return;
    }
    if (COMPLETIONS.contains(verb)) {
      String problem = ReviewCompletion.problem(body);
      if (problem != null) {
        answer(response, 400, problem);
        return;
      }
    } else if (answeredClaim(response, taskId, verb, body, user.get())) {
      return;
    }
    passOn(request, response, chain, taskId, body);
  }

  /**
   * Answers what is refused whatever the body says: throwing from a task, a webapp call without its
   * CSRF token, completing or claiming a task that is gone. False when none applies.
   */
  private boolean refusedBeforeReading(
      HttpServletRequest request, HttpServletResponse response, String taskId, String verb)
      throws IOException {
    if (THROWING.contains(verb)) {
      answer(response, 400, "审核任务只能以审核结论 (decision、comment) 完成，不支持抛出 BPMN 错误或升级事件");
      return true;
    }
    if (isWebapp(request) && !WebappSessionAdapter.csrfValid(request)) {
      answer(response, 403, "缺少或无效的 CSRF 令牌");
      return true;
    }
    if (COMPLETIONS.contains(verb) || "claim".equals(verb)) {
      int gone = gone(taskId);
      if (gone != 0) {
        answer(response, gone, gone == 409 ? EngineRestConfig.TASK_GONE : "任务不存在：" + taskId);
        return true;
      }
    }
    return false;
  }

  /**
   * Carries out an unclaim (also a claim that names nobody) and refuses a claim for someone else;
   * false for a claim the engine may carry out.
   */
  private boolean answeredClaim(
      HttpServletResponse response, String taskId, String verb, byte[] body, SessionUser me)
      throws IOException {
    String claimant = "unclaim".equals(verb) ? null : claimsFor(body);
    if (claimant == null) {
      unclaim(response, taskId, me);
      return true;
    }
    if (!claimant.isEmpty()
        && !claimant.equals(me.userId())
        && !me.groupIds().contains(Groups.ADMINS)) {
      answer(response, 403, "审核员只能认领给自己，不能认领给 " + claimant);
      return true;
    }
    return false;
  }

  /**
   * Two completions at once both pass the checks before the engine. The engine lets one win; the
   * other fails as whatever it ran into (403 once the task's authorisations are gone, 500 for a
   * task that vanished, 400 or 409 from the decision listener). A failure for a task that is gone
   * by then lost that race: it answers 409, whichever API was used.
   */
  private void passOn(
      HttpServletRequest request,
      HttpServletResponse response,
      FilterChain chain,
      String taskId,
      byte[] body)
      throws ServletException, IOException {
    ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
    chain.doFilter(new CachedBodyRequest(request, body), held);
    if (held.getStatus() >= 400 && gone(taskId) == 409) {
      response.reset();
      answer(response, 409, EngineRestConfig.TASK_GONE);
      return;
    }
    held.copyBodyToResponse();
  }

  /** The user a claim names, "" when the body cannot be read, null when it names nobody. */
  private String claimsFor(byte[] body) {
    try {
      JsonNode root = body.length == 0 ? null : json.readTree(body);
      JsonNode userId = root == null ? null : root.path("userId");
      return userId == null || userId.isNull() || userId.isMissingNode() ? null : userId.asText();
    } catch (IOException e) {
      return ""; // the engine answers malformed JSON itself
    }
  }

  private void unclaim(HttpServletResponse response, String taskId, SessionUser me)
      throws IOException {
    identity.setAuthentication(me.userId(), me.groupIds());
    try {
      Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
      if (task == null) {
        answer(response, 404, "任务不存在或无权查看：" + taskId);
        return;
      }
      if (task.getAssignee() != null
          && !task.getAssignee().equals(me.userId())
          && !me.inAny(MAY_UNCLAIM_OTHERS)) {
        answer(response, 403, "只能取消自己认领的任务；任务由 " + task.getAssignee() + " 认领");
        return;
      }
      tasks.claim(taskId, null);
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    } catch (AuthorizationException e) {
      answer(response, 403, "无权取消认领该任务");
    } finally {
      identity.clearAuthentication();
    }
  }

  /**
   * 409 when the task was completed (or deleted) already, 404 when there never was such a task, 0
   * while it is open. So the second of two completions answers 409 before the engine is called.
   * Asked without the caller's authorisations: a task the caller may not see still answers as the
   * engine has it (403). Two completions at the same moment both pass here: see after the chain.
   */
  private int gone(String taskId) {
    var caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      if (tasks.createTaskQuery().taskId(taskId).count() > 0) {
        return 0;
      }
      return history.createHistoricTaskInstanceQuery().taskId(taskId).count() > 0 ? 409 : 404;
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }

  /**
   * The caller: on {@code /engine-rest} the HTTP Basic filter before this one has authenticated the
   * request to the engine; on the webapps' API it is the webapp session.
   */
  private Optional<SessionUser> currentUser(HttpServletRequest request) {
    var engineUser = identity.getCurrentAuthentication();
    if (engineUser != null && engineUser.getUserId() != null) {
      return Optional.of(
          new SessionUser(
              engineUser.getUserId(),
              engineUser.getGroupIds() == null ? List.of() : engineUser.getGroupIds()));
    }
    return isWebapp(request) ? WebappSessionAdapter.user(request) : Optional.empty();
  }

  private static boolean isWebapp(HttpServletRequest request) {
    return request.getRequestURI().startsWith(request.getContextPath() + "/camunda/");
  }

  /** Answers in the engine REST API's error shape (type, message), plus a stable code. */
  private void answer(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    Map<String, String> body = new LinkedHashMap<>();
    ErrorCode code =
        switch (status) {
          case 401 -> ErrorCode.UNAUTHORIZED;
          case 403 -> ErrorCode.FORBIDDEN;
          case 404 -> ErrorCode.TASK_NOT_FOUND;
          case 409 -> ErrorCode.TASK_ALREADY_COMPLETED;
          default -> ErrorCode.REVIEW_COMPLETION_REFUSED;
        };
    // 401 and 403 keep the engine's own types, which the webapps recognise
    body.put(
        "type",
        switch (status) {
          case 401 -> "AuthenticationException";
          case 403 -> "AuthorizationException";
          default -> Problems.type(code).toString();
        });
    body.put("code", code.name());
    body.put("message", message);
    response.getWriter().write(json.writeValueAsString(body));
  }
}
