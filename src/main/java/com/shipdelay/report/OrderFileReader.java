package com.shipdelay.report;

import com.shipdelay.order.OrderNumbers;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.InvalidOperationException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.springframework.stereotype.Component;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the order numbers of an uploaded .xlsx ({@code orderFile}).
 *
 * <p>The first sheet holds order numbers in column A and nothing else; row 1 may be a header. The
 * file is streamed: the sheet XML goes through SAX, never through {@code XSSFWorkbook}, so 100,000
 * rows fit in a 32 MB heap. POI's zip-bomb guard ({@code ZipSecureFile}) stays as POI sets it.
 *
 * <p>Every bad cell is collected (up to {@link #MAX_LISTED_ERRORS}) and refused together as one
 * {@code 422 INVALID_ORDER_FILE}, so that nothing is saved from a bad file.
 */
@Component
class OrderFileReader {

  /** A file full of errors lists this many cells; the message gives the total. */
  static final int MAX_LISTED_ERRORS = 1_000;

  static final int MAX_ORDER_ID_LENGTH = OrderNumbers.MAX_LENGTH;

  /** Shown as the fix whenever Excel has (or may have) turned an order number into a number. */
  static final String TEXT_FIX = "请将 A 列设置单元格格式为\"文本\"后重新输入或粘贴订单号（粘贴时选择\"只粘贴文本\"），或下载报备订单模板填写";

  /** Integers below 10^15 survive Excel's 15 significant digits exactly. */
  private static final BigDecimal EXACT_LIMIT = BigDecimal.TEN.pow(15);

  /** Header texts, compared after lower-casing and dropping spaces, '_', '-', '#' and '.'. */
  private static final Set<String> HEADERS =
      Set.of(
          "订单号", "订单编号", "订单id", "订单号码", "orderid", "orderno", "ordernumber", "ordercode", "order");

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

  /** Longest text kept of a cell; an order number has at most 32 characters. */
  private static final int KEPT_TEXT = 64;

  private final int maxRows;
  private final long maxBytes;

  OrderFileReader(OrderFileSettings settings) {
    this.maxRows = settings.maxFileRows();
    this.maxBytes = settings.maxFileSize().toBytes();
  }

  /**
   * The order numbers of the file, in file order, each once.
   *
   * @throws ApiException 415 {@code UNSUPPORTED_ORDER_FILE_TYPE} when the bytes are not an .xlsx
   *     workbook; 413 {@code ORDER_FILE_TOO_LARGE} when the file or its unzipped content is too
   *     large (zip bomb); 422 {@code INVALID_ORDER_FILE} listing every bad cell, or naming the row
   *     limit
   */
  List<String> read(InputStream upload) {
    Path file;
    try {
      file = Files.createTempFile("order-file-", ".xlsx");
    } catch (IOException e) {
      throw new UncheckedIOException("no temp file for an order file", e);
    }
    try {
      spool(upload, file);
      checkMagic(file);
      try (OPCPackage pkg = open(file)) {
        return readPackage(pkg);
      } catch (IOException e) {
        // POI's zip-bomb guard, or a damaged entry inside an otherwise readable zip
        if (isZipBomb(e)) {
          throw zipBomb();
        }
        throw invalid("订单文件已损坏，无法读取，请在 Excel 中重新保存为 .xlsx 后上传", List.of());
      }
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // the temp folder is cleaned by the OS
      }
    }
  }

  private void spool(InputStream upload, Path file) {
    try (InputStream in = upload;
        OutputStream out = Files.newOutputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new ApiException(
              ErrorCode.ORDER_FILE_TOO_LARGE, "订单文件过大：不能超过 " + (maxBytes / (1024 * 1024)) + " MB");
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("storing an uploaded order file failed", e);
    }
  }

  private static void checkMagic(Path file) {
    byte[] head = new byte[4];
    int n;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      n = in.readNBytes(head, 0, 4);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (n == 4 && java.util.Arrays.equals(head, OLE2_MAGIC)) {
      throw unsupported("这是旧版 Excel（.xls）文件或加密的文件，请在 Excel 中另存为 .xlsx（Excel 工作簿）后重新上传，且不要设置密码");
    }
    if (n < 4 || !java.util.Arrays.equals(head, ZIP_MAGIC)) {
      throw unsupported("上传的订单文件不是 .xlsx（Excel 工作簿）文件，请使用报备订单模板填写后上传");
    }
  }

  private static OPCPackage open(Path file) {
    try {
      return OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (InvalidFormatException | NotOfficeXmlFileException | InvalidOperationException e) {
      throw unsupported("上传的订单文件不是有效的 .xlsx（Excel 工作簿）文件，请使用报备订单模板填写后上传");
    } catch (RuntimeException e) {
      if (isZipBomb(e)) {
        throw zipBomb();
      }
      throw unsupported("上传的订单文件不是有效的 .xlsx（Excel 工作簿）文件，请使用报备订单模板填写后上传");
    }
  }

  private List<String> readPackage(OPCPackage pkg) throws IOException {
    XSSFReader reader;
    InputStream sheet;
    StylesTable styles;
    SharedStringsLoader strings;
    try {
      reader = new XSSFReader(pkg);
      XSSFReader.SheetIterator sheets = reader.getSheetIterator();
      if (!sheets.hasNext()) {
        throw invalid("订单文件中没有工作表", List.of());
      }
      sheet = sheets.next();
      styles = reader.getStylesTable();
      strings = new SharedStringsLoader(sharedStringsPart(pkg), maxRows);
    } catch (OpenXML4JException | POIXMLException | IllegalArgumentException e) {
      if (isZipBomb(e)) {
        throw zipBomb();
      }
      throw unsupported("上传的文件不是 Excel 工作簿（.xlsx），请使用报备订单模板填写后上传");
    }
    SheetHandler handler = new SheetHandler(strings, new Formats(styles), maxRows);
    try (InputStream in = sheet) {
      parse(in, handler);
    } catch (TooManyRows e) {
      throw invalid(
          "订单文件最多只能包含 " + maxRows + " 行订单号，请分成多个文件分别报备",
          List.of(cellError(e.row, "A", "超过 " + maxRows + " 行订单号的上限，从此行起未再读取")));
    } catch (SAXException e) {
      throw invalid("订单文件的工作表内容损坏，无法读取，请在 Excel 中重新保存为 .xlsx 后上传", List.of());
    }
    if (!handler.errors.isEmpty()) {
      int total = handler.errorCount;
      String message =
          total > handler.errors.size()
              ? "订单文件中有 " + total + " 处错误（仅列出前 " + handler.errors.size() + " 处），请修改后重新上传，本次未保存任何内容"
              : "订单文件中有 " + total + " 处错误，请修改后重新上传，本次未保存任何内容";
      throw invalid(message, handler.errors);
    }
    return List.copyOf(handler.orderIds);
  }

  private static PackagePart sharedStringsPart(OPCPackage pkg) throws InvalidFormatException {
    List<PackagePart> parts =
        pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
    return parts.isEmpty() ? null : parts.get(0);
  }

  private static void parse(InputStream in, DefaultHandler handler)
      throws IOException, SAXException {
    try {
      XMLReader xml = XMLHelper.newXMLReader();
      xml.setContentHandler(handler);
      xml.parse(new InputSource(in));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isZipBomb(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("zip bomb")
            || m.contains("max. ratio")
            || m.contains("max_entry_size")
            || m.contains("potentially malicious")) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static ApiException zipBomb() {
    return new ApiException(
        ErrorCode.ORDER_FILE_TOO_LARGE,
        "订单文件解压后的内容过大或压缩比异常（疑似压缩炸弹），已拒绝读取；请使用报备订单模板，只在 A 列填写订单号后重新上传");
  }

  private static ApiException unsupported(String message) {
    return new ApiException(ErrorCode.UNSUPPORTED_ORDER_FILE_TYPE, message);
  }

  private static ApiException invalid(String message, List<FieldError> errors) {
    return new ApiException(ErrorCode.INVALID_ORDER_FILE, message, errors);
  }

  static FieldError cellError(int row, String column, String message) {
    return FieldError.cell(row, column, message);
  }

  /** Thrown from inside SAX to stop reading at the row limit. */
  private static final class TooManyRows extends SAXException {
    final int row;

    TooManyRows(int row) {
      super("row limit");
      this.row = row;
    }
  }

  /** What a number format says about a numeric cell. */
  private static final class Formats {
    private final StylesTable styles;
    private final Map<Integer, String> kinds = new HashMap<>();

    Formats(StylesTable styles) {
      this.styles = styles;
    }

    /** "date", "scientific" or "plain". */
    String kind(int styleIndex) {
      if (styles == null || styleIndex < 0 || styleIndex >= styles.getNumCellStyles()) {
        return "plain";
      }
      return kinds.computeIfAbsent(
          styleIndex,
          i -> {
            XSSFCellStyle style = styles.getStyleAt(i);
            if (style == null) {
              return "plain";
            }
            String format = style.getDataFormatString();
            if (format == null) {
              return "plain";
            }
            if (DateUtil.isADateFormat(style.getDataFormat(), format)) {
              return "date";
            }
            String unquoted = format.replaceAll("\"[^\"]*\"", "").toUpperCase(Locale.ROOT);
            return unquoted.contains("E+") || unquoted.contains("E-") ? "scientific" : "plain";
          });
    }
  }

  /**
   * The shared-strings part, kept small: each string is cut to {@value #KEPT_TEXT} characters
   * (longer text is no order number anyway), and there may be no more strings than a file within
   * the row limit plausibly needs.
   */
  private static final class SharedStringsLoader extends DefaultHandler {
    private final List<String> items = new ArrayList<>();
    private final long maxItems;
    private final StringBuilder text = new StringBuilder();
    private boolean inItem;
    private boolean inText;
    private int phoneticDepth;

    SharedStringsLoader(PackagePart part, int maxRows) throws IOException {
      // a header, the order numbers and some stray text in other columns
      this.maxItems = 4L * maxRows + 10_000;
      if (part == null) {
        return;
      }
      try (InputStream in = part.getInputStream()) {
        parse(in, this);
      } catch (SAXException e) {
        if (e instanceof TooManyStrings) {
          throw new ApiException(
              ErrorCode.ORDER_FILE_TOO_LARGE, "订单文件中的文字内容过多：订单文件只能在 A 列填写订单号，最多 " + maxRows + " 行");
        }
        throw invalid("订单文件的共享字符串内容损坏，无法读取，请在 Excel 中重新保存为 .xlsx 后上传", List.of());
      }
    }

    String get(int index) {
      return index >= 0 && index < items.size() ? items.get(index) : null;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      switch (localName) {
        case "si" -> {
          if (items.size() >= maxItems) {
            throw new TooManyStrings();
          }
          inItem = true;
          text.setLength(0);
        }
        case "rPh" -> phoneticDepth++;
        case "t" -> inText = inItem && phoneticDepth == 0;
        default -> {}
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      switch (localName) {
        case "si" -> {
          items.add(text.toString());
          inItem = false;
        }
        case "rPh" -> phoneticDepth--;
        case "t" -> inText = false;
        default -> {}
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (inText) {
        appendCapped(text, ch, start, length);
      }
    }

    private static final class TooManyStrings extends SAXException {
      TooManyStrings() {
        super("too many shared strings");
      }
    }
  }

  private static void appendCapped(StringBuilder text, char[] ch, int start, int length) {
    int room = KEPT_TEXT + 1 - text.length();
    if (room > 0) {
      text.append(ch, start, Math.min(room, length));
    }
  }

  /** One pass over the sheet XML: a cell at a time, a row at a time. */
  private static final class SheetHandler extends DefaultHandler {
    final Set<String> orderIds = new LinkedHashSet<>();
    final List<FieldError> errors = new ArrayList<>();
    int errorCount;

    private final SharedStringsLoader strings;
    private final Formats formats;
    private final int maxRows;

    private int dataRows;
    private int row;
    private boolean rowHasContent;
    private int column;
    private String cellType;
    private int cellStyle;
    private boolean cellFormula;
    private final StringBuilder value = new StringBuilder();
    private final StringBuilder inline = new StringBuilder();
    private boolean inValue;
    private boolean inInlineText;
    private int phoneticDepth;
    private boolean inSheetData;
    private boolean headerSeen;

    SheetHandler(SharedStringsLoader strings, Formats formats, int maxRows) {
      this.strings = strings;
      this.formats = formats;
      this.maxRows = maxRows;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      switch (localName) {
        case "sheetData" -> inSheetData = true;
        case "row" -> {
          if (!inSheetData) {
            return;
          }
          String r = attributes.getValue("r");
          row = r == null ? row + 1 : parseInt(r, row + 1);
          column = 0;
          rowHasContent = false;
        }
        case "c" -> {
          if (!inSheetData) {
            return;
          }
          String ref = attributes.getValue("r");
          column = ref == null ? column + 1 : columnOf(ref, column + 1);
          cellType = attributes.getValue("t");
          String s = attributes.getValue("s");
          cellStyle = s == null ? 0 : parseInt(s, 0);
          cellFormula = false;
          value.setLength(0);
          inline.setLength(0);
        }
        case "f" -> cellFormula = true;
        case "v" -> inValue = true;
        case "rPh" -> phoneticDepth++;
        case "t" -> inInlineText = phoneticDepth == 0;
        default -> {}
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      switch (localName) {
        case "sheetData" -> inSheetData = false;
        case "row" -> {
          if (inSheetData && rowHasContent && !(row == 1 && headerSeen)) {
            dataRows++;
          }
        }
        case "c" -> {
          if (inSheetData) {
            cell();
          }
        }
        case "v" -> inValue = false;
        case "rPh" -> phoneticDepth--;
        case "t" -> inInlineText = false;
        default -> {}
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      if (inValue) {
        appendCapped(value, ch, start, length);
      } else if (inInlineText) {
        appendCapped(inline, ch, start, length);
      }
    }

    private void cell() throws SAXException {
      String ref = columnName(column) + row;
      if (cellFormula) {
        content();
        fail(
            column == 1
                ? "订单号不能是公式，请复制该列后选择性粘贴为\"数值\"，并将 A 列设置为\"文本\"格式"
                : "只能在 A 列填写订单号，" + ref + " 须留空（此处是公式）");
        return;
      }
      String type = cellType == null ? "n" : cellType;
      String text;
      switch (type) {
        case "s" -> {
          String v = strings.get(parseInt(trim(value.toString()), -1));
          if (v == null) {
            if (value.length() > 0) {
              content();
              fail("单元格内容损坏，无法读取");
            }
            return;
          }
          text = v;
        }
        case "inlineStr" -> text = inline.toString();
        case "str" -> text = value.toString();
        case "n" -> {
          String raw = trim(value.toString());
          if (raw.isEmpty()) {
            return;
          }
          content();
          if (column != 1) {
            fail("只能在 A 列填写订单号，其他列须留空");
          } else {
            number(raw);
          }
          return;
        }
        case "b" -> {
          if (value.length() == 0) {
            return;
          }
          content();
          fail(column == 1 ? "不是订单号（这是逻辑值 TRUE/FALSE）" : "只能在 A 列填写订单号，其他列须留空");
          return;
        }
        case "e" -> {
          content();
          fail(column == 1 ? "不是订单号（单元格是错误值 " + value + "）" : "只能在 A 列填写订单号，其他列须留空");
          return;
        }
        case "d" -> {
          if (value.length() == 0) {
            return;
          }
          content();
          fail(column == 1 ? "不是订单号（这是日期）" : "只能在 A 列填写订单号，其他列须留空");
          return;
        }
        default -> text = value.length() > 0 ? value.toString() : inline.toString();
      }
      String trimmed = trim(text);
      if (trimmed.isEmpty()) {
        return;
      }
      content();
      if (column != 1) {
        fail("只能在 A 列填写订单号，其他列须留空（内容：" + shown(trimmed) + "）");
        return;
      }
      if (row == 1 && isHeader(trimmed)) {
        headerSeen = true;
        return;
      }
      if (OrderNumbers.isOrderNumber(trimmed)) {
        orderIds.add(trimmed);
      } else if (trimmed.length() > MAX_ORDER_ID_LENGTH
          && trimmed.chars().allMatch(Character::isDigit)) {
        fail("订单号过长：最多 " + MAX_ORDER_ID_LENGTH + " 位数字");
      } else {
        fail("「" + shown(trimmed) + "」不是有效的订单号：订单号只能由 1–" + MAX_ORDER_ID_LENGTH + " 位半角数字组成");
      }
    }

    private void number(String raw) {
      BigDecimal number;
      try {
        number = new BigDecimal(raw);
      } catch (NumberFormatException e) {
        fail("单元格内容损坏，无法读取");
        return;
      }
      String kind = formats.kind(cellStyle);
      if ("date".equals(kind)) {
        fail("不是订单号（这是日期）");
        return;
      }
      if (number.signum() < 0) {
        fail("「" + shown(raw) + "」不是有效的订单号：订单号只能由数字组成");
        return;
      }
      BigInteger integer;
      try {
        integer = number.toBigIntegerExact();
      } catch (ArithmeticException e) {
        fail("「" + shown(raw) + "」不是有效的订单号：订单号不能有小数");
        return;
      }
      if (number.compareTo(EXACT_LIMIT) >= 0) {
        fail(
            "订单号被 Excel 存成了数字（"
                + shown(raw)
                + "），超过 15 位的数字在 Excel 中会丢失末尾的位数，无法还原准确的订单号。"
                + TEXT_FIX);
        return;
      }
      if ("scientific".equals(kind)) {
        fail("订单号显示为科学计数法（" + shown(raw) + "），无法确认是准确的订单号。" + TEXT_FIX);
        return;
      }
      orderIds.add(integer.toString());
    }

    private void content() throws SAXException {
      if (!rowHasContent) {
        rowHasContent = true;
        // the header row does not count; the limit is on data rows
        if (dataRows >= maxRows && row != 1) {
          throw new TooManyRows(row);
        }
      }
    }

    private void fail(String message) {
      errorCount++;
      if (errors.size() < MAX_LISTED_ERRORS) {
        errors.add(cellError(row, columnName(column), message));
      }
    }
  }

  static boolean isHeader(String text) {
    String key = text.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-#.:：]", "");
    return HEADERS.contains(key);
  }

  /** Trims ASCII and Unicode spaces, no-break spaces, zero-width spaces and a BOM. */
  static String trim(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && blank(text.charAt(start))) {
      start++;
    }
    while (end > start && blank(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean blank(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
  }

  private static String shown(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }

  private static int parseInt(String text, int fallback) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** The 1-based column of a reference such as "AB12". */
  static int columnOf(String ref, int fallback) {
    int column = 0;
    int i = 0;
    while (i < ref.length()) {
      char c = Character.toUpperCase(ref.charAt(i));
      if (c < 'A' || c > 'Z') {
        break;
      }
      column = column * 26 + (c - 'A' + 1);
      i++;
    }
    return column == 0 ? fallback : column;
  }

  /** "A" for 1, "AB" for 28. */
  static String columnName(int column) {
    StringBuilder name = new StringBuilder();
    for (int c = column; c > 0; c = (c - 1) / 26) {
      name.insert(0, (char) ('A' + (c - 1) % 26));
    }
    return name.toString();
  }
}
