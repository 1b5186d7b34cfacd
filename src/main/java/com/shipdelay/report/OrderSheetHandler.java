package com.shipdelay.report;

import static com.shipdelay.report.OrderCellText.columnOf;
import static com.shipdelay.report.OrderCellText.isHeader;
import static com.shipdelay.report.OrderCellText.parseInt;
import static com.shipdelay.report.OrderCellText.trim;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * One pass over the sheet XML of an order file: a cell at a time, a row at a time. It tracks where
 * it is and what each cell holds; {@link OrderCellRules} judges the contents.
 */
final class OrderSheetHandler extends DefaultHandler {
  final OrderCellRules cells = new OrderCellRules();

  private final SharedStringsLoader strings;
  private final CellFormats formats;
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

  OrderSheetHandler(SharedStringsLoader strings, CellFormats formats, int maxRows) {
    this.strings = strings;
    this.formats = formats;
    this.maxRows = maxRows;
  }

  /** Thrown from inside SAX to stop reading at the row limit. */
  static final class TooManyRows extends SAXException {
    final int row;

    TooManyRows(int row) {
      super("row limit");
      this.row = row;
    }
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes) {
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
      XlsxSax.appendCapped(value, ch, start, length);
    } else if (inInlineText) {
      XlsxSax.appendCapped(inline, ch, start, length);
    }
  }

  private void cell() throws SAXException {
    if (cellFormula) {
      content();
      cells.formula(row, column);
      return;
    }
    String text = cellText();
    if (text == null) {
      return;
    }
    String trimmed = trim(text);
    if (trimmed.isEmpty()) {
      return;
    }
    content();
    if (column == 1 && row == 1 && isHeader(trimmed)) {
      headerSeen = true;
      return;
    }
    cells.text(row, column, trimmed);
  }

  /** The text of a text cell; null for an empty cell or one already judged as a value. */
  private String cellText() throws SAXException {
    String type = cellType == null ? "n" : cellType;
    switch (type) {
      case "s" -> {
        return sharedString();
      }
      case "inlineStr" -> {
        return inline.toString();
      }
      case "str" -> {
        return value.toString();
      }
      case "n" -> numeric();
      case "b" -> notText("这是逻辑值 TRUE/FALSE");
      case "e" -> {
        content();
        cells.notText(row, column, "单元格是错误值 " + value);
      }
      case "d" -> notText("这是日期");
      default -> {
        return value.length() > 0 ? value.toString() : inline.toString();
      }
    }
    return null;
  }

  private String sharedString() throws SAXException {
    String text = strings.get(parseInt(trim(value.toString()), -1));
    if (text == null && value.length() > 0) {
      content();
      cells.fail(row, column, "单元格内容损坏，无法读取");
    }
    return text;
  }

  private void numeric() throws SAXException {
    String raw = trim(value.toString());
    if (raw.isEmpty()) {
      return;
    }
    content();
    cells.number(row, column, raw, formats, cellStyle);
  }

  /** A logical or date value; an empty one is an empty cell. */
  private void notText(String whatItIs) throws SAXException {
    if (value.length() == 0) {
      return;
    }
    content();
    cells.notText(row, column, whatItIs);
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
}
