package com.shipdelay.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Files delay reports through the real multipart API. */
public final class Filing {

  /** The smallest thing a PDF sniffer accepts: its magic bytes and a little body. */
  public static final byte[] PDF =
      "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.UTF_8);

  public static final byte[] JPEG = {
    (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0
  };

  private Filing() {}

  public static String body(
      String type, List<String> orders, Duration delay, List<String> regions) {
    return """
        {"type":"%s","delayUntil":"%s","reason":"快递停止揽收","remark":"测试",
         "affectedRegions":[%s],"orderIds":[%s]}"""
        .formatted(type, Instant.now().plus(delay), quoted(regions), quoted(orders));
  }

  /** Files a report with one PDF per given evidence kind. */
  public static Api.Response file(
      Api api, TestData.TestMerchant merchant, String type, List<String> orders, String... kinds) {
    return file(api, merchant, body(type, orders, Duration.ofDays(3), List.of()), kinds);
  }

  public static Api.Response file(
      Api api, TestData.TestMerchant merchant, String reportJson, String... kinds) {
    List<Api.Part> parts = new ArrayList<>();
    parts.add(Api.Part.json("report", reportJson));
    for (int i = 0; i < kinds.length; i++) {
      parts.add(Api.Part.file("evidence", "凭证" + i + ".pdf", "application/pdf", PDF));
    }
    if (kinds.length > 0) {
      parts.add(Api.Part.json("evidenceKinds", "[" + quoted(List.of(kinds)) + "]"));
    }
    return api.multipart("/api/v1/delay-reports", Api.bearer(merchant.token()), parts);
  }

  public static String quoted(List<String> values) {
    return values.stream().map(v -> '"' + v + '"').collect(Collectors.joining(","));
  }
}
