package com.shipdelay.report;

import static com.shipdelay.report.OrderFileRefusals.invalid;
import static com.shipdelay.report.OrderFileRefusals.isZipBomb;
import static com.shipdelay.report.OrderFileRefusals.unsupported;
import static com.shipdelay.report.OrderFileRefusals.zipBomb;

import com.shipdelay.order.OrderNumbers;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.InvalidOperationException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXException;

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

  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

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
    OrderSheetHandler handler = new OrderSheetHandler(strings, new CellFormats(styles), maxRows);
    try (InputStream in = sheet) {
      XlsxSax.parse(in, handler);
    } catch (OrderSheetHandler.TooManyRows e) {
      throw invalid(
          "订单文件最多只能包含 " + maxRows + " 行订单号，请分成多个文件分别报备",
          List.of(FieldError.cell(e.row, "A", "超过 " + maxRows + " 行订单号的上限，从此行起未再读取")));
    } catch (SAXException e) {
      throw invalid("订单文件的工作表内容损坏，无法读取，请在 Excel 中重新保存为 .xlsx 后上传", List.of());
    }
    OrderCellRules cells = handler.cells;
    if (!cells.errors.isEmpty()) {
      int total = cells.errorCount;
      String message =
          total > cells.errors.size()
              ? "订单文件中有 " + total + " 处错误（仅列出前 " + cells.errors.size() + " 处），请修改后重新上传，本次未保存任何内容"
              : "订单文件中有 " + total + " 处错误，请修改后重新上传，本次未保存任何内容";
      throw invalid(message, cells.errors);
    }
    return List.copyOf(cells.orderIds);
  }

  private static PackagePart sharedStringsPart(OPCPackage pkg) throws InvalidFormatException {
    List<PackagePart> parts =
        pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
    return parts.isEmpty() ? null : parts.get(0);
  }
}
