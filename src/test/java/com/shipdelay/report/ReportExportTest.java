package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.report.ReportExport.ExportRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class ReportExportTest {

  private static byte[] export(List<ExportRow> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportExport.write(rows.iterator(), out);
    return out.toByteArray();
  }

  private static List<String> texts(Row row) {
    List<String> texts = new ArrayList<>();
    row.forEach(
        c ->
            texts.add(
                c.getCellType() == CellType.NUMERIC
                    ? "#" + (long) c.getNumericCellValue()
                    : c.getStringCellValue()));
    return texts;
  }

  @Test
  void writesTheHeaderAndOneRowPerReportWithShanghaiTimes() throws IOException {
    ExportRow decided =
        new ExportRow(
            9_007_199_254_740_993L,
            "EPIDEMIC",
            "疫情原因",
            "APPROVED",
            Instant.parse("2026-03-01T02:03:04Z"),
            Instant.parse("2026-03-10T15:59:59Z"),
            12,
            Instant.parse("2026-03-03T02:03:04Z"),
            Instant.parse("2026-03-02T00:00:00Z"));
    ExportRow open =
        new ExportRow(
            42,
            "MERCHANT_FACTOR",
            null,
            "IN_REVIEW",
            Instant.parse("2026-03-01T16:00:00Z"),
            Instant.parse("2026-03-05T00:00:00Z"),
            3,
            Instant.parse("2026-03-03T16:00:00Z"),
            null);

    try (XSSFWorkbook workbook =
        new XSSFWorkbook(new ByteArrayInputStream(export(List.of(decided, open))))) {
      XSSFSheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getSheetName()).isEqualTo("报备列表");
      assertThat(texts(sheet.getRow(0)))
          .containsExactly("报备ID", "类型", "状态", "提交时间", "延迟发货至", "订单数", "审核截止", "审核时间");
      assertThat(texts(sheet.getRow(1)))
          .containsExactly(
              "9007199254740993",
              "疫情原因",
              "已通过",
              "2026-03-01 10:03:04",
              "2026-03-10 23:59:59",
              "#12",
              "2026-03-03 10:03:04",
              "2026-03-02 08:00:00");
      assertThat(sheet.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.STRING);
      assertThat(texts(sheet.getRow(2)))
          .containsExactly(
              "42",
              "MERCHANT_FACTOR",
              "审核中",
              "2026-03-02 00:00:00",
              "2026-03-05 08:00:00",
              "#3",
              "2026-03-04 00:00:00",
              "");
      assertThat(sheet.getLastRowNum()).isEqualTo(2);
    }
  }

  @Test
  void streamsManyRowsBeyondTheWindow() throws IOException {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    List<ExportRow> rows =
        IntStream.range(0, 5_000)
            .mapToObj(i -> new ExportRow(i, "EPIDEMIC", "疫情原因", "SUBMITTED", t, t, i, t, null))
            .toList();

    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export(rows)))) {
      XSSFSheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getLastRowNum()).isEqualTo(5_000);
      assertThat(sheet.getRow(5_000).getCell(0).getStringCellValue()).isEqualTo("4999");
    }
  }

  @Test
  void anEmptyListStillHasTheHeader() throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export(List.of())))) {
      assertThat(workbook.getSheetAt(0).getLastRowNum()).isZero();
      assertThat(workbook.getSheetAt(0).getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("报备ID");
    }
  }
}
