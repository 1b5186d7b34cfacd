package com.shipdelay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** /engine-rest, the webapps and the admin API need the right Camunda user. */
@IntegrationTest
class AccessControlTest {

  static final String ADMIN = Api.ADMIN;
  static final String REVIEWER = Api.REVIEWER;

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired TestData data;
  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  private static byte[] deployment(String processKey) {
    String bpmn =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Smoke" targetNamespace="x">
          <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_Smoke" />
          </bpmn:process>
        </bpmn:definitions>
        """
            .formatted(processKey);
    String boundary = "----shipdelay";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nsmoke\r\n"
            + "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\""
            + processKey
            + ".bpmn\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            + bpmn
            + "\r\n"
            + "--"
            + boundary
            + "--\r\n";
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private Api.Response deploy(String authorization, String key) {
    return api.post(
        "/engine-rest/deployment/create",
        authorization,
        "multipart/form-data; boundary=----shipdelay",
        deployment(key));
  }

  @Test
  void deployingWithoutCredentialsAnswers401() {
    assertThat(deploy(null, "SmokeAnonymousProcess").status()).isEqualTo(401);
    assertThat(
            repository
                .createProcessDefinitionQuery()
                .processDefinitionKey("SmokeAnonymousProcess")
                .count())
        .isZero();
  }

  @Test
  void aReviewerCannotDeploy() {
    assertThat(deploy(REVIEWER, "SmokeReviewerProcess").status()).isEqualTo(403);
    assertThat(
            repository
                .createProcessDefinitionQuery()
                .processDefinitionKey("SmokeReviewerProcess")
                .count())
        .isZero();
  }

  @Test
  void anAdminDeploysAsCamundaModelerDoes() {
    var response = deploy(ADMIN, "SmokeAdminProcess");

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    assertThat(
            repository
                .createProcessDefinitionQuery()
                .processDefinitionKey("SmokeAdminProcess")
                .count())
        .isEqualTo(1);
  }

  @Test
  void aReviewerSeesAndCompletesReviewTasksThroughEngineRest() {
    var merchant = data.merchant();
    String order = data.pendingOrders(merchant, 1, "610113").get(0);
    String reportId =
        Filing.file(api, merchant, "SPECIAL_ORDER", java.util.List.of(order), "BUYER_AGREEMENT")
            .json()
            .get("id")
            .asText();
    String pi =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(reportId)
            .singleResult()
            .getId();
    data.runJobs(pi);
    String taskId = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();

    var visible = api.get("/engine-rest/task?processInstanceId=" + pi, REVIEWER);
    assertThat(visible.status()).isEqualTo(200);
    assertThat(visible.json().findValuesAsText("id")).containsExactly(taskId);

    var form = api.get("/engine-rest/task/" + taskId + "/deployed-form", REVIEWER);
    assertThat(form.status()).as(form.text()).isEqualTo(200);
    assertThat(form.text()).contains("Form_ReviewReport");

    var refused =
        api.postJson(
            "/engine-rest/task/" + taskId + "/complete",
            REVIEWER,
            "{\"variables\":{\"decision\":{\"value\":\"REJECT\",\"type\":\"String\"}}}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("驳回原因");
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);

    var done =
        api.postJson(
            "/engine-rest/task/" + taskId + "/complete",
            REVIEWER,
            "{\"variables\":{\"decision\":{\"value\":\"APPROVE\",\"type\":\"String\"},"
                + "\"comment\":{\"value\":\"ok\",\"type\":\"String\"}}}");
    assertThat(done.status()).as(done.text()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isZero();
  }

  @Test
  void aMerchantTokenDoesNotOpenEngineRest() {
    var merchant = data.merchant();
    assertThat(api.get("/engine-rest/task", Api.bearer(merchant.token())).status()).isEqualTo(401);
  }

  @Test
  void tasklistIsServed() {
    var entry = api.get("/camunda/app/tasklist/", null);
    assertThat(entry.status()).isEqualTo(302);
    var page = api.get("/camunda/app/tasklist/default/", null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.text()).containsIgnoringCase("tasklist");
  }
}
