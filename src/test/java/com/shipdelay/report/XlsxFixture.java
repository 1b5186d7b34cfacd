package com.shipdelay.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes small .xlsx files part by part, so that a test controls exactly what Excel would have
 * written: shared or inline strings, a raw numeric value such as {@code 2.20315123456789E+15}, a
 * cell style (General, text, scientific, date) and formulas. Entries carry a fixed time so that the
 * committed fixtures are reproducible.
 */
final class XlsxFixture {

  /** The cell styles of the fixture's styles.xml, by their index in cellXfs. */
  enum Style {
    GENERAL(0),
    TEXT(1),
    SCIENTIFIC(2),
    DATE(3);

    final int index;

    Style(int index) {
      this.index = index;
    }
  }

  private static final long FIXED_TIME = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private final boolean sharedStrings;
  private final TreeMap<Integer, TreeMap<Integer, String>> rows = new TreeMap<>();
  private final List<String> strings = new ArrayList<>();
  private final Map<String, Integer> stringIndex = new LinkedHashMap<>();
  private final List<String> extraSheetCells = new ArrayList<>();

  private XlsxFixture(boolean sharedStrings) {
    this.sharedStrings = sharedStrings;
  }

  /** Text as Excel writes it: in the shared-strings table. */
  static XlsxFixture shared() {
    return new XlsxFixture(true);
  }

  /** Text as many generators write it: inline in the cell. */
  static XlsxFixture inline() {
    return new XlsxFixture(false);
  }

  XlsxFixture text(String ref, String text) {
    return text(ref, text, Style.GENERAL);
  }

  XlsxFixture text(String ref, String text, Style style) {
    if (sharedStrings) {
      int index = stringIndex.computeIfAbsent(text, t -> addString(t));
      return put(ref, "<c r=\"%s\" s=\"%d\" t=\"s\"><v>%d</v></c>", ref, style.index, index);
    }
    return put(
        ref,
        "<c r=\"%s\" s=\"%d\" t=\"inlineStr\"><is><t xml:space=\"preserve\">%s</t></is></c>",
        ref,
        style.index,
        escape(text));
  }

  /** A numeric cell whose stored value is {@code raw}, exactly as given. */
  XlsxFixture number(String ref, String raw) {
    return number(ref, raw, Style.GENERAL);
  }

  XlsxFixture number(String ref, String raw, Style style) {
    return put(ref, "<c r=\"%s\" s=\"%d\"><v>%s</v></c>", ref, style.index, raw);
  }

  XlsxFixture bool(String ref, boolean value) {
    return put(ref, "<c r=\"%s\" t=\"b\"><v>%d</v></c>", ref, value ? 1 : 0);
  }

  /** A formula with its cached numeric result. */
  XlsxFixture formula(String ref, String formula, String cachedValue) {
    return put(
        ref, "<c r=\"%s\"><f>%s</f><v>%s</v></c>", ref, escape(formula), escape(cachedValue));
  }

  /** An empty cell that only carries a style, as a pre-formatted template row does. */
  XlsxFixture styledEmpty(String ref, Style style) {
    return put(ref, "<c r=\"%s\" s=\"%d\"/>", ref, style.index);
  }

  /** Adds a second sheet with this inline text in A1, A2, …; the reader must ignore it. */
  XlsxFixture secondSheet(String... texts) {
    extraSheetCells.addAll(List.of(texts));
    return this;
  }

  private int addString(String text) {
    strings.add(text);
    return strings.size() - 1;
  }

  private XlsxFixture put(String ref, String format, Object... args) {
    int row = Integer.parseInt(ref.replaceAll("[A-Z]", ""));
    int column = OrderCellText.columnOf(ref, 1);
    rows.computeIfAbsent(row, r -> new TreeMap<>()).put(column, format.formatted(args));
    return this;
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  void write(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(out);
    }
  }

  private void write(OutputStream out) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      boolean twoSheets = !extraSheetCells.isEmpty();
      writePackageParts(zip, twoSheets, sharedStrings);
      entry(zip, "xl/worksheets/sheet1.xml");
      StringBuilder sheet = new StringBuilder(SHEET_START);
      rows.forEach(
          (row, cells) -> {
            sheet.append("<row r=\"").append(row).append("\">");
            cells.values().forEach(sheet::append);
            sheet.append("</row>");
          });
      sheet.append(SHEET_END);
      zip.write(sheet.toString().getBytes(StandardCharsets.UTF_8));
      if (twoSheets) {
        entry(zip, "xl/worksheets/sheet2.xml");
        StringBuilder second = new StringBuilder(SHEET_START);
        for (int i = 0; i < extraSheetCells.size(); i++) {
          second
              .append("<row r=\"")
              .append(i + 1)
              .append("\"><c r=\"A")
              .append(i + 1)
              .append("\" t=\"inlineStr\"><is><t>")
              .append(escape(extraSheetCells.get(i)))
              .append("</t></is></c></row>");
        }
        second.append(SHEET_END);
        zip.write(second.toString().getBytes(StandardCharsets.UTF_8));
      }
      if (sharedStrings) {
        entry(zip, "xl/sharedStrings.xml");
        StringBuilder sst =
            new StringBuilder(
                XML_DECL
                    + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                    + " count=\"%d\" uniqueCount=\"%d\">"
                        .formatted(strings.size(), strings.size()));
        for (String s : strings) {
          sst.append("<si><t xml:space=\"preserve\">").append(escape(s)).append("</t></si>");
        }
        sst.append("</sst>");
        zip.write(sst.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /**
   * A workbook whose one sheet has {@code count} rows of order numbers under a header, written row
   * by row; with {@code shared}, as Excel writes it (every number in the shared-strings table),
   * else inline.
   */
  static void writeManyRows(Path file, int count, boolean shared) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      writePackageParts(zip, false, shared);
      entry(zip, "xl/worksheets/sheet1.xml");
      Writer w = new java.io.OutputStreamWriter(zip, StandardCharsets.UTF_8);
      w.write(SHEET_START);
      w.write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>订单号</t></is></c></row>");
      for (int i = 0; i < count; i++) {
        int row = i + 2;
        String value =
            shared
                ? "\" t=\"s\"><v>" + i + "</v></c>"
                : "\" t=\"inlineStr\"><is><t>" + orderId(i) + "</t></is></c>";
        w.write("<row r=\"" + row + "\"><c r=\"A" + row + value + "</row>");
      }
      w.write(SHEET_END);
      w.flush();
      if (shared) {
        entry(zip, "xl/sharedStrings.xml");
        w.write(
            XML_DECL
                + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " count=\"%d\" uniqueCount=\"%d\">".formatted(count, count));
        for (int i = 0; i < count; i++) {
          w.write("<si><t>" + orderId(i) + "</t></si>");
        }
        w.write("</sst>");
        w.flush();
      }
      zip.closeEntry();
    }
  }

  static void writeManyRows(Path file, int count) throws IOException {
    writeManyRows(file, count, false);
  }

  /** The i-th generated order number, 19 digits. */
  static String orderId(int i) {
    return "2203151%012d".formatted(i);
  }

  /**
   * A valid workbook whose sheet XML is {@code megabytes} MB of blanks: tiny when zipped, huge when
   * unzipped. POI's ZipSecureFile must refuse it by its compression ratio.
   */
  static void writeZipBomb(Path file, int megabytes) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      writePackageParts(zip, false, false);
      entry(zip, "xl/worksheets/sheet1.xml");
      zip.write(SHEET_START.getBytes(StandardCharsets.UTF_8));
      byte[] blanks = new byte[1024 * 1024];
      java.util.Arrays.fill(blanks, (byte) ' ');
      for (int i = 0; i < megabytes; i++) {
        zip.write(blanks);
      }
      zip.write(
          "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>1</t></is></c></row>"
              .getBytes(StandardCharsets.UTF_8));
      zip.write(SHEET_END.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void writePackageParts(ZipOutputStream zip, boolean twoSheets, boolean sst)
      throws IOException {
    String sheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";
    entry(zip, "[Content_Types].xml");
    zip.write(
        (XML_DECL
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\""
                + " ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
                + "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\""
                + sheetType
                + "\"/>"
                + (twoSheets
                    ? "<Override PartName=\"/xl/worksheets/sheet2.xml\" ContentType=\""
                        + sheetType
                        + "\"/>"
                    : "")
                + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
                + "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                + (sst
                    ? "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/"
                        + "vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                    : "")
                + "</Types>")
            .getBytes(StandardCharsets.UTF_8));
    entry(zip, "_rels/.rels");
    zip.write(
        (XML_DECL
                + "<Relationships"
                + " xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
                + "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                + "</Relationships>")
            .getBytes(StandardCharsets.UTF_8));
    entry(zip, "xl/workbook.xml");
    zip.write(
        (XML_DECL
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"订单号\" sheetId=\"1\" r:id=\"rId1\"/>"
                + (twoSheets ? "<sheet name=\"其他\" sheetId=\"2\" r:id=\"rId2\"/>" : "")
                + "</sheets></workbook>")
            .getBytes(StandardCharsets.UTF_8));
    String rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    entry(zip, "xl/_rels/workbook.xml.rels");
    zip.write(
        (XML_DECL
                + "<Relationships"
                + " xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\""
                + rel
                + "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + (twoSheets
                    ? "<Relationship Id=\"rId2\" Type=\""
                        + rel
                        + "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
                    : "")
                + "<Relationship Id=\"rId3\" Type=\""
                + rel
                + "styles\" Target=\"styles.xml\"/>"
                + (sst
                    ? "<Relationship Id=\"rId4\" Type=\""
                        + rel
                        + "sharedStrings\" Target=\"sharedStrings.xml\"/>"
                    : "")
                + "</Relationships>")
            .getBytes(StandardCharsets.UTF_8));
    entry(zip, "xl/styles.xml");
    zip.write(
        (XML_DECL
                + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
                + "<fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills>"
                + "<borders count=\"1\"><border/></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\""
                + " borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"4\">"
                + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
                + " applyNumberFormat=\"1\"/>"
                + "<xf numFmtId=\"11\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
                + " applyNumberFormat=\"1\"/>"
                + "<xf numFmtId=\"14\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
                + " applyNumberFormat=\"1\"/>"
                + "</cellXfs></styleSheet>")
            .getBytes(StandardCharsets.UTF_8));
  }

  private static void entry(ZipOutputStream zip, String name) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(FIXED_TIME);
    zip.putNextEntry(entry);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static final String XML_DECL =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  private static final String SHEET_START =
      XML_DECL
          + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
          + "<sheetData>";
  private static final String SHEET_END = "</sheetData></worksheet>";
}
