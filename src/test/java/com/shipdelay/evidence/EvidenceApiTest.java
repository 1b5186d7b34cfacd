package com.shipdelay.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Evidence through the REST API, stored in the in-process S3 server through the MinIO client. */
@IntegrationTest
class EvidenceApiTest {

  private static final byte[] HTML =
      "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
          .getBytes(StandardCharsets.UTF_8);

  @Autowired StorageSettings storage;
  @Autowired TestData data;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @LocalServerPort int port;

  Api api;
  TestData.TestMerchant merchant;
  MinioClient s3;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    merchant = data.merchant();
    s3 =
        MinioClient.builder()
            .endpoint(storage.endpoint())
            .credentials(storage.accessKey(), storage.secretKey())
            .build();
  }

  private long objectsInBucket() throws Exception {
    long count = 0;
    for (Result<Item> item :
        s3.listObjects(
            ListObjectsArgs.builder().bucket(storage.bucket()).recursive(true).build())) {
      item.get();
      count++;
    }
    return count;
  }

  private Api.Response fileWith(List<Api.Part> evidence, List<String> kinds) {
    List<Api.Part> parts = new ArrayList<>();
    parts.add(
        Api.Part.json(
            "report",
            Filing.body(
                "MERCHANT_FACTOR",
                data.pendingOrders(merchant, 1, "610113"),
                java.time.Duration.ofDays(3),
                List.of())));
    parts.addAll(evidence);
    parts.add(Api.Part.json("evidenceKinds", "[" + Filing.quoted(kinds) + "]"));
    return api.multipart("/api/v1/delay-reports", Api.bearer(merchant.token()), parts);
  }

  private long merchantReports() {
    return data.count("select count(*) from delay_report where merchant_id = ?", merchant.id());
  }

  private long evidenceRows() {
    return data.count("select count(*) from evidence");
  }

  @Test
  void aJpegNamedPdfIsStoredAsAJpegUnderAServerChosenKey() throws Exception {
    var created =
        fileWith(
            List.of(Api.Part.file("evidence", "改价证明.pdf", "application/pdf", Filing.JPEG)),
            List.of("PRICING_PROOF"));

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode evidence = created.json().get("evidence").get(0);
    assertThat(evidence.get("contentType").asText()).isEqualTo("image/jpeg");
    assertThat(evidence.get("fileName").asText()).isEqualTo("改价证明.pdf");
    assertThat(evidence.get("size").asLong()).isEqualTo(Filing.JPEG.length);
    String key =
        jdbc.sql("select object_key from evidence where id = ?")
            .param(evidence.get("id").asLong())
            .query(String.class)
            .single();
    assertThat(key).startsWith("reports/" + created.json().get("id").asText() + "/");
    assertThat(key).doesNotContain("改价证明");
    var stat = s3.statObject(StatObjectArgs.builder().bucket(storage.bucket()).object(key).build());
    assertThat(stat.contentType()).isEqualTo("image/jpeg");
    assertThat(stat.size()).isEqualTo(Filing.JPEG.length);
  }

  @Test
  void htmlNamedPngIsRefusedWith415AndLeavesNothing() throws Exception {
    long objects = objectsInBucket();
    long rows = evidenceRows();

    var refused =
        fileWith(
            List.of(
                Api.Part.file("evidence", "ok.pdf", "application/pdf", Filing.PDF),
                Api.Part.file("evidence", "截图.png", "image/png", HTML)),
            List.of("PRICING_PROOF", "OTHER"));

    assertThat(refused.status()).as(refused.text()).isEqualTo(415);
    assertThat(refused.json().get("code").asText()).isEqualTo("UNSUPPORTED_EVIDENCE_TYPE");
    assertThat(objectsInBucket()).isEqualTo(objects);
    assertThat(evidenceRows()).isEqualTo(rows);
    assertThat(merchantReports()).isZero();
  }

  @Test
  void fileOverTenMegabytesIsRefusedWith413AndLeavesNothing() throws Exception {
    long objects = objectsInBucket();
    long rows = evidenceRows();
    byte[] big = Arrays.copyOf(Filing.PDF, 11 * 1024 * 1024);

    var refused =
        fileWith(
            List.of(
                Api.Part.file("evidence", "ok.pdf", "application/pdf", Filing.PDF),
                Api.Part.file("evidence", "扫描件.pdf", "application/pdf", big)),
            List.of("PRICING_PROOF", "OTHER"));

    assertThat(refused.status()).as(refused.text()).isEqualTo(413);
    assertThat(refused.json().get("code").asText()).isEqualTo("EVIDENCE_TOO_LARGE");
    assertThat(objectsInBucket()).isEqualTo(objects);
    assertThat(evidenceRows()).isEqualTo(rows);
    assertThat(merchantReports()).isZero();
  }

  @Test
  void aStoredFileThatNoLongerMatchesItsChecksumSendsTheReportBackForEvidence() throws Exception {
    var created =
        fileWith(
            List.of(Api.Part.file("evidence", "改价证明.pdf", "application/pdf", Filing.PDF)),
            List.of("PRICING_PROOF"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String reportId = created.json().get("id").asText();
    ProcessInstance pi =
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(reportId).singleResult();

    String key =
        jdbc.sql("select object_key from evidence where report_id = ?")
            .param(Long.parseLong(reportId))
            .query(String.class)
            .single();
    byte[] other = "%PDF-1.4\nsomething else entirely\n%%EOF\n".getBytes(StandardCharsets.UTF_8);
    s3.putObject(
        PutObjectArgs.builder().bucket(storage.bucket()).object(key).stream(
                new ByteArrayInputStream(other), other.length, -1)
            .contentType("application/pdf")
            .build());
    management.executeJob(
        management.createJobQuery().processInstanceId(pi.getId()).singleResult().getId());

    var report = api.get("/api/v1/delay-reports/" + reportId, Api.bearer(merchant.token())).json();
    assertThat(report.get("status").asText()).isEqualTo("AWAITING_EVIDENCE");
    JsonNode last = report.get("timeline").get(report.get("timeline").size() - 1);
    assertThat(last.get("event").asText()).isEqualTo("EVIDENCE_REQUESTED");
    assertThat(last.get("detail").asText()).contains("改价证明.pdf");
    assertThat(
            runtime
                .createExecutionQuery()
                .processInstanceId(pi.getId())
                .activityId("Gateway_AwaitEvidence")
                .count())
        .isEqualTo(1);
    assertThat(
            data.count(
                "select count(*) from notification where report_id = ? and type = 'EVIDENCE_REQUESTED'",
                Long.parseLong(reportId)))
        .isEqualTo(1);

    // uploading the file again, as the merchant is told to, lets the report go to review
    var supplied =
        api.multipart(
            "/api/v1/delay-reports/" + reportId + "/evidence",
            Api.bearer(merchant.token()),
            List.of(
                Api.Part.file("evidence", "改价证明.pdf", "application/pdf", Filing.PDF),
                Api.Part.json("evidenceKinds", "[\"PRICING_PROOF\"]")));
    assertThat(supplied.status()).as(supplied.text()).isEqualTo(200);
    data.runJobs(pi.getId());
    assertThat(
            api.get("/api/v1/delay-reports/" + reportId, Api.bearer(merchant.token()))
                .json()
                .get("status")
                .asText())
        .isEqualTo("IN_REVIEW");
  }

  @Test
  void evidenceLinkOpensOnlyForALoggedInReviewer() throws Exception {
    var created =
        fileWith(
            List.of(Api.Part.file("evidence", "改价证明.pdf", "application/pdf", Filing.PDF)),
            List.of("PRICING_PROOF"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String pi =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(created.json().get("id").asText())
            .singleResult()
            .getId();
    data.runJobs(pi);
    String taskId = tasks.createTaskQuery().processInstanceId(pi).singleResult().getId();
    // the link exactly as the review form shows it
    String links = (String) tasks.getVariableLocal(taskId, "evidenceLinks");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\]\\(([^)]+)\\)").matcher(links);
    assertThat(m.find()).as(links).isTrue();
    String link = m.group(1);
    assertThat(link).endsWith("/" + created.json().get("evidence").get(0).get("id").asText());

    assertThat(api.getBytes(link, null).status()).isEqualTo(401);
    assertThat(api.getBytes(link, Api.bearer(merchant.token())).status()).isIn(401, 403);

    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .build();
    String base = "http://localhost:" + port;
    HttpResponse<String> page =
        browser.send(
            HttpRequest.newBuilder(URI.create(base + "/camunda/app/tasklist/default/"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    String xsrf =
        ((CookieManager) browser.cookieHandler().orElseThrow())
            .getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie"));
    HttpResponse<String> login =
        browser.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", xsrf)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=reviewer&password=reviewer-dev-password"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

    HttpResponse<byte[]> file =
        browser.send(
            HttpRequest.newBuilder(URI.create(base + link)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(file.statusCode())
        .as(
            "cookies: "
                + ((CookieManager) browser.cookieHandler().orElseThrow())
                    .getCookieStore()
                    .getCookies())
        .isEqualTo(200);
    assertThat(file.body()).isEqualTo(Filing.PDF);
    assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
  }
}
