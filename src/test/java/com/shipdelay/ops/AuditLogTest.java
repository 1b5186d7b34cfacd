package com.shipdelay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One audit line for each filing, decision, escalation, exemption, withdrawal, announcement and
 * deployment, naming who acted, and never a secret.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuditLogTest {

  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired TestData data;
  @LocalServerPort int port;

  @Test
  void everyActionLeavesOneAuditLineWithItsActor(CapturedOutput output) {
    Api api = new Api(port);
    var merchant = data.merchant();
    var filed =
        Filing.file(
            api,
            merchant,
            "MERCHANT_FACTOR",
            data.pendingOrders(merchant, 2, "610113"),
            "PRICING_PROOF");
    long approved = filed.json().get("id").asLong();
    String pi =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(String.valueOf(approved))
            .singleResult()
            .getId();
    data.runJobs(pi);
    String task = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();
    assertThat(
            api.send(
                    "POST",
                    "/engine-rest/task/" + task + "/complete",
                    Api.REVIEWER,
                    "{\"variables\":{\"decision\":{\"value\":\"APPROVE\"},\"comment\":{\"value\":\"齐全\"}}}")
                .status())
        .isEqualTo(204);
    data.runJobs(pi);

    long withdrawn =
        Filing.file(api, merchant, "MERCHANT_FACTOR", data.pendingOrders(merchant, 1, "610113"))
            .json()
            .get("id")
            .asLong();
    assertThat(
            api.post(
                    "/api/v1/delay-reports/" + withdrawn + "/withdraw",
                    Api.bearer(merchant.token()))
                .status())
        .isEqualTo(200);

    var announced =
        api.postJson(
            "/api/v1/admin/announcements",
            Api.ADMIN,
            "{\"title\":\"审计测试公告\",\"regions\":[\"65\"],\"appliesTo\":[\"RECEIVING\"],"
                + "\"promisedFrom\":\"2036-08-01T00:00:00Z\",\"promisedTo\":\"2036-08-02T00:00:00Z\"}");
    assertThat(announced.status()).as(announced.text()).isEqualTo(201);
    long announcement = announced.json().get("id").asLong();

    String boundary = "----audit";
    String bpmn =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><bpmn:definitions"
            + " xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
            + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" id=\"D\" targetNamespace=\"x\">"
            + "<bpmn:process id=\"AuditSmokeProcess\" isExecutable=\"true\""
            + " camunda:historyTimeToLive=\"P1D\"><bpmn:startEvent id=\"S\"/></bpmn:process>"
            + "</bpmn:definitions>";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\naudit\r\n"
            + "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"audit.bpmn\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n"
            + bpmn
            + "\r\n--"
            + boundary
            + "--\r\n";
    assertThat(
            api.post(
                    "/engine-rest/deployment/create",
                    Api.ADMIN,
                    "multipart/form-data; boundary=" + boundary,
                    body.getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(200);

    String log = output.getAll();
    String m = "merchant=" + merchant.id();
    assertThat(log)
        .contains("action=FILE report=" + approved + " " + m + " type=MERCHANT_FACTOR orders=2")
        .contains("action=DECIDE report=" + approved + " " + m + " decision=APPROVE user=reviewer")
        .contains("action=EXEMPT report=" + approved + " " + m + " orders=2")
        .contains("action=WITHDRAW report=" + withdrawn + " " + m)
        .contains("action=ANNOUNCE announcement=" + announcement + " user=admin")
        .contains("action=DEPLOY user=admin status=200");
    assertThat(count(log, "action=DECIDE report=" + approved + " ")).isEqualTo(1);
    assertThat(log)
        .doesNotContain(merchant.token())
        .doesNotContain("reviewer-dev-password")
        .doesNotContain("admin-dev-password");
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
