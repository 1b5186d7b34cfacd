package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The merchant's report list, its filters, and the same list as a spreadsheet. */
@IntegrationTest
class ReportQueryApiTest {

  @Autowired TestData data;
  @LocalServerPort int port;
  Api api;
  TestData.TestMerchant merchant;
  long special;
  long factor;
  String factorOrder;

  @BeforeEach
  void fileTwoReports() {
    api = new Api(port);
    merchant = data.merchant("3301");
    special =
        Filing.file(
                api,
                merchant,
                "SPECIAL_ORDER",
                data.pendingOrders(merchant, 2, "440305"),
                "BUYER_AGREEMENT")
            .json()
            .get("id")
            .asLong();
    factorOrder = data.pendingOrders(merchant, 1, "440305").get(0);
    factor =
        Filing.file(api, merchant, "MERCHANT_FACTOR", List.of(factorOrder), "PRICING_PROOF")
            .json()
            .get("id")
            .asLong();
  }

  private List<Long> ids(String query) {
    var page = api.get("/api/v1/delay-reports" + query, Api.bearer(merchant.token()));
    assertThat(page.status()).as(page.text()).isEqualTo(200);
    return page.json().get("items").findValues("id").stream().map(n -> n.asLong()).toList();
  }

  @Test
  void listsOnlyTheMerchantsOwnReportsNewestFirst() {
    var page = api.get("/api/v1/delay-reports", Api.bearer(merchant.token())).json();

    assertThat(page.get("total").asInt()).isEqualTo(2);
    assertThat(ids("")).containsExactly(factor, special);
    assertThat(page.at("/items/0/orderCount").asInt()).isEqualTo(1);
    assertThat(page.at("/items/1/orderCount").asInt()).isEqualTo(2);
    assertThat(page.at("/items/0/reviewDueAt").asText()).endsWith("Z");
  }

  @Test
  void filtersByTypeStatusOrderAndCreationTime() {
    assertThat(ids("?type=SPECIAL_ORDER")).containsExactly(special);
    assertThat(ids("?status=SUBMITTED&status=IN_REVIEW")).containsExactly(factor, special);
    assertThat(ids("?status=APPROVED")).isEmpty();
    assertThat(ids("?orderId=" + factorOrder)).containsExactly(factor);
    assertThat(ids("?createdFrom=" + Instant.now().plus(Duration.ofMinutes(5)))).isEmpty();
    assertThat(ids("?createdTo=" + Instant.now().plus(Duration.ofMinutes(5)))).hasSize(2);
  }

  @Test
  void badFiltersAnswer400() {
    var status = api.get("/api/v1/delay-reports?status=MAYBE", Api.bearer(merchant.token()));
    var size = api.get("/api/v1/delay-reports?size=501", Api.bearer(merchant.token()));

    assertThat(status.status()).isEqualTo(400);
    assertThat(size.status()).isEqualTo(400);
    assertThat(size.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
  }

  @Test
  void exportsTheFilteredListAsASpreadsheet() throws Exception {
    var export =
        api.getBytes(
            "/api/v1/delay-reports/export.xlsx?type=SPECIAL_ORDER", Api.bearer(merchant.token()));

    assertThat(export.status()).isEqualTo(200);
    try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(export.body()))) {
      var sheet = workbook.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("报备ID");
      assertThat(sheet.getRow(1).getCell(0).getStringCellValue())
          .isEqualTo(String.valueOf(special));
      assertThat(sheet.getLastRowNum()).isEqualTo(1);
    }
  }
}
