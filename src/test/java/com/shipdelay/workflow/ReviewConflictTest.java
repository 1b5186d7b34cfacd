package com.shipdelay.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import com.shipdelay.support.WebappSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two reviewers (or two nodes) completing one review task: exactly one decision counts, the other
 * completion answers 409 {@code TASK_ALREADY_COMPLETED}, never 500, 403 or 400.
 */
@IntegrationTest
class ReviewConflictTest {

  private static final String APPROVE =
      "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"证据充分\"}}}";

  @Autowired TestData data;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @LocalServerPort int port;

  Api api;
  TestData.TestMerchant merchant;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    merchant = data.merchant();
  }

  private TestData.InReview inReview() {
    return data.inReview(api, merchant, "SPECIAL_ORDER", "FORCE_MAJEURE_PROOF");
  }

  private static void alreadyCompleted(Api.Response response) {
    assertThat(response.status()).as(response.text()).isEqualTo(409);
    JsonNode body = response.json();
    assertThat(body.get("code").asText()).isEqualTo("TASK_ALREADY_COMPLETED");
    assertThat(body.get("message").asText()).contains("已被他人完成");
    assertThat(response.text()).doesNotContain("java.", "Exception", "org.", "com.shipdelay");
  }

  private long decisions(long reportId) {
    return data.count(
        "select count(*) from report_event where report_id = ? and event in ('APPROVED', 'REJECTED')",
        reportId);
  }

  @Test
  void completingATaskThatIsAlreadyCompletedIs409OnEveryRoute() {
    TestData.InReview review = inReview();
    String complete = "/engine-rest/task/" + review.taskId() + "/complete";

    assertThat(api.postJson(complete, Api.REVIEWER, APPROVE).status()).isEqualTo(204);

    alreadyCompleted(api.postJson(complete, Api.LEAD, APPROVE));
    alreadyCompleted(api.postJson(complete, Api.ADMIN, APPROVE));
    alreadyCompleted(
        api.postJson(
            "/engine-rest/task/" + review.taskId() + "/submit-form", Api.REVIEWER, APPROVE));
    alreadyCompleted(
        api.postJson(
            "/engine-rest/task/" + review.taskId() + "/claim",
            Api.REVIEWER,
            "{\"userId\":\"reviewer\"}"));
    // Tasklist's own API, where reviewers actually work
    WebappSession tasklist = WebappSession.login(port, "lead", "lead-dev-password");
    alreadyCompleted(
        tasklist.send(
            "POST",
            "/camunda/api/engine/engine/default/task/" + review.taskId() + "/submit-form",
            APPROVE));
    // an id that never was a task is not found
    var unknown = api.postJson("/engine-rest/task/no-such-task/complete", Api.REVIEWER, APPROVE);
    assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
    assertThat(unknown.json().get("code").asText()).isEqualTo("TASK_NOT_FOUND");

    assertThat(decisions(review.reportId())).isEqualTo(1);
  }

  @Test
  void twoCompletionsAtOnceMakeOneDecisionAndOne409() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    WebappSession reviewer = WebappSession.login(port, "reviewer", "reviewer-dev-password");
    WebappSession lead = WebappSession.login(port, "lead", "lead-dev-password");
    try {
      for (int round = 0; round < 6; round++) {
        TestData.InReview review = inReview();
        String complete = "/engine-rest/task/" + review.taskId() + "/complete";
        String submit =
            "/camunda/api/engine/engine/default/task/" + review.taskId() + "/submit-form";
        // even rounds through /engine-rest, odd ones through Tasklist's API
        List<Callable<Api.Response>> completions =
            round % 2 == 0
                ? List.of(
                    () -> api.postJson(complete, Api.REVIEWER, APPROVE),
                    () -> api.postJson(complete, Api.LEAD, APPROVE))
                : List.of(
                    () -> reviewer.send("POST", submit, APPROVE),
                    () -> lead.send("POST", submit, APPROVE));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (Callable<Api.Response> completion : completions) {
          answers.add(
              pool.submit(
                  () -> {
                    start.await();
                    return completion.call();
                  }));
        }
        start.countDown();
        List<Api.Response> responses = new ArrayList<>();
        for (Future<Api.Response> answer : answers) {
          responses.add(answer.get(60, TimeUnit.SECONDS));
        }

        assertThat(responses).extracting(Api.Response::status).containsOnlyOnce(204);
        alreadyCompleted(responses.stream().filter(r -> r.status() != 204).findFirst().get());
        assertThat(decisions(review.reportId())).isEqualTo(1);
        assertThat(
                data.count(
                    "select count(*) from delay_report where id = ? and status = 'APPROVED'",
                    review.reportId()))
            .isEqualTo(1);
        assertThat(tasks.createTaskQuery().taskId(review.taskId()).count()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
