package com.shipdelay.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** What every 503 of ours looks like to a client. */
public final class Refusals {

  private Refusals() {}

  /**
   * A 503 with {@code Retry-After: 30}, the stable {@code code}, a Simplified Chinese message and
   * nothing of the server's insides.
   */
  public static JsonNode unavailable(Api.Response response, String code) {
    assertThat(response.status()).as(response.text()).isEqualTo(503);
    assertThat(response.header("Retry-After")).isEqualTo("30");
    JsonNode body = response.json();
    assertThat(body.get("code").asText()).isEqualTo(code);
    String text =
        response.contentType().startsWith("application/problem+json")
            ? body.get("title").asText() + body.get("detail").asText()
            : body.get("message").asText();
    assertThat(text).matches(".*\\p{IsHan}.*");
    assertThat(response.text()).doesNotContain("java.", "Exception", "org.", "com.shipdelay");
    return body;
  }
}
