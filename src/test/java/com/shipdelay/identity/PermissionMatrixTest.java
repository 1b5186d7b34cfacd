package com.shipdelay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import com.shipdelay.support.WebappSession;
import com.shipdelay.workflow.ProcessIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What each role may do to the review desk, against the real engine REST API, the webapps' API and
 * the reviewer links: one row per action, one expected outcome per role. An outcome is the HTTP
 * status, or for a list the status and whether it showed anything. Actions that change a task run
 * on a fresh report for every role, so one role's outcome never depends on another's.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest {

  enum Role {
    ANONYMOUS(null, null),
    MERCHANT(null, null),
    REVIEWER("reviewer", "reviewer-dev-password"),
    LEAD("lead", "lead-dev-password"),
    ADMIN("admin", "admin-dev-password");

    final String user;
    final String password;

    Role(String user, String password) {
      this.user = user;
      this.password = password;
    }
  }

  /** A report under review: its process instance, its open task and its evidence file. */
  record Target(long reportId, String processInstanceId, String taskId, long evidenceId) {}

  /** How a role calls: HTTP Basic (or the merchant's token) and a webapp session. */
  record Caller(Role role, String authorization, WebappSession webapp) {}

  record Row(
      String action, boolean fresh, BiFunction<Caller, Target, String> call, String... expected) {}

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired TestData data;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;

  Api api;
  TestData.TestMerchant merchant;
  Target inReview;
  Target escalated;
  Map<Role, Caller> callers = new LinkedHashMap<>();

  @BeforeAll
  void setUp() {
    api = new Api(port);
    merchant = data.merchant();
    inReview = reportInReview();
    escalated = reportInReview();
    management.executeJob(
        management
            .createJobQuery()
            .processInstanceId(escalated.processInstanceId())
            .activityId(ProcessIds.TIMER_REVIEW_OVERDUE)
            .singleResult()
            .getId());
    escalated = withOpenTask(escalated);
    assertThat(status(escalated)).isEqualTo("ESCALATED");
    // a lead's claim and unclaim put entries in the user operation log
    String lead = Api.basic("lead", "lead-dev-password");
    String task = "/engine-rest/task/" + escalated.taskId();
    assertThat(api.send("POST", task + "/claim", lead, "{\"userId\":\"lead\"}").status())
        .isEqualTo(204);
    assertThat(api.send("POST", task + "/unclaim", lead, null).status()).isEqualTo(204);
    for (Role role : Role.values()) {
      callers.put(
          role,
          switch (role) {
            case ANONYMOUS -> new Caller(role, null, WebappSession.anonymous(port));
            case MERCHANT ->
                new Caller(role, Api.bearer(merchant.token()), WebappSession.anonymous(port));
            default ->
                new Caller(
                    role,
                    Api.basic(role.user, role.password),
                    WebappSession.login(port, role.user, role.password));
          });
    }
  }

  private Target reportInReview() {
    var review = data.inReview(api, merchant, "MERCHANT_FACTOR", "PRICING_PROOF");
    long evidenceId = review.filed().get("evidence").get(0).get("id").asLong();
    return new Target(review.reportId(), review.processInstanceId(), review.taskId(), evidenceId);
  }

  private Target withOpenTask(Target t) {
    Task task = tasks.createTaskQuery().processInstanceId(t.processInstanceId()).singleResult();
    return new Target(t.reportId(), t.processInstanceId(), task.getId(), t.evidenceId());
  }

  private String status(Target t) {
    return jdbc.sql("select status from delay_report where id = ?")
        .param(t.reportId())
        .query(String.class)
        .single();
  }

  // ---- how an outcome is read ----

  private String rest(Caller c, String method, String path, String json) {
    return String.valueOf(
        api.send(method, "/engine-rest" + path, c.authorization(), json).status());
  }

  /** "200 items" or "200 empty" for a list, else the status. */
  private String list(Caller c, String path) {
    Api.Response r = api.send("GET", "/engine-rest" + path, c.authorization(), null);
    if (r.status() != 200) {
      return String.valueOf(r.status());
    }
    JsonNode items = r.json();
    return items.isArray() && items.isEmpty() ? "200 empty" : "200 items";
  }

  private String webapp(Caller c, String method, String path, String json) {
    return String.valueOf(c.webapp().send(method, path, json).status());
  }

  /** A link from the review form, opened in the caller's browser. */
  private String link(Caller c, String path) {
    if (c.role() == Role.MERCHANT) {
      return String.valueOf(api.get(path, c.authorization()).status());
    }
    return webapp(c, "GET", path, null);
  }

  private static String self(Caller c) {
    return c.role().user == null ? "reviewer" : c.role().user;
  }

  private static String other(Caller c) {
    return "reviewer".equals(c.role().user) ? "lead" : "reviewer";
  }

  private static String decision(
      String decision, String comment, String extraName, String extraValue) {
    String extra =
        extraName == null ? "" : ",\"%s\":{\"value\":%s}".formatted(extraName, extraValue);
    return """
        {"variables":{"decision":{"value":"%s","type":"String"},"comment":{"value":"%s","type":"String"}%s}}"""
        .formatted(decision, comment, extra);
  }

  List<Row> rows() {
    //                                                       anonymous merchant reviewer lead admin
    List<Row> rows = new ArrayList<>();
    // reading the desk
    rows.add(
        new Row(
            "read a task of one's group",
            false,
            (c, t) -> rest(c, "GET", "/task/" + inReview.taskId(), null),
            "401",
            "401",
            "200",
            "200",
            "200"));
    rows.add(
        new Row(
            "read its form variables",
            false,
            (c, t) -> rest(c, "GET", "/task/" + inReview.taskId() + "/form-variables", null),
            "401",
            "401",
            "200",
            "200",
            "200"));
    rows.add(
        new Row(
            "read its deployed form",
            false,
            (c, t) -> rest(c, "GET", "/task/" + inReview.taskId() + "/deployed-form", null),
            "401",
            "401",
            "200",
            "200",
            "200"));
    rows.add(
        new Row(
            "read an escalated task",
            false,
            (c, t) -> rest(c, "GET", "/task/" + escalated.taskId(), null),
            "401",
            "401",
            "404",
            "200",
            "200"));
    rows.add(
        new Row(
            "list escalated tasks",
            false,
            (c, t) -> list(c, "/task?processInstanceBusinessKey=" + escalated.reportId()),
            "401",
            "401",
            "200 empty",
            "200 items",
            "200 items"));
    rows.add(
        new Row(
            "read a report's history variables",
            false,
            (c, t) ->
                list(
                    c,
                    "/history/variable-instance?processInstanceId=" + inReview.processInstanceId()),
            "401",
            "401",
            "200 empty",
            "200 empty",
            "200 items"));
    rows.add(
        new Row(
            "read a report's history",
            false,
            (c, t) ->
                list(
                    c,
                    "/history/process-instance?processInstanceBusinessKey=" + inReview.reportId()),
            "401",
            "401",
            "200 empty",
            "200 empty",
            "200 items"));
    rows.add(
        new Row(
            "read the user operation log",
            false,
            (c, t) ->
                list(
                    c,
                    "/history/user-operation?processInstanceId=" + escalated.processInstanceId()),
            "401",
            "401",
            "200 empty",
            "200 empty",
            "200 items"));
    rows.add(
        new Row(
            "read the admin's profile",
            false,
            (c, t) -> rest(c, "GET", "/user/admin/profile", null),
            "401",
            "401",
            "404",
            "404",
            "200"));
    rows.add(
        new Row(
            "read a colleague's profile",
            false,
            (c, t) -> rest(c, "GET", "/user/lead/profile", null),
            "401",
            "401",
            "200",
            "200",
            "200"));
    rows.add(
        new Row(
            "read the admins group",
            false,
            (c, t) -> rest(c, "GET", "/group/camunda-admin", null),
            "401",
            "401",
            "404",
            "404",
            "200"));
    rows.add(
        new Row(
            "read the process instance's variables",
            false,
            (c, t) ->
                rest(
                    c,
                    "GET",
                    "/process-instance/" + inReview.processInstanceId() + "/variables",
                    null),
            "401",
            "401",
            "403",
            "403",
            "200"));
    // the webapps' API and the form's links
    rows.add(
        new Row(
            "read a task through Tasklist's API",
            false,
            (c, t) ->
                webapp(
                    c, "GET", "/camunda/api/engine/engine/default/task/" + inReview.taskId(), null),
            "401",
            "401",
            "200",
            "200",
            "200"));
    rows.add(
        new Row(
            "open the report's evidence link",
            false,
            (c, t) -> link(c, "/review/evidence/" + inReview.evidenceId()),
            "401",
            "401",
            "200",
            "200",
            "200"));
    rows.add(
        new Row(
            "open an escalated report's evidence",
            false,
            (c, t) -> link(c, "/review/evidence/" + escalated.evidenceId()),
            "401",
            "401",
            "404",
            "200",
            "200"));
    rows.add(
        new Row(
            "open the report's order list",
            false,
            (c, t) -> link(c, "/review/reports/" + inReview.reportId() + "/orders.csv"),
            "401",
            "401",
            "200",
            "200",
            "200"));
    rows.add(
        new Row(
            "open an escalated report's order list",
            false,
            (c, t) -> link(c, "/review/reports/" + escalated.reportId() + "/orders.csv"),
            "401",
            "401",
            "404",
            "200",
            "200"));
    // working a task
    rows.add(
        new Row(
            "claim for oneself",
            true,
            (c, t) ->
                rest(
                    c,
                    "POST",
                    "/task/" + t.taskId() + "/claim",
                    "{\"userId\":\"" + self(c) + "\"}"),
            "401",
            "401",
            "204",
            "204",
            "204"));
    rows.add(
        new Row(
            "claim for someone else",
            true,
            (c, t) ->
                rest(
                    c,
                    "POST",
                    "/task/" + t.taskId() + "/claim",
                    "{\"userId\":\"" + other(c) + "\"}"),
            "401",
            "401",
            "403",
            "403",
            "204"));
    rows.add(
        new Row(
            "unclaim one's own claim",
            true,
            (c, t) -> {
              tasks.claim(t.taskId(), self(c));
              return rest(c, "POST", "/task/" + t.taskId() + "/unclaim", null);
            },
            "401",
            "401",
            "204",
            "204",
            "204"));
    rows.add(
        new Row(
            "unclaim a colleague's claim",
            true,
            (c, t) -> {
              tasks.claim(t.taskId(), other(c));
              return rest(c, "POST", "/task/" + t.taskId() + "/unclaim", null);
            },
            "401",
            "401",
            "403",
            "204",
            "204"));
    rows.add(
        new Row(
            "unclaim through Tasklist's API",
            true,
            (c, t) -> {
              tasks.claim(t.taskId(), self(c));
              return webapp(
                  c,
                  "POST",
                  "/camunda/api/engine/engine/default/task/" + t.taskId() + "/unclaim",
                  null);
            },
            "401",
            "401",
            "204",
            "204",
            "204"));
    rows.add(
        new Row(
            "complete with decision and comment",
            true,
            (c, t) ->
                rest(
                    c,
                    "POST",
                    "/task/" + t.taskId() + "/complete",
                    decision("APPROVE", "凭证齐全", null, null)),
            "401",
            "401",
            "204",
            "204",
            "204"));
    rows.add(
        new Row(
            "complete with another report's id",
            true,
            (c, t) ->
                rest(
                    c,
                    "POST",
                    "/task/" + t.taskId() + "/complete",
                    decision("APPROVE", "x", "reportId", String.valueOf(escalated.reportId()))),
            "401",
            "401",
            "400",
            "400",
            "400"));
    rows.add(
        new Row(
            "complete overwriting a gateway flag",
            true,
            (c, t) ->
                rest(
                    c,
                    "POST",
                    "/task/" + t.taskId() + "/complete",
                    decision("APPROVE", "x", "valid", "false")),
            "401",
            "401",
            "400",
            "400",
            "400"));
    rows.add(
        new Row(
            "complete through Tasklist with an extra variable",
            true,
            (c, t) ->
                webapp(
                    c,
                    "POST",
                    "/camunda/api/engine/engine/default/task/" + t.taskId() + "/submit-form",
                    decision("APPROVE", "x", "reportId", String.valueOf(escalated.reportId()))),
            "401",
            "401",
            "400",
            "400",
            "400"));
    rows.add(
        new Row(
            "complete an escalated task",
            true,
            (c, t) -> {
              escalate(t);
              return rest(
                  c,
                  "POST",
                  "/task/" + withOpenTask(t).taskId() + "/complete",
                  decision("APPROVE", "组长通过", null, null));
            },
            "401",
            "401",
            "403",
            "204",
            "204"));
    rows.add(
        new Row(
            "throw a BPMN error from a task",
            true,
            (c, t) ->
                rest(c, "POST", "/task/" + t.taskId() + "/bpmnError", "{\"errorCode\":\"x\"}"),
            "401",
            "401",
            "400",
            "400",
            "400"));
    // everything else on tasks, variables, identity links and users
    rows.add(
        new Row(
            "write a task variable",
            true,
            (c, t) ->
                rest(
                    c,
                    "PUT",
                    "/task/" + t.taskId() + "/variables/reportId",
                    "{\"value\":" + escalated.reportId() + ",\"type\":\"Long\"}"),
            "401",
            "401",
            "403",
            "403",
            "204"));
    rows.add(
        new Row(
            "write a task-local variable",
            true,
            (c, t) ->
                rest(
                    c,
                    "PUT",
                    "/task/" + t.taskId() + "/localVariables/evidenceLinks",
                    "{\"value\":\"[凭证](http://evil.example)\",\"type\":\"String\"}"),
            "401",
            "401",
            "403",
            "403",
            "204"));
    rows.add(
        new Row(
            "remove the candidate group",
            true,
            (c, t) ->
                rest(
                    c,
                    "POST",
                    "/task/" + t.taskId() + "/identity-links/delete",
                    "{\"groupId\":\"reviewers\",\"type\":\"candidate\"}"),
            "401",
            "401",
            "403",
            "403",
            "204"));
    rows.add(
        new Row(
            "add a candidate user",
            true,
            (c, t) ->
                rest(
                    c,
                    "POST",
                    "/task/" + t.taskId() + "/identity-links",
                    "{\"userId\":\"lead\",\"type\":\"candidate\"}"),
            "401",
            "401",
            "403",
            "403",
            "204"));
    rows.add(
        new Row(
            "assign to another user",
            true,
            (c, t) ->
                rest(
                    c,
                    "POST",
                    "/task/" + t.taskId() + "/assignee",
                    "{\"userId\":\"" + other(c) + "\"}"),
            "401",
            "401",
            "403",
            "403",
            "204"));
    rows.add(
        new Row(
            "delegate",
            true,
            (c, t) ->
                rest(
                    c,
                    "POST",
                    "/task/" + t.taskId() + "/delegate",
                    "{\"userId\":\"" + other(c) + "\"}"),
            "401",
            "401",
            "403",
            "403",
            "204"));
    rows.add(
        new Row(
            "rename the task",
            true,
            (c, t) -> rest(c, "PUT", "/task/" + t.taskId(), "{\"name\":\"已通过\",\"priority\":1}"),
            "401",
            "401",
            "403",
            "403",
            "204"));
    rows.add(
        new Row(
            "create a task",
            false,
            (c, t) -> rest(c, "POST", "/task/create", "{\"name\":\"x\"}"),
            "401",
            "401",
            "403",
            "403",
            "204"));
    rows.add(
        new Row(
            "start a report process",
            false,
            (c, t) ->
                rest(
                    c,
                    "POST",
                    "/process-definition/key/DelayReportProcess/start",
                    c.role() == Role.ADMIN ? null : "{}"),
            "401",
            "401",
            "403",
            "403",
            "skip"));
    rows.add(
        new Row(
            "correlate a message",
            true,
            (c, t) ->
                rest(
                    c,
                    "POST",
                    "/message",
                    "{\"messageName\":\"ReportWithdrawn\",\"businessKey\":\""
                        + t.reportId()
                        + "\"}"),
            "401",
            "401",
            "403",
            "403",
            "skip"));
    rows.add(
        new Row(
            "create a user",
            false,
            (c, t) ->
                rest(
                    c,
                    "POST",
                    "/user/create",
                    "{\"profile\":{\"id\":\"intruder"
                        + c.role().ordinal()
                        + "\"},\"credentials\":{\"password\":\"p4ssw0rd-p4ssw0rd\"}}"),
            "401",
            "401",
            "403",
            "403",
            "204"));
    rows.add(
        new Row(
            "open the first-admin setup",
            false,
            (c, t) ->
                webapp(
                    c,
                    "POST",
                    "/camunda/api/admin/setup/default/user/create",
                    "{\"profile\":{\"id\":\"setup"
                        + c.role().ordinal()
                        + "\"},\"credentials\":{\"password\":\"p4ssw0rd-p4ssw0rd\"}}"),
            "403",
            "403",
            "403",
            "403",
            "403"));
    return rows;
  }

  private void escalate(Target t) {
    management.executeJob(
        management
            .createJobQuery()
            .processInstanceId(t.processInstanceId())
            .activityId(ProcessIds.TIMER_REVIEW_OVERDUE)
            .singleResult()
            .getId());
  }

  @Test
  void everyRoleGetsExactlyWhatTheTableSays() {
    List<String> mismatches = new ArrayList<>();
    StringBuilder table = new StringBuilder();
    for (Row row : rows()) {
      table.append(String.format("%-48s", row.action()));
      for (Role role : Role.values()) {
        String expected = row.expected()[role.ordinal()];
        if (expected.equals("skip")) {
          table.append(String.format(" %-10s", "-"));
          continue;
        }
        Target target = row.fresh() ? reportInReview() : inReview;
        String actual = row.call().apply(callers.get(role), target);
        table.append(String.format(" %-10s", actual));
        if (!actual.equals(expected)) {
          mismatches.add(
              row.action() + " as " + role + ": expected " + expected + ", got " + actual);
        }
      }
      table.append('\n');
    }
    System.out.println("Permission matrix (anonymous, merchant, reviewer, lead, admin):\n" + table);
    assertThat(mismatches).isEmpty();
  }

  /** The probe from the issue, step by step: a decision never reaches another report. */
  @Test
  void completingATaskWithAnotherReportsIdChangesNothing() {
    Target a = reportInReview();
    Target b = reportInReview();
    String reviewer = Api.basic("reviewer", "reviewer-dev-password");

    Api.Response refused =
        api.send(
            "POST",
            "/engine-rest/task/" + a.taskId() + "/complete",
            reviewer,
            decision("APPROVE", "可以", "reportId", String.valueOf(b.reportId())));
    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("reportId");
    Api.Response planted =
        api.send(
            "PUT",
            "/engine-rest/task/" + a.taskId() + "/variables/reportId",
            reviewer,
            "{\"value\":" + b.reportId() + ",\"type\":\"Long\"}");
    assertThat(planted.status()).isEqualTo(403);

    assertThat(status(a)).isEqualTo("IN_REVIEW");
    assertThat(status(b)).isEqualTo("IN_REVIEW");
    assertThat(tasks.createTaskQuery().taskId(a.taskId()).count()).isEqualTo(1);
    assertThat(runtime.getVariables(a.processInstanceId())).doesNotContainKey("reportId");

    Api.Response approved =
        api.send(
            "POST",
            "/engine-rest/task/" + a.taskId() + "/complete",
            reviewer,
            decision("APPROVE", "凭证齐全", null, null));
    assertThat(approved.status()).as(approved.text()).isEqualTo(204);
    assertThat(status(a)).isEqualTo("APPROVED");
    assertThat(status(b)).isEqualTo("IN_REVIEW");
  }
}
