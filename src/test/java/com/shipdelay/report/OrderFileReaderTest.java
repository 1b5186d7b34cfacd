package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.shipdelay.web.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

class OrderFileReaderTest {

  private final OrderFileReader reader = new OrderFileReader(OrderFileSettings.defaults());

  private List<String> read(String fixture) {
    return reader.read(OrderFileFixtures.open(fixture));
  }

  private ApiException refused(String fixture) {
    return catchThrowableOfType(ApiException.class, () -> read(fixture));
  }

  /** (row, column) of each error, in file order. */
  private static List<org.assertj.core.groups.Tuple> cells(ApiException e) {
    return e.errors().stream().map(m -> tuple(m.row(), m.column())).toList();
  }

  private static String message(ApiException e, int row, String column) {
    return e.errors().stream()
        .filter(m -> m.row().equals(row) && m.column().equals(column))
        .map(m -> m.message())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no error at " + column + row + ": " + e.errors()));
  }

  @Test
  void readsExcelStyleSharedStringsUnderAHeader() {
    assertThat(read("header-shared-strings.xlsx"))
        .containsExactly(
            "2203151234567890123", "2203151234567890124", "220315123456789012345678901234");
  }

  @Test
  void readsInlineStringsWithoutAHeader() {
    assertThat(read("no-header-inline-strings.xlsx"))
        .containsExactly("2203151234567890123", "2203151234567890124", "9");
  }

  @Test
  void skipsBlankRowsTrimsAndKeepsTheFirstOfDuplicates() {
    assertThat(read("blank-rows-and-duplicates.xlsx")).containsExactly("1001", "1002", "1003");
  }

  @Test
  void acceptsNumericCellsThatAreExactIntegersOfAtMost15Digits() {
    assertThat(read("numeric-15-digits.xlsx"))
        .containsExactly("220315123456789", "12345", "999999999999999");
  }

  @Test
  void refusesNumbersExcelMayHaveCutAndSaysHowToFixTheFile() {
    ApiException e = refused("numeric-16-digits.xlsx");

    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(e.code()).isEqualTo("INVALID_ORDER_FILE");
    assertThat(cells(e))
        .containsExactly(tuple(3, "A"), tuple(4, "A"), tuple(5, "A"), tuple(6, "A"), tuple(7, "A"));
    for (int row : List.of(3, 4, 5)) {
      assertThat(message(e, row, "A")).contains("设置单元格格式为\"文本\"").contains("模板");
    }
    assertThat(message(e, 3, "A")).contains("2.20315123456789E+15").contains("15 位");
    assertThat(message(e, 5, "A")).contains("科学计数法");
    assertThat(message(e, 6, "A")).contains("小数");
    assertThat(message(e, 7, "A")).contains("日期");
  }

  @Test
  void anyContentOutsideColumnANamesItsCell() {
    ApiException e = refused("extra-column.xlsx");

    assertThat(e.code()).isEqualTo("INVALID_ORDER_FILE");
    assertThat(cells(e)).containsExactly(tuple(1, "B"), tuple(3, "C"), tuple(4, "AB"));
    assertThat(message(e, 1, "B")).contains("只能在 A 列填写订单号").contains("备注");
  }

  @Test
  void formulasAreRefused() {
    ApiException e = refused("formula.xlsx");

    assertThat(cells(e)).containsExactly(tuple(3, "A"), tuple(4, "B"));
    assertThat(message(e, 3, "A")).contains("订单号不能是公式");
  }

  @Test
  void everyValueThatIsNoOrderNumberIsListed() {
    ApiException e = refused("bad-values.xlsx");

    assertThat(cells(e))
        .containsExactly(
            tuple(2, "A"),
            tuple(3, "A"),
            tuple(4, "A"),
            tuple(5, "A"),
            tuple(6, "A"),
            tuple(7, "A"));
    assertThat(message(e, 2, "A")).contains("SO-1001").contains("不是有效的订单号");
    assertThat(message(e, 4, "A")).contains("过长");
    assertThat(e.getMessage()).contains("6 处错误").contains("未保存");
  }

  @Test
  void readsOnlyTheFirstSheet() {
    assertThat(read("two-sheets.xlsx")).containsExactly("1001");
  }

  @Test
  void libreOfficeTextColumnKeepsEveryDigit() {
    assertThat(read("lo-text.xlsx"))
        .containsExactly("2203151234567890123", "0012345", "2203151234567891");
  }

  @Test
  void libreOfficeGeneralColumnRefusesTheNumbersItCut() {
    ApiException e = refused("lo-general.xlsx");

    assertThat(cells(e)).containsExactly(tuple(2, "A"), tuple(4, "A"), tuple(6, "A"));
    assertThat(message(e, 4, "A")).contains("2203151234567890").contains("文本");
  }

  @ParameterizedTest
  @ValueSource(strings = {"png-renamed.xlsx", "legacy.xlsx", "csv-renamed.xlsx", "plain-zip.xlsx"})
  void whatIsNotAnXlsxByItsBytesIsAnUnsupportedType(String fixture) {
    ApiException e = refused(fixture);

    assertThat(e.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    assertThat(e.code()).isEqualTo("UNSUPPORTED_ORDER_FILE_TYPE");
    assertThat(e.getMessage()).contains(".xlsx");
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 30, 600, 1500, 2400})
  void aTruncatedXlsxIsRefusedNotAServerError(int length) throws IOException {
    byte[] whole;
    try (InputStream in = OrderFileFixtures.open("header-shared-strings.xlsx")) {
      whole = in.readAllBytes();
    }
    byte[] cut = java.util.Arrays.copyOf(whole, Math.min(length, whole.length - 10));

    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(cut)))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.status().value()).isIn(415, 422));
  }

  @Test
  void aDamagedSheetInsideAReadableZipIsRefusedNotAServerError() throws IOException {
    byte[] bytes;
    try (InputStream in = OrderFileFixtures.open("header-shared-strings.xlsx")) {
      bytes = in.readAllBytes();
    }
    String all = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int data = all.indexOf("xl/worksheets/sheet1.xml") + "xl/worksheets/sheet1.xml".length();
    for (int i = data + 5; i < data + 60; i++) {
      bytes[i] = (byte) 0xFF;
    }

    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(bytes)))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status().value()).isIn(415, 422);
              assertThat(e.getMessage()).contains("xlsx");
            });
  }

  @Test
  void anEmptyUploadIsAnUnsupportedType() {
    assertThatThrownBy(() -> reader.read(new ByteArrayInputStream(new byte[0])))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.code()).isEqualTo("UNSUPPORTED_ORDER_FILE_TYPE"));
  }

  @Test
  void stopsAtTheRowLimit(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rows.xlsx");
    XlsxFixture.writeManyRows(file, 50_001);

    ApiException e;
    try (InputStream in = Files.newInputStream(file)) {
      e = catchThrowableOfType(ApiException.class, () -> reader.read(in));
    }

    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(e.code()).isEqualTo("INVALID_ORDER_FILE");
    assertThat(e.getMessage()).contains("50000");
    assertThat(cells(e)).containsExactly(tuple(50_002, "A"));
  }

  @Test
  void readsExactlyTheRowLimit(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("rows.xlsx");
    XlsxFixture.writeManyRows(file, 50_000);

    List<String> ids;
    try (InputStream in = Files.newInputStream(file)) {
      ids = reader.read(in);
    }

    assertThat(ids).hasSize(50_000);
    assertThat(ids.get(0)).isEqualTo(XlsxFixture.orderId(0));
    assertThat(ids.get(49_999)).isEqualTo(XlsxFixture.orderId(49_999));
  }

  @Test
  void theRowLimitIsConfigurable() {
    OrderFileReader small = new OrderFileReader(new OrderFileSettings(2, null));

    ApiException e =
        catchThrowableOfType(
            ApiException.class,
            () -> small.read(OrderFileFixtures.open("header-shared-strings.xlsx")));

    assertThat(e.getMessage()).contains("2 行");
    assertThat(cells(e)).containsExactly(tuple(4, "A"));
  }

  @Test
  void aZipBombIsRefusedAsTooLargeWithTheGuardStillOn(@TempDir Path dir) throws IOException {
    double ratio = ZipSecureFile.getMinInflateRatio();
    Path file = dir.resolve("bomb.xlsx");
    XlsxFixture.writeZipBomb(file, 64);
    assertThat(Files.size(file)).isLessThan(1024 * 1024);

    ApiException e;
    try (InputStream in = Files.newInputStream(file)) {
      e = catchThrowableOfType(ApiException.class, () -> reader.read(in));
    }

    assertThat(e.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(e.code()).isEqualTo("ORDER_FILE_TOO_LARGE");
    assertThat(e.getMessage()).contains("压缩");
    assertThat(ZipSecureFile.getMinInflateRatio()).isEqualTo(ratio).isGreaterThan(0);
  }

  @Test
  void aFileOverTheByteLimitIsTooLarge() {
    OrderFileReader tiny = new OrderFileReader(new OrderFileSettings(0, DataSize.ofBytes(1000)));

    ApiException e =
        catchThrowableOfType(
            ApiException.class, () -> tiny.read(OrderFileFixtures.open("two-sheets.xlsx")));

    assertThat(e.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
    assertThat(e.code()).isEqualTo("ORDER_FILE_TOO_LARGE");
  }

  @Test
  void headerTexts() {
    assertThat(OrderCellText.isHeader("订单号")).isTrue();
    assertThat(OrderCellText.isHeader("订单编号")).isTrue();
    assertThat(OrderCellText.isHeader("Order ID")).isTrue();
    assertThat(OrderCellText.isHeader("order_no")).isTrue();
    assertThat(OrderCellText.isHeader("备注")).isFalse();
  }

  @Test
  void columnNames() {
    assertThat(OrderCellText.columnName(1)).isEqualTo("A");
    assertThat(OrderCellText.columnName(26)).isEqualTo("Z");
    assertThat(OrderCellText.columnName(28)).isEqualTo("AB");
    assertThat(OrderCellText.columnOf("AB4", 0)).isEqualTo(28);
  }
}
