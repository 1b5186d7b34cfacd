package com.shipdelay.evidence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where evidence lives: an S3 endpoint (MinIO in production) and its bucket. */
@ConfigurationProperties("shipdelay.storage")
public record StorageSettings(
    String endpoint, String accessKey, String secretKey, String bucket, Duration linkTtl) {

  public StorageSettings {
    if (linkTtl == null || linkTtl.compareTo(Duration.ofMinutes(15)) > 0) {
      linkTtl = Duration.ofMinutes(15);
    }
  }

  @Override
  public String toString() {
    return "StorageSettings[endpoint=" + endpoint + ", bucket=" + bucket + ", secrets=***]";
  }
}
