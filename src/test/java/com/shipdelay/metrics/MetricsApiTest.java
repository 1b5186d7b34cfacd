package com.shipdelay.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The metrics endpoint's contract: its shape, its merchant scope and its window checks. */
@IntegrationTest
class MetricsApiTest {

  static final String PATH = "/api/v1/metrics/shipping";

  @Autowired TestData data;
  @LocalServerPort int port;

  @Test
  void answersTheDocumentedShapeForTheMerchant() {
    var api = new Api(port);
    var merchant = data.merchant();

    var response =
        api.get(
            PATH + "?from=2018-01-01T00:00:00%2B08:00&to=2018-02-01T00:00:00Z",
            Api.bearer(merchant.token()));

    assertThat(response.status()).as(response.text()).isEqualTo(200);
    var json = response.json();
    assertThat(json.get("from").asText()).isEqualTo("2017-12-31T16:00:00Z");
    assertThat(json.get("to").asText()).isEqualTo("2018-02-01T00:00:00Z");
    assertThat(json.has("onTimeShipmentRate")).isTrue();
    assertThat(json.get("onTimeShipmentRate").isNull()).isTrue();
    assertThat(json.get("pickupAnomalyRate").isNull()).isTrue();
    assertThat(json.get("counts").fieldNames())
        .toIterable()
        .containsExactly(
            "due",
            "exemptByReport",
            "exemptByAnnouncement",
            "counted",
            "shippedOnTime",
            "late",
            "shipped",
            "pickupAnomalies");
  }

  @Test
  void refusesAMissingInvertedOrTooLongWindow() {
    var api = new Api(port);
    String token = Api.bearer(data.merchant().token());

    var missing = api.get(PATH + "?from=2026-01-01T00:00:00Z", token);
    var inverted = api.get(PATH + "?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", token);
    var tooLong = api.get(PATH + "?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z", token);
    var yearLong = api.get(PATH + "?from=2024-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", token);
    var malformed = api.get(PATH + "?from=yesterday&to=2026-01-01T00:00:00Z", token);
    var anonymous = api.get(PATH + "?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z", null);

    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(missing.json().get("errors").findValuesAsText("field")).containsExactly("to");
    assertThat(inverted.status()).isEqualTo(422);
    assertThat(inverted.json().get("code").asText()).isEqualTo("INVALID_WINDOW");
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.json().get("code").asText()).isEqualTo("WINDOW_TOO_LONG");
    assertThat(yearLong.status()).isEqualTo(200); // 2024 is a leap year: 366 days
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(anonymous.status()).isEqualTo(401);
  }
}
