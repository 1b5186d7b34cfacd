package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Order selection, all-or-nothing, idempotency and concurrent claims, through the REST API. */
@IntegrationTest
class ReportIntegrityTest {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  @Autowired TestData data;
  @LocalServerPort int port;
  Api api;
  TestData.TestMerchant merchant;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    merchant = data.merchant("3301");
  }

  private long reports() {
    return data.count("select count(*) from delay_report where merchant_id = ?", merchant.id());
  }

  private static byte[] orderFile(List<String> orderIds) throws Exception {
    try (XSSFWorkbook workbook = new XSSFWorkbook();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      var sheet = workbook.createSheet("订单号");
      sheet.createRow(0).createCell(0).setCellValue("订单号");
      for (int i = 0; i < orderIds.size(); i++) {
        sheet.createRow(i + 1).createCell(0).setCellValue(orderIds.get(i));
      }
      workbook.write(out);
      return out.toByteArray();
    }
  }

  private Api.Response fileWithOrderFile(String reportJson, String fileName, byte[] file) {
    return api.multipart(
        "/api/v1/delay-reports",
        Api.bearer(merchant.token()),
        List.of(
            Api.Part.json("report", reportJson),
            Api.Part.file("orderFile", fileName, XLSX, file),
            Api.Part.file("evidence", "agreement.pdf", "application/pdf", Filing.PDF),
            Api.Part.json("evidenceKinds", "[\"BUYER_AGREEMENT\"]")));
  }

  @Test
  void listFilterAndOrderFileAreUnitedWithoutDuplicates() throws Exception {
    List<String> listed = data.pendingOrders(merchant, 2, "440305");
    List<String> inFile = data.pendingOrders(merchant, 2, "440305");
    List<String> filtered = data.pendingOrders(merchant, 3, "650102");
    String json =
        """
        {"type":"SPECIAL_ORDER","delayUntil":"%s","reason":"与买家协商延迟",
         "orderIds":["%s","%s"],
         "orderFilter":{"promisedFrom":"%s","promisedTo":"%s","productIds":["7001"],"regions":["65"]}}"""
            .formatted(
                Instant.now().plus(Duration.ofDays(5)),
                listed.get(0),
                listed.get(1),
                Instant.now(),
                Instant.now().plus(Duration.ofDays(2)));

    var created =
        fileWithOrderFile(
            json, "orders.xlsx", orderFile(List.of(inFile.get(0), inFile.get(1), listed.get(0))));

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("orderCount").asInt()).isEqualTo(7);
    assertThat(created.json().get("excludedOrders")).isEmpty();
    var orders =
        api.get(
                "/api/v1/delay-reports/" + created.json().get("id").asText() + "/orders?size=50",
                Api.bearer(merchant.token()))
            .json();
    assertThat(orders.get("total").asInt()).isEqualTo(7);
    List<String> expected = new ArrayList<>(listed);
    expected.addAll(inFile);
    expected.addAll(filtered);
    assertThat(orders.get("items").findValuesAsText("orderId"))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void aBadOrderFileNamesItsCellsAndLeavesNothing() throws Exception {
    String json =
        Filing.body(
            "SPECIAL_ORDER",
            data.pendingOrders(merchant, 1, "440305"),
            Duration.ofDays(3),
            List.of());
    byte[] file = Files.readAllBytes(Path.of("src/test/resources/orderfiles/extra-column.xlsx"));
    long before = reports();

    var refused = fileWithOrderFile(json, "orders.xlsx", file);

    assertThat(refused.status()).as(refused.text()).isEqualTo(422);
    assertThat(refused.json().get("code").asText()).isEqualTo("INVALID_ORDER_FILE");
    assertThat(refused.json().at("/errors/0/row").isInt()).isTrue();
    assertThat(refused.json().at("/errors/0/column").asText()).isNotEqualTo("A");
    assertThat(reports()).isEqualTo(before);
  }

  @Test
  void aPictureRenamedXlsxAnswers415() throws Exception {
    String json =
        Filing.body(
            "SPECIAL_ORDER",
            data.pendingOrders(merchant, 1, "440305"),
            Duration.ofDays(3),
            List.of());
    byte[] png = Files.readAllBytes(Path.of("src/test/resources/orderfiles/png-renamed.xlsx"));

    var refused = fileWithOrderFile(json, "orders.xlsx", png);

    assertThat(refused.status()).isEqualTo(415);
    assertThat(refused.json().get("code").asText()).isEqualTo("UNSUPPORTED_ORDER_FILE_TYPE");
    assertThat(reports()).isZero();
  }

  @Test
  void theSameIdempotencyKeyAnswersTheFirstReportAndADifferentBodyConflicts() {
    List<String> orders = data.pendingOrders(merchant, 2, "440305");
    String body = Filing.body("SPECIAL_ORDER", orders, Duration.ofDays(3), List.of());

    var first =
        api.postJson(
            "/api/v1/delay-reports", Api.bearer(merchant.token()), body, "Idempotency-Key", "k-1");
    var again =
        api.postJson(
            "/api/v1/delay-reports", Api.bearer(merchant.token()), body, "Idempotency-Key", "k-1");
    var other =
        api.postJson(
            "/api/v1/delay-reports",
            Api.bearer(merchant.token()),
            body.replace("快递停止揽收", "另一个原因"),
            "Idempotency-Key",
            "k-1");

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.json().get("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    assertThat(reports()).isEqualTo(1);
  }

  private <T> List<T> atOnce(int n, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSameIdempotencyKeySentTwiceAtOnceStartsOneReport() throws Exception {
    String body =
        Filing.body(
            "SPECIAL_ORDER",
            data.pendingOrders(merchant, 3, "440305"),
            Duration.ofDays(3),
            List.of());

    List<Api.Response> responses =
        atOnce(
            4,
            () ->
                api.postJson(
                    "/api/v1/delay-reports",
                    Api.bearer(merchant.token()),
                    body,
                    "Idempotency-Key",
                    "same"));

    assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(201));
    assertThat(new HashSet<>(responses.stream().map(r -> r.json().get("id").asLong()).toList()))
        .hasSize(1);
    assertThat(reports()).isEqualTo(1);
    assertThat(
            data.count(
                "select count(*) from act_ru_execution where business_key_ = ? and parent_id_ is null",
                responses.get(0).json().get("id").asText()))
        .isEqualTo(1);
  }

  @Test
  void twoReportsFiledAtOnceCannotBothClaimTheSameOrder() throws Exception {
    String order = data.pendingOrders(merchant, 1, "440305").get(0);
    String body = Filing.body("SPECIAL_ORDER", List.of(order), Duration.ofDays(3), List.of());

    List<Api.Response> responses =
        atOnce(6, () -> api.postJson("/api/v1/delay-reports", Api.bearer(merchant.token()), body));

    long created = responses.stream().filter(r -> r.status() == 201).count();
    assertThat(created).isEqualTo(1);
    assertThat(responses.stream().filter(r -> r.status() != 201))
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(422);
              assertThat(r.json().get("code").asText()).isEqualTo("NO_ELIGIBLE_ORDERS");
              assertThat(r.json().at("/errors/0/reason").asText()).isEqualTo("ALREADY_REPORTED");
            });
    assertThat(data.count("select count(*) from report_order where order_id = ? and active", order))
        .isEqualTo(1);
    assertThat(reports()).isEqualTo(1);
  }

  @Test
  void theSameKeyWithOtherEvidenceIsAnotherRequest() {
    List<String> orders = data.pendingOrders(merchant, 1, "440305");
    String body = Filing.body("SPECIAL_ORDER", orders, Duration.ofDays(3), List.of());
    List<Api.Part> first =
        List.of(
            Api.Part.json("report", body),
            Api.Part.file("evidence", "a.pdf", "application/pdf", Filing.PDF),
            Api.Part.json("evidenceKinds", "[\"BUYER_AGREEMENT\"]"));
    List<Api.Part> other =
        List.of(
            Api.Part.json("report", body),
            Api.Part.file("evidence", "b.pdf", "application/pdf", Filing.PDF),
            Api.Part.json("evidenceKinds", "[\"FORCE_MAJEURE_PROOF\"]"));

    var created =
        api.multipart(
            "/api/v1/delay-reports", Api.bearer(merchant.token()), first, "Idempotency-Key", "ev");
    var conflict =
        api.multipart(
            "/api/v1/delay-reports", Api.bearer(merchant.token()), other, "Idempotency-Key", "ev");

    assertThat(created.status()).isEqualTo(201);
    assertThat(conflict.status()).isEqualTo(409);
    assertThat(reports()).isEqualTo(1);
  }

  @Test
  void malformedInputAnswers400NotA500() {
    String order = data.pendingOrders(merchant, 1, "440305").get(0);
    var nullReport =
        api.multipart(
            "/api/v1/delay-reports",
            Api.bearer(merchant.token()),
            List.of(Api.Part.json("report", "null")));
    var nulInText =
        api.postJson(
            "/api/v1/delay-reports",
            Api.bearer(merchant.token()),
            Filing.body("SPECIAL_ORDER", List.of(order), Duration.ofDays(3), List.of())
                .replace("快递停止揽收", "快递\\u0000停止"));
    var brokenMultipart =
        api.post(
            "/api/v1/delay-reports",
            Api.bearer(merchant.token()),
            "multipart/form-data; boundary=nothing-follows",
            "--nothing-follows\r\nContent-Disposition: form-data; name=\"report\"\r\n\r\n{"
                .getBytes());

    assertThat(nullReport.status()).isEqualTo(400);
    assertThat(nullReport.json().get("code").asText()).isEqualTo("MALFORMED_REQUEST");
    assertThat(nulInText.status()).as(nulInText.text()).isEqualTo(400);
    assertThat(brokenMultipart.status()).as(brokenMultipart.text()).isEqualTo(400);
    assertThat(reports()).isZero();
  }
}
