package com.shipdelay.evidence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where evidence lives: an S3 endpoint (MinIO in production) and its bucket.
 *
 * @param publicEndpoint the address merchants' download links use, when the application reaches the
 *     store under another name (a container network); the endpoint itself by default
 */
@ConfigurationProperties("shipdelay.storage")
public record StorageSettings(
    String endpoint,
    String publicEndpoint,
    String accessKey,
    String secretKey,
    String bucket,
    Duration linkTtl) {

  public StorageSettings {
    if (publicEndpoint == null || publicEndpoint.isBlank()) {
      publicEndpoint = endpoint;
    }
    if (linkTtl == null || linkTtl.compareTo(Duration.ofMinutes(15)) > 0) {
      linkTtl = Duration.ofMinutes(15);
    }
  }

  @Override
  public String toString() {
    return "StorageSettings[endpoint=" + endpoint + ", bucket=" + bucket + ", secrets=***]";
  }
}
