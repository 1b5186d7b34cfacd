package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class OrderFileTemplateTest {

  private final OrderFileReader reader = new OrderFileReader(OrderFileSettings.defaults());
  private final byte[] template = OrderFileTemplate.bytes(50_000);

  @Test
  void firstSheetHasTheHeaderAndAColumnFormattedAsText() throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
      assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
      XSSFSheet orders = workbook.getSheetAt(0);
      assertThat(orders.getSheetName()).isEqualTo("订单号");
      assertThat(orders.getRow(0).getCell(0).getStringCellValue()).isEqualTo("订单号");
      assertThat(orders.getColumnStyle(0).getDataFormatString()).isEqualTo("@");
      for (int r : List.of(1, 100, OrderFileTemplate.PREFORMATTED_ROWS)) {
        assertThat(orders.getRow(r).getCell(0).getCellStyle().getDataFormatString())
            .as("row %d", r + 1)
            .isEqualTo("@");
      }
      assertThat(orders.getColumnWidth(0)).isGreaterThanOrEqualTo(20 * 256);
      assertThat(workbook.getSheetAt(1).getSheetName()).isEqualTo("填写说明");
      assertThat(workbook.getSheetAt(1).getRow(3).getCell(0).getStringCellValue()).contains("文本");
      assertThat(workbook.getActiveSheetIndex()).isZero();
    }
  }

  @Test
  void anEmptyTemplateReadsAsNoOrderNumbers() {
    assertThat(reader.read(new ByteArrayInputStream(template))).isEmpty();
  }

  @Test
  void numbersTypedAsTextReadBackExactly() throws IOException {
    List<String> typed =
        List.of("2203151234567890123", "0012345", "99999999999999999999999999999999", "7");
    byte[] filled;
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template))) {
      XSSFSheet orders = workbook.getSheetAt(0);
      for (int i = 0; i < typed.size(); i++) {
        var cell = orders.getRow(i + 1).getCell(0);
        cell.setCellValue(typed.get(i));
        assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
      }
      // the instruction sheet is not read: its text is no order number
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      filled = out.toByteArray();
    }

    assertThat(reader.read(new ByteArrayInputStream(filled))).containsExactlyElementsOf(typed);
  }

  @Test
  void instructionsNameTheConfiguredLimit() {
    assertThat(OrderFileTemplate.help(1234)).anySatisfy(l -> assertThat(l).contains("1234"));
  }
}
