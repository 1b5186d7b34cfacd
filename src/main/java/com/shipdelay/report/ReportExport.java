package com.shipdelay.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes the merchant's report list as .xlsx ({@code GET /api/v1/delay-reports/export.xlsx}),
 * streaming: SXSSF keeps {@link #WINDOW} rows in memory and the rest in a temp file, which {@link
 * SXSSFWorkbook#dispose()} removes. Ids are text cells so that no spreadsheet rounds them; times
 * are text in Asia/Shanghai.
 */
final class ReportExport {

  /** One line of the export: a report list item. {@code typeLabel} may be null. */
  record ExportRow(
      long id,
      String type,
      String typeLabel,
      String status,
      Instant createdAt,
      Instant delayUntil,
      int orderCount,
      Instant reviewDueAt,
      Instant decidedAt) {}

  static final String SHEET = "报备列表";
  static final List<String> HEADERS =
      List.of("报备ID", "类型", "状态", "提交时间", "延迟发货至", "订单数", "审核截止", "审核时间");
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

  private static final int WINDOW = 200;
  private static final int[] WIDTHS = {14, 12, 14, 21, 21, 10, 21, 21};

  private ReportExport() {}

  /** Writes every row to {@code out}, which it does not close. */
  static void write(Iterator<ExportRow> rows, OutputStream out) {
    SXSSFWorkbook workbook = new SXSSFWorkbook(WINDOW);
    workbook.setCompressTempFiles(true);
    try {
      short text = workbook.createDataFormat().getFormat("@");
      CellStyle textStyle = workbook.createCellStyle();
      textStyle.setDataFormat(text);
      Font bold = workbook.createFont();
      bold.setBold(true);
      CellStyle headerStyle = workbook.createCellStyle();
      headerStyle.setFont(bold);

      SXSSFSheet sheet = workbook.createSheet(SHEET);
      for (int c = 0; c < WIDTHS.length; c++) {
        sheet.setColumnWidth(c, WIDTHS[c] * 256);
      }
      Row header = sheet.createRow(0);
      for (int c = 0; c < HEADERS.size(); c++) {
        Cell cell = header.createCell(c);
        cell.setCellValue(HEADERS.get(c));
        cell.setCellStyle(headerStyle);
      }
      sheet.createFreezePane(0, 1);

      int r = 1;
      while (rows.hasNext()) {
        ExportRow item = rows.next();
        Row row = sheet.createRow(r++);
        text(row, 0, Long.toString(item.id()), textStyle);
        text(row, 1, item.typeLabel() != null ? item.typeLabel() : item.type(), textStyle);
        text(row, 2, statusLabel(item.status()), textStyle);
        text(row, 3, time(item.createdAt()), textStyle);
        text(row, 4, time(item.delayUntil()), textStyle);
        row.createCell(5).setCellValue(item.orderCount());
        text(row, 6, time(item.reviewDueAt()), textStyle);
        text(row, 7, time(item.decidedAt()), textStyle);
      }
      workbook.write(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      workbook.dispose();
      try {
        workbook.close();
      } catch (IOException ignored) {
        // nothing left to release: dispose() removed the temp files
      }
    }
  }

  private static void text(Row row, int column, String value, CellStyle style) {
    Cell cell = row.createCell(column);
    cell.setCellStyle(style);
    if (value != null) {
      cell.setCellValue(value);
    }
  }

  static String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** The Chinese label of a status code; an unknown code is shown as it is. */
  static String statusLabel(String status) {
    return Labels.status(status);
  }
}
