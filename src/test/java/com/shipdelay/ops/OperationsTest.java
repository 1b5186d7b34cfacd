package com.shipdelay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What an operator watches and relies on: probes, health, info, metrics, audit, cleanup. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest {

  @Autowired ProcessEngine engine;
  @Autowired HistoryService history;
  @Autowired CamundaBpmProperties camunda;
  @Autowired TestData data;
  @LocalServerPort int port;
  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(port);
  }

  @Test
  void healthShowsComponentsToAdminsOnlyAndProbesAnswer() {
    var anonymous = api.get("/actuator/health", null);
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.json().get("status").asText()).isEqualTo("UP");
    assertThat(anonymous.json().has("components")).isFalse();

    var admin = api.get("/actuator/health", Api.ADMIN);
    assertThat(admin.json().get("components").has("db")).isTrue();
    assertThat(admin.json().get("components").has("objectStore")).isTrue();
    assertThat(api.get("/actuator/health", Api.REVIEWER).json().has("components")).isFalse();

    assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
    var readiness = api.get("/actuator/health/readiness", null);
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.json().get("status").asText()).isEqualTo("UP");
  }

  @Test
  void infoNamesTheVersionAndCommit() {
    var info = api.get("/actuator/info", null).json();
    assertThat(info.path("build").path("version").asText()).isNotBlank();
    assertThat(info.path("git").path("commit").path("id").asText()).isNotBlank();
  }

  @Test
  void metricsNeedAnAdminAndCarryTheDomainsFigures(CapturedOutput output) {
    assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
    assertThat(api.get("/actuator/prometheus", Api.REVIEWER).status()).isEqualTo(401);

    var merchant = data.merchant();
    var filed =
        Filing.file(
            api,
            merchant,
            "MERCHANT_FACTOR",
            data.pendingOrders(merchant, 2, "610113"),
            "PRICING_PROOF");
    assertThat(filed.status()).isEqualTo(201);
    long reportId = filed.json().get("id").asLong();

    String metrics = api.get("/actuator/prometheus", Api.ADMIN).text();
    assertThat(metrics)
        .contains("shipdelay_reports_filed_total{")
        .contains("type=\"MERCHANT_FACTOR\"")
        .contains("shipdelay_engine_incidents_open")
        .contains("shipdelay_engine_jobs_failed")
        .contains("shipdelay_evidence_stored_bytes");
    // one audit line for the filing, naming the merchant, never its token
    assertThat(output.getAll())
        .contains(
            "action=FILE report="
                + reportId
                + " merchant="
                + merchant.id()
                + " type=MERCHANT_FACTOR orders=2")
        .doesNotContain(merchant.token());
  }

  @Test
  void historyIsCleanedUpInItsNightlyWindowAndJobsLockForAMinute() {
    var config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(config.getHistoryCleanupBatchWindowStartTime()).isEqualTo("18:00");
    assertThat(config.getHistoryCleanupBatchWindowEndTime()).isEqualTo("21:00");
    assertThat(history.findHistoryCleanupJobs()).isNotEmpty();
    // the tests run jobs themselves (no executor); production's executor is built with this
    assertThat(camunda.getJobExecution().getLockTimeInMillis()).isEqualTo(60_000);
    assertThat(config.isJavaSerializationFormatEnabled()).isFalse();
  }

  @Test
  void theFirstUserSetupIsClosed() {
    var setup =
        api.postJson(
            "/camunda/api/admin/setup/default/user/create",
            null,
            "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"p4ssw0rd-p4ssw0rd\"}}");
    assertThat(setup.status()).isEqualTo(403);
    assertThat(setup.json().get("code").asText()).isEqualTo("SETUP_CLOSED");
  }
}
