package com.shipdelay.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a hostile-input probe sends, family by family. Every refusal is a 4xx with a stable code and
 * a Chinese title and detail (or message, on {@code /engine-rest}), names no Java type, leaves
 * nothing behind, and is logged at most as a WARN line without a stack trace.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTest {

  static final String PLATFORM = Api.bearer("dev-platform-token");
  static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";
  static final String FAR_PAST = "-999999999-01-01T00:00:00Z";

  @Autowired TestData data;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @LocalServerPort int port;

  Api api;
  TestData.TestMerchant merchant;
  String auth;
  CapturedOutput output;
  int logMark;

  @BeforeEach
  void setUp(CapturedOutput output) {
    api = new Api(port);
    merchant = data.merchant();
    auth = Api.bearer(merchant.token());
    this.output = output;
    logMark = output.getAll().length();
  }

  /** Refused input is logged at most as WARN, and never with a stack trace. */
  @AfterEach
  void loggedQuietly() {
    String log = output.getAll().substring(logMark);
    assertThat(log.lines().filter(l -> l.contains(" ERROR ")).toList()).isEmpty();
    assertThat(log.lines().filter(l -> l.startsWith("\tat ")).toList()).isEmpty();
  }

  /** The house rules for a refusal, for problem+json and for the engine REST API's shape alike. */
  static JsonNode refused(Api.Response response, int status, String code) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    JsonNode body = response.json();
    assertThat(body.path("code").asText()).as(response.text()).isEqualTo(code);
    if (response.contentType().startsWith("application/problem+json")) {
      assertThat(body.path("title").asText()).as(response.text()).matches(".*\\p{IsHan}.*");
      assertThat(body.path("detail").asText()).as(response.text()).matches(".*\\p{IsHan}.*");
    } else {
      assertThat(response.contentType()).startsWith("application/json");
      assertThat(body.path("message").asText()).as(response.text()).matches(".*\\p{IsHan}.*");
    }
    assertThat(response.text()).doesNotContain("java.", "Exception", "com.shipdelay", "org.");
    return body;
  }

  private String report(String delayUntil, String orders) {
    return """
        {"type":"SPECIAL_ORDER","delayUntil":"%s","reason":"快递停止揽收","orderIds":[%s]}"""
        .formatted(delayUntil, orders);
  }

  private long reports() {
    return data.count("select count(*) from delay_report where merchant_id = ?", merchant.id());
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void timesFarOutsideAnySensibleRangeAre400DateOutOfRangeEverywhere() {
    String order = data.pendingOrders(merchant, 1, "610113").get(0);
    long announcements = data.count("select count(*) from announcement");
    for (String time : List.of(FAR_FUTURE, FAR_PAST)) {
      List<Supplier<Api.Response>> writes = new ArrayList<>();
      // filing a report, as JSON and as multipart, and its order filter
      writes.add(
          () -> api.postJson("/api/v1/delay-reports", auth, report(time, '"' + order + '"')));
      writes.add(() -> Filing.file(api, merchant, report(time, '"' + order + '"'), "OTHER"));
      for (String field : List.of("promisedFrom", "promisedTo")) {
        writes.add(
            () ->
                api.postJson(
                    "/api/v1/delay-reports",
                    auth,
                    """
                    {"type":"SPECIAL_ORDER","delayUntil":"2030-01-01T00:00:00Z","reason":"原因",
                     "orderFilter":{"%s":"%s"}}"""
                        .formatted(field, time)));
      }
      // the platform's order sync and order events
      String synced =
          """
          {"orders":[{"orderId":"7700%d","merchantId":%d,"productId":"1",
            "paidAt":"2026-01-01T00:00:00Z","promisedShipAt":"2026-01-02T00:00:00Z",
            "receivingAddress":"陕西省西安市雁塔区小寨东路"}]}"""
              .formatted(merchant.id(), merchant.id());
      for (String field : List.of("paidAt", "promisedShipAt")) {
        writes.add(
            () ->
                api.postJson(
                    "/api/v1/platform/orders",
                    PLATFORM,
                    synced.replaceFirst(
                        "\"" + field + "\":\"[^\"]+\"", '"' + field + "\":\"" + time + '"')));
      }
      writes.add(
          () ->
              api.postJson(
                  "/api/v1/platform/orders/" + order + "/events",
                  PLATFORM,
                  "{\"type\":\"SHIPPED\",\"at\":\"" + time + "\"}"));
      // announcements
      for (String window :
          List.of(
              "\"promisedFrom\":\"" + time + "\",\"promisedTo\":\"2027-01-01T00:00:00Z\"",
              "\"promisedFrom\":\"2026-01-01T00:00:00Z\",\"promisedTo\":\"" + time + '"')) {
        writes.add(
            () ->
                api.postJson(
                    "/api/v1/admin/announcements",
                    Api.ADMIN,
                    "{\"title\":\"公告\",\"regions\":[\"61\"],\"appliesTo\":[\"RECEIVING\"],"
                        + window
                        + "}"));
      }
      // query parameters
      String t = q(time);
      List<Supplier<Api.Response>> reads =
          List.of(
              () -> api.get("/api/v1/orders?promisedFrom=" + t, auth),
              () -> api.get("/api/v1/orders?promisedTo=" + t, auth),
              () -> api.get("/api/v1/delay-reports?createdFrom=" + t, auth),
              () -> api.get("/api/v1/delay-reports?createdTo=" + t, auth),
              () -> api.get("/api/v1/delay-reports/export.xlsx?createdTo=" + t, auth),
              () ->
                  api.get("/api/v1/metrics/shipping?from=" + t + "&to=2026-02-01T00:00:00Z", auth),
              () -> api.get("/api/v1/metrics/shipping?from=2026-01-01T00:00:00Z&to=" + t, auth));

      for (var request : writes) {
        JsonNode body = refused(request.get(), 400, "DATE_OUT_OF_RANGE");
        assertThat(body.at("/errors/0/field").asText()).isNotEmpty();
      }
      for (var request : reads) {
        refused(request.get(), 400, "DATE_OUT_OF_RANGE");
      }
    }
    JsonNode one =
        api.postJson("/api/v1/delay-reports", auth, report(FAR_FUTURE, '"' + order + '"')).json();
    assertThat(one.at("/errors/0/field").asText()).isEqualTo("delayUntil");
    assertThat(reports()).isZero();
    assertThat(data.count("select count(*) from orders where merchant_id = ?", merchant.id()))
        .isEqualTo(1);
    assertThat(
            data.count(
                "select count(*) from orders where order_id = ? and shipped_at is null", order))
        .isEqualTo(1);
    assertThat(data.count("select count(*) from announcement")).isEqualTo(announcements);
    // the bounds themselves are fine: 9999-12-31 is a (too long) delay, not an error
    assertThat(
            api.get("/api/v1/delay-reports?createdFrom=" + q("0001-01-01T00:00:00Z"), auth)
                .status())
        .isEqualTo(200);
    refused(
        api.postJson(
            "/api/v1/delay-reports", auth, report("9999-12-31T23:59:59Z", '"' + order + '"')),
        422,
        "NO_ELIGIBLE_ORDERS");
  }

  @Test
  void aKeyGivenTwiceIs400() {
    refused(
        api.postJson(
            "/api/v1/admin/announcements",
            Api.ADMIN,
            """
            {"title":"公告","regions":["61"],"appliesTo":["RECEIVING"],
             "promisedFrom":"2026-01-01T00:00:00Z","promisedTo":"2027-01-01T00:00:00Z",
             "promisedFrom":"2026-02-01T00:00:00Z"}"""),
        400,
        "MALFORMED_REQUEST");
  }

  @Test
  void aNulByteInAQueryParameterIs400() {
    refused(api.get("/api/v1/delay-reports?orderId=1%00", auth), 400, "MALFORMED_REQUEST");
    refused(
        api.get("/api/v1/delay-reports/export.xlsx?orderId=%00", auth), 400, "MALFORMED_REQUEST");
    refused(api.get("/api/v1/orders?region=61%00", auth), 400, "MALFORMED_REQUEST");
    refused(
        api.get("/api/v1/platform/ad-exclusions?sinceVersion=%00", PLATFORM),
        400,
        "MALFORMED_REQUEST");
    refused(
        api.get("/engine-rest/task?processInstanceBusinessKey=%00", Api.ADMIN),
        400,
        "MALFORMED_REQUEST");
  }

  @Test
  void nullInsideAListIs400WithItsPath() {
    String order = data.pendingOrders(merchant, 1, "610113").get(0);
    String until = "2030-01-01T00:00:00Z";
    JsonNode body =
        refused(
            api.postJson("/api/v1/delay-reports", auth, report(until, '"' + order + "\",null")),
            400,
            "VALIDATION_FAILED");
    assertThat(body.at("/errors/0/field").asText()).isEqualTo("orderIds[1]");
    body =
        refused(
            Filing.file(api, merchant, report(until, '"' + order + "\",null"), "OTHER"),
            400,
            "VALIDATION_FAILED");
    assertThat(body.at("/errors/0/field").asText()).isEqualTo("report.orderIds[1]");
    for (String filter : List.of("{\"productIds\":[null]}", "{\"regions\":[\"61\",null]}")) {
      refused(
          api.postJson(
              "/api/v1/delay-reports",
              auth,
              """
              {"type":"SPECIAL_ORDER","delayUntil":"%s","reason":"原因","orderFilter":%s}"""
                  .formatted(until, filter)),
          400,
          "VALIDATION_FAILED");
    }
    refused(
        api.postJson(
            "/api/v1/delay-reports",
            auth,
            """
            {"type":"EPIDEMIC","delayUntil":"%s","reason":"原因","affectedRegions":[null],
             "orderIds":["%s"]}"""
                .formatted(until, order)),
        400,
        "VALIDATION_FAILED");
    body =
        refused(
            api.multipart(
                "/api/v1/delay-reports",
                auth,
                List.of(
                    Api.Part.json("report", report(until, '"' + order + '"')),
                    Api.Part.file("evidence", "a.pdf", "application/pdf", Filing.PDF),
                    Api.Part.json("evidenceKinds", "[null]"))),
            400,
            "VALIDATION_FAILED");
    assertThat(body.at("/errors/0/field").asText()).isEqualTo("evidenceKinds[0]");
    refused(
        api.postJson(
            "/api/v1/freight-templates",
            auth,
            "{\"name\":\"模板\",\"nonDeliveryRegions\":[\"65\",null],\"nonFreeShippingRegions\":[]}"),
        400,
        "VALIDATION_FAILED");
    refused(
        api.postJson("/api/v1/platform/orders", PLATFORM, "{\"orders\":[null]}"),
        400,
        "VALIDATION_FAILED");
    assertThat(reports()).isZero();
    assertThat(
            data.count(
                "select count(*) from freight_template where merchant_id = ?", merchant.id()))
        .isZero();
  }

  @Test
  void aValueThatDoesNotConvertNamesTheParameterNotAJavaType() {
    JsonNode body =
        refused(api.get("/api/v1/delay-reports?status=FOO", auth), 400, "MALFORMED_REQUEST");
    assertThat(body.get("detail").asText()).contains("status", "IN_REVIEW");
    assertThat(body.at("/errors/0/field").asText()).isEqualTo("status");
    body = refused(api.get("/api/v1/delay-reports?type=FOO", auth), 400, "MALFORMED_REQUEST");
    assertThat(body.get("detail").asText()).contains("type", "EPIDEMIC");
    refused(
        api.get("/api/v1/delay-reports/export.xlsx?status=FOO", auth), 400, "MALFORMED_REQUEST");
    refused(api.get("/api/v1/delay-reports?createdFrom=yesterday", auth), 400, "MALFORMED_REQUEST");
    refused(api.get("/api/v1/delay-reports?page=one", auth), 400, "MALFORMED_REQUEST");
    refused(api.get("/api/v1/orders?promisedTo=soon", auth), 400, "MALFORMED_REQUEST");
    refused(
        api.get("/api/v1/metrics/shipping?from=2026-01-01T00:00:00Z", auth),
        400,
        "VALIDATION_FAILED");
    refused(api.send("DELETE", "/api/v1/delay-reports", auth, null), 405, "METHOD_NOT_ALLOWED");
    refused(
        api.post("/api/v1/delay-reports", auth, "text/plain", "x".getBytes(StandardCharsets.UTF_8)),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void aLongFileNameIsKeptCutAndAnOverlongOneHasItsOwnCode() {
    List<String> orders = data.pendingOrders(merchant, 2, "610113");
    String until = java.time.Instant.now().plus(java.time.Duration.ofDays(3)).toString();
    String name = "证".repeat(296) + ".pdf";
    var created =
        api.multipart(
            "/api/v1/delay-reports",
            auth,
            List.of(
                Api.Part.json("report", report(until, '"' + orders.get(0) + '"')),
                Api.Part.file("evidence", name, "application/pdf", Filing.PDF),
                Api.Part.json("evidenceKinds", "[\"FORCE_MAJEURE_PROOF\"]")));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().at("/evidence/0/fileName").asText())
        .isEqualTo(name.substring(0, 200));

    String overlong = "证".repeat(3000) + ".pdf";
    refused(
        api.multipart(
            "/api/v1/delay-reports",
            auth,
            List.of(
                Api.Part.json("report", report(until, '"' + orders.get(1) + '"')),
                Api.Part.file("evidence", overlong, "application/pdf", Filing.PDF),
                Api.Part.json("evidenceKinds", "[\"FORCE_MAJEURE_PROOF\"]"))),
        400,
        "FILE_NAME_TOO_LONG");
    List<Api.Part> many = new ArrayList<>();
    many.add(Api.Part.json("report", report(until, '"' + orders.get(1) + '"')));
    for (int i = 0; i < 60; i++) {
      many.add(Api.Part.file("evidence", i + ".pdf", "application/pdf", Filing.PDF));
    }
    refused(api.multipart("/api/v1/delay-reports", auth, many), 413, "TOO_MANY_PARTS");
    assertThat(reports()).isEqualTo(1);
  }

  @Test
  void aSerializedJavaObjectAsAVariableIs400AndNotSet() {
    List<String> orders = data.pendingOrders(merchant, 1, "610113");
    var created = Filing.file(api, merchant, "SPECIAL_ORDER", orders, "FORCE_MAJEURE_PROOF");
    String pi =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(created.json().get("id").asText())
            .singleResult()
            .getId();
    data.runJobs(pi);
    Task task = tasks.createTaskQuery().processInstanceId(pi).singleResult();
    String object =
        """
        {"type":"Object","value":"rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcAUH2sHDFmDRAwACRgAKbG9hZEZhY3RvckkACXRocmVzaG9sZHhwP0AAAAAAAAB3CAAAABAAAAAAeA==",
         "valueInfo":{"objectTypeName":"java.util.HashMap",
                      "serializationDataFormat":"application/x-java-serialized-object"}}""";

    refused(
        api.postJson(
            "/engine-rest/process-instance/" + pi + "/variables",
            Api.ADMIN,
            "{\"modifications\":{\"x\":" + object + "}}"),
        400,
        "SERIALIZED_OBJECT_REFUSED");
    refused(
        api.send("PUT", "/engine-rest/process-instance/" + pi + "/variables/x", Api.ADMIN, object),
        400,
        "SERIALIZED_OBJECT_REFUSED");
    refused(
        api.postJson(
            "/engine-rest/task/" + task.getId() + "/variables",
            Api.ADMIN,
            "{\"modifications\":{\"x\":" + object + "}}"),
        400,
        "SERIALIZED_OBJECT_REFUSED");
    refused(
        api.send(
            "PUT", "/engine-rest/task/" + task.getId() + "/localVariables/x", Api.ADMIN, object),
        400,
        "SERIALIZED_OBJECT_REFUSED");
    refused(
        api.postJson(
            "/engine-rest/message",
            Api.ADMIN,
            "{\"messageName\":\"x\",\"processVariables\":{\"x\":" + object + "}}"),
        400,
        "SERIALIZED_OBJECT_REFUSED");
    assertThat(runtime.getVariables(pi)).doesNotContainKey("x");
    assertThat(tasks.getVariablesLocal(task.getId())).doesNotContainKey("x");
  }

  @Test
  void aNulByteInAReviewCommentIs400AndTheTaskStaysOpen() {
    List<String> orders = data.pendingOrders(merchant, 1, "610113");
    var created = Filing.file(api, merchant, "SPECIAL_ORDER", orders, "FORCE_MAJEURE_PROOF");
    String pi =
        runtime
            .createProcessInstanceQuery()
            .processInstanceBusinessKey(created.json().get("id").asText())
            .singleResult()
            .getId();
    data.runJobs(pi);
    Task task = tasks.createTaskQuery().processInstanceId(pi).singleResult();

    refused(
        api.postJson(
            "/engine-rest/task/" + task.getId() + "/complete",
            Api.REVIEWER,
            "{\"variables\":{\"decision\":{\"value\":\"REJECT\"},\"comment\":{\"value\":\"a\\u0000b\"}}}"),
        400,
        "REVIEW_COMPLETION_REFUSED");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }
}
