package com.shipdelay.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The order-number template ({@code GET /api/v1/delay-reports/template.xlsx}).
 *
 * <p>The first sheet, 订单号, is the one {@link OrderFileReader} reads: a header 订单号 in A1 and column
 * A formatted as text ({@code @}), both as the column's default style and on the first {@link
 * #PREFORMATTED_ROWS} rows, so that a pasted 19-digit order number keeps every digit. The second
 * sheet, 填写说明, explains how to fill it in; the reader never looks at it.
 */
final class OrderFileTemplate {

  static final String ORDER_SHEET = "订单号";
  static final String HELP_SHEET = "填写说明";
  static final String HEADER = "订单号";
  static final int PREFORMATTED_ROWS = 5_000;

  static List<String> help(int maxRows) {
    return List.of(
        "延迟发货报备：订单号模板填写说明",
        "1. 只在第一个工作表「订单号」的 A 列填写订单号，每行一个；第 1 行是表头，请保留或删除均可。",
        "2. 订单号只能由 1–32 位数字组成；不要填写其他列，也不要在 A 列填写公式、备注或空格以外的内容。",
        "3. A 列已设置为\"文本\"格式。从其他表格粘贴时，请选择\"只粘贴文本\"（选择性粘贴 → 数值/文本），否则超过 15 位的订单号会被 Excel 改成科学计数法并丢失末尾数字。",
        "4. 如果订单号显示为 2.20315E+15 之类，说明已丢失数字：请将 A 列设置单元格格式为\"文本\"后重新输入或粘贴订单号。",
        "5. 空行和重复的订单号会被忽略；一个文件最多 " + maxRows + " 个订单号。",
        "6. 保存为 .xlsx（Excel 工作簿）格式后上传；任何一个单元格有误时，整个文件都不会被保存，错误会指出具体的行和列。");
  }

  private OrderFileTemplate() {}

  /** The template as .xlsx bytes; {@code maxRows} is the row limit its instructions name. */
  static byte[] bytes(int maxRows) {
    List<String> lines = help(maxRows);
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      short text = workbook.createDataFormat().getFormat("@");

      CellStyle textStyle = workbook.createCellStyle();
      textStyle.setDataFormat(text);

      Font bold = workbook.createFont();
      bold.setBold(true);
      CellStyle headerStyle = workbook.createCellStyle();
      headerStyle.setDataFormat(text);
      headerStyle.setFont(bold);
      headerStyle.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
      headerStyle.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      headerStyle.setBorderBottom(BorderStyle.THIN);

      XSSFSheet orders = workbook.createSheet(ORDER_SHEET);
      orders.setDefaultColumnStyle(0, textStyle);
      orders.setColumnWidth(0, 36 * 256);
      XSSFRow header = orders.createRow(0);
      var headerCell = header.createCell(0);
      headerCell.setCellValue(HEADER);
      headerCell.setCellStyle(headerStyle);
      for (int r = 1; r <= PREFORMATTED_ROWS; r++) {
        orders.createRow(r).createCell(0).setCellStyle(textStyle);
      }
      orders.createFreezePane(0, 1);

      XSSFSheet help = workbook.createSheet(HELP_SHEET);
      help.setColumnWidth(0, 120 * 256);
      CellStyle wrap = workbook.createCellStyle();
      wrap.setWrapText(true);
      for (int i = 0; i < lines.size(); i++) {
        var cell = help.createRow(i).createCell(0);
        cell.setCellValue(lines.get(i));
        cell.setCellStyle(i == 0 ? headerStyle : wrap);
      }

      workbook.setActiveSheet(0);
      workbook.setSelectedTab(0);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
