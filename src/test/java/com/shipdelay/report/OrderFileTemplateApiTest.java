package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class OrderFileTemplateApiTest {

  @Autowired TestData data;
  @LocalServerPort int port;

  @Test
  void merchantDownloadsTheTemplateNotAReportCalledTemplate() throws IOException {
    Api api = new Api(port);
    var merchant = data.merchant();

    Api.BinaryResponse response =
        api.getBytes("/api/v1/delay-reports/template.xlsx", Api.bearer(merchant.token()));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type"))
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(response.header("Content-Disposition"))
        .startsWith("attachment;")
        .contains("filename*=UTF-8''%E6%8A%A5%E5%A4%87%E8%AE%A2%E5%8D%95%E6%A8%A1%E6%9D%BF.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
      assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("订单号");
    }
    // the pattern /{id} still answers for ids
    assertThat(api.get("/api/v1/delay-reports/999999999", Api.bearer(merchant.token())).status())
        .isEqualTo(404);
  }

  @Test
  void theTemplateNeedsAMerchant() {
    assertThat(new Api(port).getBytes("/api/v1/delay-reports/template.xlsx", null).status())
        .isEqualTo(401);
  }
}
