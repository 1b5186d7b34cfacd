package com.shipdelay.evidence;

import java.util.Optional;

/** The file types evidence may have, recognised by their first bytes, never by name. */
enum FileType {
  JPEG("image/jpeg"),
  PNG("image/png"),
  WEBP("image/webp"),
  PDF("application/pdf");

  /** How many leading bytes {@link #sniff} needs. */
  static final int HEADER_BYTES = 12;

  final String contentType;

  FileType(String contentType) {
    this.contentType = contentType;
  }

  static Optional<FileType> sniff(byte[] head, int length) {
    if (startsWith(head, length, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (startsWith(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (startsWith(head, length, '%', 'P', 'D', 'F', '-')) {
      return Optional.of(PDF);
    }
    if (length >= 12
        && startsWith(head, length, 'R', 'I', 'F', 'F')
        && head[8] == 'W'
        && head[9] == 'E'
        && head[10] == 'B'
        && head[11] == 'P') {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }

  private static boolean startsWith(byte[] head, int length, int... magic) {
    if (length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
