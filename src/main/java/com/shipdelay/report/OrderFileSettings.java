package com.shipdelay.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits for an uploaded order file ({@code orderFile}, .xlsx).
 *
 * @param maxFileRows the most non-blank data rows (order numbers) one file may hold
 * @param maxFileSize the most bytes one file may have, before it is unzipped
 */
@ConfigurationProperties("shipdelay.report")
record OrderFileSettings(int maxFileRows, DataSize maxFileSize) {

  static final int DEFAULT_MAX_FILE_ROWS = 50_000;

  OrderFileSettings {
    maxFileRows = maxFileRows <= 0 ? DEFAULT_MAX_FILE_ROWS : maxFileRows;
    maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
  }

  static OrderFileSettings defaults() {
    return new OrderFileSettings(0, null);
  }
}
