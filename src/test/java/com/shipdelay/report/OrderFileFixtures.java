package com.shipdelay.report;

import static com.shipdelay.report.XlsxFixture.Style.DATE;
import static com.shipdelay.report.XlsxFixture.Style.SCIENTIFIC;
import static com.shipdelay.report.XlsxFixture.Style.TEXT;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The committed order-file fixtures under {@code src/test/resources/orderfiles/}, and how they were
 * made. Regenerate with {@code ./mvnw -o test -Dtest=OrderFileFixtures -Dorderfiles.generate=true}.
 * The {@code lo-*.xlsx} files are not made here: LibreOffice wrote them (see {@code README.md}
 * there).
 */
class OrderFileFixtures {

  static final String DIR = "/orderfiles/";

  static Map<String, Supplier<byte[]>> all() {
    Map<String, Supplier<byte[]>> files = new TreeMap<>();
    files.put(
        "header-shared-strings.xlsx",
        () ->
            XlsxFixture.shared()
                .text("A1", "订单号")
                .text("A2", "2203151234567890123")
                .text("A3", "2203151234567890124")
                .text("A4", "220315123456789012345678901234")
                .bytes());
    files.put(
        "no-header-inline-strings.xlsx",
        () ->
            XlsxFixture.inline()
                .text("A1", "2203151234567890123")
                .text("A2", "2203151234567890124")
                .text("A3", "9")
                .bytes());
    files.put(
        "blank-rows-and-duplicates.xlsx",
        () ->
            XlsxFixture.shared()
                .text("A1", "订单编号")
                .text("A2", "1001")
                .styledEmpty("A3", TEXT)
                .text("A4", "  ")
                .text("A5", "1002", TEXT)
                .text("A7", "1001")
                .text("A8", " 1003\u00A0")
                .text("A9", "1002")
                .styledEmpty("B9", TEXT)
                .bytes());
    files.put(
        "numeric-15-digits.xlsx",
        () ->
            XlsxFixture.shared()
                .text("A1", "订单号")
                .number("A2", "220315123456789")
                .number("A3", "12345")
                .number("A4", "999999999999999", TEXT)
                .number("A5", "1.2345E+4")
                .bytes());
    files.put(
        "numeric-16-digits.xlsx",
        () ->
            XlsxFixture.shared()
                .text("A1", "订单号")
                .text("A2", "2203151234567890123")
                .number("A3", "2.20315123456789E+15")
                .number("A4", "2203151234567891")
                .number("A5", "220315123456789", SCIENTIFIC)
                .number("A6", "1234.5")
                .number("A7", "45000", DATE)
                .bytes());
    files.put(
        "extra-column.xlsx",
        () ->
            XlsxFixture.shared()
                .text("A1", "订单号")
                .text("B1", "备注")
                .text("A2", "1001")
                .number("C3", "5")
                .text("A4", "1002")
                .text("AB4", "顺丰")
                .text("B5", "  ")
                .bytes());
    files.put(
        "formula.xlsx",
        () ->
            XlsxFixture.inline()
                .text("A1", "订单号")
                .text("A2", "1001")
                .formula("A3", "A2+1", "1002")
                .formula("B4", "A2", "1001")
                .text("A4", "1003")
                .bytes());
    files.put(
        "bad-values.xlsx",
        () ->
            XlsxFixture.inline()
                .text("A1", "order id")
                .text("A2", "SO-1001")
                .text("A3", "2203 1512")
                .text("A4", "123456789012345678901234567890123")
                .bool("A5", true)
                .text("A6", "订单号")
                .text("A7", "１２３")
                .text("A8", "1004")
                .bytes());
    files.put(
        "two-sheets.xlsx",
        () ->
            XlsxFixture.shared()
                .text("A1", "订单号")
                .text("A2", "1001")
                .secondSheet("这里是说明，不是订单号", "B 列不读")
                .bytes());
    files.put("png-renamed.xlsx", OrderFileFixtures::png);
    files.put("legacy.xlsx", OrderFileFixtures::xls);
    files.put("csv-renamed.xlsx", () -> "订单号\n1001\n1002\n".getBytes(StandardCharsets.UTF_8));
    files.put("plain-zip.xlsx", OrderFileFixtures::plainZip);
    return files;
  }

  static InputStream open(String name) {
    InputStream in = OrderFileFixtures.class.getResourceAsStream(DIR + name);
    if (in == null) {
      throw new IllegalArgumentException("no fixture " + name);
    }
    return in;
  }

  @Test
  @EnabledIfSystemProperty(named = "orderfiles.generate", matches = "true")
  void generate() throws IOException {
    Path dir = Path.of("src/test/resources/orderfiles");
    Files.createDirectories(dir);
    for (var file : all().entrySet()) {
      Files.write(dir.resolve(file.getKey()), file.getValue().get());
    }
  }

  private static byte[] png() {
    try {
      var out = new java.io.ByteArrayOutputStream();
      ImageIO.write(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] xls() {
    try (HSSFWorkbook workbook = new HSSFWorkbook()) {
      var sheet = workbook.createSheet("订单号");
      sheet.createRow(0).createCell(0).setCellValue("订单号");
      sheet.createRow(1).createCell(0).setCellValue("1001");
      var out = new java.io.ByteArrayOutputStream();
      workbook.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] plainZip() {
    var out = new java.io.ByteArrayOutputStream();
    try (var zip = new java.util.zip.ZipOutputStream(out)) {
      var entry = new java.util.zip.ZipEntry("orders.txt");
      entry.setTime(1_767_225_600_000L);
      zip.putNextEntry(entry);
      zip.write("1001\n1002\n".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static void copy(String name, OutputStream out) throws IOException {
    try (InputStream in = open(name)) {
      in.transferTo(out);
    }
  }
}
