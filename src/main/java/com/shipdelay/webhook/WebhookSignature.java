package com.shipdelay.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The endpoint's secret and the signature receivers verify: {@code ShipDelay-Signature: v1=} + hex
 * HMAC-SHA256, keyed with the secret's UTF-8 bytes (the whole string, as shown), over {@code
 * <ShipDelay-Timestamp>.<raw body>}. The timestamp is signed so a receiver can refuse replays.
 */
final class WebhookSignature {

  static final String SECRET_PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  /** 32 random bytes, URL-safe Base64, with a prefix that makes a leaked one easy to recognise. */
  static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      mac.update(body);
      return "v1=" + HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
