package com.shipdelay.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param maxFileSize the largest evidence file accepted (10 MB by default)
 * @param maxFiles the most files one report may hold (20 by default)
 */
@ConfigurationProperties("shipdelay.evidence")
record EvidenceSettings(DataSize maxFileSize, int maxFiles) {

  public EvidenceSettings {
    maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(10) : maxFileSize;
    maxFiles = maxFiles <= 0 ? 20 : maxFiles;
  }
}
