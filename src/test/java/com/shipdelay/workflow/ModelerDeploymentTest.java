package com.shipdelay.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.ChangesSharedWorld;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Deploying from Camunda Modeler: the diagram alone is refused when its form is bound to the
 * deployment, the diagram with the form attached is deployed and its review task shows the form.
 *
 * <p>The request is the one Modeler 5.x builds (CamundaAPI#deployDiagram in
 * client/src/plugins/camunda-plugin/shared/CamundaAPI.js): a browser FormData with {@code
 * deployment-name} (the file name without extension by default), {@code deployment-source} = {@code
 * Camunda Modeler}, {@code enable-duplicate-filtering} = {@code true} (Modeler up to 4.6 sent
 * {@code deploy-changed-only} = {@code true} instead), {@code tenant-id} only when set, then the
 * diagram as a part named by its file name ({@code text/xml}), then each attachment likewise (a
 * Blob without type, sent as {@code application/octet-stream}); headers {@code accept:
 * application/json} and HTTP Basic.
 */
@IntegrationTest
@ChangesSharedWorld
class ModelerDeploymentTest {

  static final Path BPMN = Path.of("bpmn/DelayReportProcess.bpmn");
  static final Path FORM = Path.of("forms/ReviewReport.form");
  static final Path DMN = Path.of("bpmn/ReportTypeRules.dmn");
  static final String MODELER_5_FLAG = "enable-duplicate-filtering";

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

  record File(String name, String contentType, byte[] contents) {}

  static File diagram(Path path, String xml) {
    return new File(
        path.getFileName().toString(), "text/xml", xml.getBytes(StandardCharsets.UTF_8));
  }

  static File attachment(Path path) throws Exception {
    return new File(
        path.getFileName().toString(), "application/octet-stream", Files.readAllBytes(path));
  }

  /** POST /engine-rest/deployment/create exactly as Modeler sends it: diagram first, then files. */
  Api.Response deployAsModeler(String deploymentName, String duplicateFlag, List<File> files)
      throws Exception {
    String boundary =
        "----WebKitFormBoundary" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (String[] field :
        List.of(
            new String[] {"deployment-name", deploymentName},
            new String[] {"deployment-source", "Camunda Modeler"},
            new String[] {duplicateFlag, "true"})) {
      body.writeBytes(
          ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                  .formatted(boundary, field[0], field[1]))
              .getBytes(StandardCharsets.UTF_8));
    }
    for (File file : files) {
      body.writeBytes(
          ("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                  + "Content-Type: %s\r\n\r\n")
              .formatted(boundary, file.name(), file.name(), file.contentType())
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file.contents());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/engine-rest/deployment/create"))
                    .header("accept", "application/json")
                    .header("authorization", Api.ADMIN)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Api.Response(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  long definitions(String key) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(key).count();
  }

  /** Modeler 5.x sends enable-duplicate-filtering; Modeler up to 4.6 sent deploy-changed-only. */
  @ParameterizedTest
  @ValueSource(strings = {MODELER_5_FLAG, "deploy-changed-only"})
  void theDiagramAloneIsRefusedAndNothingIsDeployed(String duplicateFlag) throws Exception {
    // the admin edited the diagram (so no duplicate filter can skip it) and deployed it alone
    String original = Files.readString(BPMN);
    String edited = original.replace("camunda:priority=\"50\"", "camunda:priority=\"60\"");
    assertThat(edited).isNotEqualTo(original);
    long definitionsBefore = definitions(ProcessIds.PROCESS_KEY);
    long deploymentsBefore = repository.createDeploymentQuery().count();

    var refused =
        deployAsModeler("DelayReportProcess", duplicateFlag, List.of(diagram(BPMN, edited)));

    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.json().get("type").asText()).isEqualTo("ParseException");
    String message = refused.json().get("message").asText();
    assertThat(message)
        .contains("部署被拒绝")
        .contains("用户任务 Task_ReviewReport 引用的表单 Form_ReviewReport（绑定 deployment）不在本次部署中")
        .contains("Task_EscalatedReview")
        .contains("forms/ReviewReport.form");
    var error = refused.json().get("details").get("DelayReportProcess.bpmn").get("errors").get(0);
    assertThat(error.get("mainElementId").asText()).isEqualTo(ProcessIds.TASK_REVIEW);
    assertThat(definitions(ProcessIds.PROCESS_KEY)).isEqualTo(definitionsBefore);
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
  }

  @Test
  void theDiagramWithItsFormAttachedIsDeployedAndItsReviewTaskShowsTheForm() throws Exception {
    var deployed =
        deployAsModeler(
            "DelayReportProcess",
            MODELER_5_FLAG,
            List.of(diagram(BPMN, Files.readString(BPMN)), attachment(FORM)));
    assertThat(deployed.status()).as(deployed.text()).isEqualTo(200);
    String deploymentId = deployed.json().get("id").asText();
    try {
      assertThat(repository.getDeploymentResourceNames(deploymentId))
          .containsExactlyInAnyOrder("DelayReportProcess.bpmn", "ReviewReport.form");
      var latest =
          repository
              .createProcessDefinitionQuery()
              .processDefinitionKey(ProcessIds.PROCESS_KEY)
              .latestVersion()
              .singleResult();
      assertThat(latest.getDeploymentId()).isEqualTo(deploymentId);

      // a report filed now runs on the new version and its review task finds the form
      var merchant = data.merchant();
      String order = data.pendingOrders(merchant, 1, "610113").get(0);
      var filed = Filing.file(api, merchant, "SPECIAL_ORDER", List.of(order), "BUYER_AGREEMENT");
      assertThat(filed.status()).as(filed.text()).isEqualTo(201);
      String reportId = filed.json().get("id").asText();
      var instance =
          runtime.createProcessInstanceQuery().processInstanceBusinessKey(reportId).singleResult();
      assertThat(instance.getProcessDefinitionId()).isEqualTo(latest.getId());
      data.runJobs(instance.getId());
      String taskId =
          tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult().getId();

      var form = api.get("/engine-rest/task/" + taskId + "/deployed-form", Api.REVIEWER);
      assertThat(form.status()).as(form.text()).isEqualTo(200);
      assertThat(form.json().get("id").asText()).isEqualTo("Form_ReviewReport");

      var withdrawn =
          api.post("/api/v1/delay-reports/" + reportId + "/withdraw", Api.bearer(merchant.token()));
      assertThat(withdrawn.status()).as(withdrawn.text()).isEqualTo(200);
      assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance.getId()).count())
          .isZero();
    } finally {
      // the new version is the real files: still, leave the start-up deployment the latest
      repository.deleteDeployment(deploymentId, true);
    }
  }

  static String process(String elements) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_RefCheck" targetNamespace="x">
          <bpmn:process id="RefCheckProcess" isExecutable="true" camunda:historyTimeToLive="P1D">
            <bpmn:startEvent id="StartEvent_RefCheck" />
            %s
          </bpmn:process>
        </bpmn:definitions>
        """
        .formatted(elements);
  }

  @Test
  void decisionsAndLatestBindingsAreCheckedToo() throws Exception {
    Path file = Path.of("RefCheckProcess.bpmn");
    long before = definitions("RefCheckProcess");

    var decisionMissing =
        deployAsModeler(
            "RefCheckProcess",
            MODELER_5_FLAG,
            List.of(
                diagram(
                    file,
                    process(
                        "<bpmn:businessRuleTask id=\"Task_Rules\" camunda:decisionRef=\"ReportTypeRules\""
                            + " camunda:decisionRefBinding=\"deployment\" />"))));
    assertThat(decisionMissing.status()).as(decisionMissing.text()).isEqualTo(400);
    assertThat(decisionMissing.json().get("message").asText())
        .contains("业务规则任务 Task_Rules 引用的决策 ReportTypeRules（绑定 deployment）不在本次部署中");

    var formNeverDeployed =
        deployAsModeler(
            "RefCheckProcess",
            MODELER_5_FLAG,
            List.of(
                diagram(
                    file,
                    process(
                        "<bpmn:userTask id=\"Task_Check\" camunda:formRef=\"Form_Unknown\""
                            + " camunda:formRefBinding=\"latest\" />"))));
    assertThat(formNeverDeployed.status()).as(formNeverDeployed.text()).isEqualTo(400);
    assertThat(formNeverDeployed.json().get("message").asText())
        .contains("用户任务 Task_Check 引用的表单 Form_Unknown（绑定 latest）既不在本次部署中，也未曾部署");
    assertThat(definitions("RefCheckProcess")).isEqualTo(before);

    // latest binding to what the application deployed at start: accepted without attachments
    var latestDeployed =
        deployAsModeler(
            "RefCheckProcess",
            MODELER_5_FLAG,
            List.of(
                diagram(
                    file,
                    process(
                        "<bpmn:businessRuleTask id=\"Task_Rules\" camunda:decisionRef=\"ReportTypeRules\" />"
                            + "<bpmn:userTask id=\"Task_Check\" camunda:formRef=\"Form_ReviewReport\""
                            + " camunda:formRefBinding=\"latest\" />"))));
    assertThat(latestDeployed.status()).as(latestDeployed.text()).isEqualTo(200);
    repository.deleteDeployment(latestDeployed.json().get("id").asText(), true);
  }

  /** An admin's typo in an evidence kind, deployed from the DMN's own tab: refused whole. */
  @Test
  void aTypeTableNamingAnUnknownEvidenceKindIsRefused() throws Exception {
    String original = Files.readString(DMN);
    String typo = original.replace("\"BUYER_AGREEMENT,FORCE_MAJEURE_PROOF\"", "\"BUYER_AGREMENT\"");
    assertThat(typo).isNotEqualTo(original);
    long decisionsBefore =
        repository.createDecisionDefinitionQuery().decisionDefinitionKey("ReportTypeRules").count();
    long deploymentsBefore = repository.createDeploymentQuery().count();

    var refused = deployAsModeler("ReportTypeRules", MODELER_5_FLAG, List.of(diagram(DMN, typo)));

    assertThat(refused.status()).as(refused.text()).isEqualTo(400);
    assertThat(refused.json().get("type").asText()).isEqualTo("ParseException");
    assertThat(refused.json().get("message").asText())
        .startsWith("部署被拒绝，未部署任何文件：报备类型规则 ReportTypeRules.dmn 有误")
        .contains("规则 Rule_SPECIAL_ORDER 列出了未知的凭证类型 BUYER_AGREMENT")
        .contains("可用的凭证类型：COURIER_NOTICE");
    assertThat(
            refused
                .json()
                .get("details")
                .get("ReportTypeRules.dmn")
                .get("errors")
                .get(0)
                .get("mainElementId")
                .asText())
        .isEqualTo("ReportTypeRules");
    assertThat(
            repository
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey("ReportTypeRules")
                .count())
        .isEqualTo(decisionsBefore);
    assertThat(repository.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);

    // the same file with the kinds right is deployed (a new version, then removed again)
    String fixed = original.replace("<text>30</text>", "<text>29</text>");
    var deployed = deployAsModeler("ReportTypeRules", MODELER_5_FLAG, List.of(diagram(DMN, fixed)));
    assertThat(deployed.status()).as(deployed.text()).isEqualTo(200);
    repository.deleteDeployment(deployed.json().get("id").asText(), true);
  }
}
