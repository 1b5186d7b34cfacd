package com.shipdelay.region;

import java.util.BitSet;

/**
 * An address as the parser reads it: without whitespace, but remembering where whitespace was,
 * because a gap still ends a word (南宫雪 重庆市).
 *
 * @param text the address without whitespace
 * @param gaps the positions in {@code text} where whitespace was removed
 */
record AddressText(String text, BitSet gaps) {

  static AddressText of(String address) {
    StringBuilder stripped = new StringBuilder(address.length());
    BitSet gaps = new BitSet();
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        gaps.set(stripped.length());
      } else {
        stripped.append(c);
      }
    }
    return new AddressText(stripped.toString(), gaps);
  }

  /** Whether a word begins or ends at {@code at}: the text's ends, a gap, a non-Chinese char. */
  boolean wordBoundary(int at) {
    return at <= 0
        || at >= text.length()
        || gaps.get(at)
        || !chinese(text.charAt(at - 1))
        || !chinese(text.charAt(at));
  }

  static boolean chinese(char c) {
    return c >= '\u4e00' && c <= '\u9fff';
  }
}
