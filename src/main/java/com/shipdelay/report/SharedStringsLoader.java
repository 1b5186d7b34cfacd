package com.shipdelay.report;

import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The shared-strings part of an order file, kept small: each string is cut to {@value
 * XlsxSax#KEPT_TEXT} characters (longer text is no order number anyway), and there may be no more
 * strings than a file within the row limit plausibly needs.
 */
final class SharedStringsLoader extends DefaultHandler {
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
      XlsxSax.parse(in, this);
    } catch (SAXException e) {
      if (e instanceof TooManyStrings) {
        throw new ApiException(
            ErrorCode.ORDER_FILE_TOO_LARGE, "订单文件中的文字内容过多：订单文件只能在 A 列填写订单号，最多 " + maxRows + " 行");
      }
      throw OrderFileRefusals.invalid("订单文件的共享字符串内容损坏，无法读取，请在 Excel 中重新保存为 .xlsx 后上传", List.of());
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
      XlsxSax.appendCapped(text, ch, start, length);
    }
  }

  private static final class TooManyStrings extends SAXException {
    TooManyStrings() {
      super("too many shared strings");
    }
  }
}
