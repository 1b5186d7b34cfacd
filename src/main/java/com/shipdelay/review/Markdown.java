package com.shipdelay.review;

/**
 * Puts text that a merchant wrote into the review form's Markdown so that it reads literally. The
 * form's text blocks are Markdown templates; a value placed into one is parsed with them, so a
 * reason holding "## 规则检查（系统）" or "[凭证](http://…)" would become a heading or a link.
 */
final class Markdown {

  private static final String PUNCTUATION = "\\`*_{}[]()<>#+-.!|~\"'$%&,/:;=?@^";

  private Markdown() {}

  /**
   * The text as one literal line: line breaks and other control characters become spaces (a blank
   * line would start a new block, which no escape can stop), and every ASCII punctuation character
   * is backslash-escaped, which CommonMark defines as "this character, literally". That also stops
   * HTML tags, entities, autolinks (the scheme's colon and the host's dots are escaped) and the
   * form's own {{…}} templating.
   */
  static String literal(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(' ');
              } else if (c < 128 && PUNCTUATION.indexOf(c) >= 0) {
                out.append('\\').append((char) c);
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }
}
