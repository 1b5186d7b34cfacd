package com.shipdelay.report;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/** The SAX plumbing shared by the shared-strings and the sheet readers of an order file. */
final class XlsxSax {

  /** Longest text kept of a cell; an order number has at most 32 characters. */
  static final int KEPT_TEXT = 64;

  private XlsxSax() {}

  /** Parses with POI's hardened XML reader, which resolves no external entities. */
  static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException {
    try {
      XMLReader xml = XMLHelper.newXMLReader();
      xml.setContentHandler(handler);
      xml.parse(new InputSource(in));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Appends at most one character past {@link #KEPT_TEXT}, so that a huge cell costs no memory and
   * is still seen as too long.
   */
  static void appendCapped(StringBuilder text, char[] ch, int start, int length) {
    int room = KEPT_TEXT + 1 - text.length();
    if (room > 0) {
      text.append(ch, start, Math.min(room, length));
    }
  }
}
