package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.Filing;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One accepted and one refused case per report type, through the REST API. Orders are promised one
 * day from now; the merchant ships from Hangzhou (3301).
 */
@IntegrationTest
class ReportTypeScenarioTest {

  @Autowired TestData data;
  @LocalServerPort int port;
  Api api;
  TestData.TestMerchant merchant;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    merchant = data.merchant("3301");
  }

  private Api.Response file(
      String type, List<String> orders, Duration delay, List<String> regions, String kind) {
    return Filing.file(api, merchant, Filing.body(type, orders, delay, regions), kind);
  }

  private static void assertRefused(Api.Response response, int status, String code) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    JsonNode body = response.json();
    assertThat(body.get("code").asText()).isEqualTo(code);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("detail").asText()).isNotBlank();
    assertThat(response.text()).doesNotContain("Exception");
  }

  private static List<String> reasons(Api.Response response) {
    return response.json().get("errors").findValuesAsText("reason");
  }

  @Test
  void largeConferenceCoversOrdersReceivedInsideTheAffectedProvince() {
    String inside = data.pendingOrders(merchant, 1, "610113").get(0);
    String outside = data.pendingOrders(merchant, 1, "440305").get(0);

    var created =
        file(
            "LARGE_CONFERENCE",
            List.of(inside, outside),
            Duration.ofDays(3),
            List.of("61"),
            "COURIER_NOTICE");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("orderCount").asInt()).isEqualTo(1);
    assertThat(created.json().at("/excludedOrders/0/orderId").asText()).isEqualTo(outside);
    assertThat(created.json().at("/excludedOrders/0/reason").asText())
        .isEqualTo("OUTSIDE_AFFECTED_REGIONS");
  }

  @Test
  void largeConferenceWithEveryOrderOutsideTheRegionsIsRefused() {
    String outside = data.pendingOrders(merchant, 1, "440305").get(0);

    var refused =
        file(
            "LARGE_CONFERENCE",
            List.of(outside),
            Duration.ofDays(3),
            List.of("6101"),
            "COURIER_NOTICE");

    assertRefused(refused, 422, "NO_ELIGIBLE_ORDERS");
    assertThat(reasons(refused)).containsExactly("OUTSIDE_AFFECTED_REGIONS");
  }

  @Test
  void majorSportsEventAcceptsACityInsideTheAffectedCity() {
    String order = data.pendingOrders(merchant, 1, "610113").get(0);

    var created =
        file(
            "MAJOR_SPORTS_EVENT",
            List.of(order),
            Duration.ofDays(3),
            List.of("6101"),
            "COURIER_NOTICE");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("affectedRegions").get(0).asText()).isEqualTo("6101");
  }

  @Test
  void majorSportsEventWithoutAffectedRegionsIsRefused() {
    String order = data.pendingOrders(merchant, 1, "610113").get(0);

    var refused =
        file("MAJOR_SPORTS_EVENT", List.of(order), Duration.ofDays(3), List.of(), "COURIER_NOTICE");

    assertRefused(refused, 422, "MISSING_AFFECTED_REGIONS");
    assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("affectedRegions");
  }

  @Test
  void naturalDisasterAllowsFifteenDaysWithAnOfficialNotice() {
    String order = data.pendingOrders(merchant, 1, "510107").get(0);

    var created =
        file(
            "NATURAL_DISASTER",
            List.of(order),
            Duration.ofDays(15),
            List.of("51"),
            "OFFICIAL_NOTICE");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("missingEvidenceKinds")).isEmpty();
  }

  @Test
  void naturalDisasterRefusesMoreThanFifteenDaysAfterThePromise() {
    String order = data.pendingOrders(merchant, 1, "510107").get(0);

    var refused =
        file(
            "NATURAL_DISASTER",
            List.of(order),
            Duration.ofDays(17),
            List.of("51"),
            "OFFICIAL_NOTICE");

    assertRefused(refused, 422, "NO_ELIGIBLE_ORDERS");
    assertThat(reasons(refused)).containsExactly("DELAY_TOO_LONG");
  }

  @Test
  void epidemicCoversBuyersInTheAffectedRegionWhenTheShipFromIsNotAffected() {
    String order = data.pendingOrders(merchant, 1, "650102").get(0);

    var created =
        file("EPIDEMIC", List.of(order), Duration.ofDays(10), List.of("65"), "COURIER_NOTICE");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("type").asText()).isEqualTo("EPIDEMIC");
  }

  @Test
  void epidemicWithTheShipFromAffectedIsRefusedWithAdviceToFileSpecialOrder() {
    String order = data.pendingOrders(merchant, 1, "330106").get(0);

    var refused =
        file("EPIDEMIC", List.of(order), Duration.ofDays(10), List.of("33"), "COURIER_NOTICE");

    assertRefused(refused, 422, "SHIP_FROM_AFFECTED_USE_SPECIAL_ORDER");
    assertThat(refused.json().get("detail").asText()).contains("SPECIAL_ORDER").contains("特殊订单");
  }

  @Test
  void merchantFactorIsNotBoundToRegions() {
    String order = data.pendingOrders(merchant, 1, "440305").get(0);

    var created =
        file("MERCHANT_FACTOR", List.of(order), Duration.ofDays(7), List.of(), "PRICING_PROOF");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("evidence").get(0).get("kind").asText())
        .isEqualTo("PRICING_PROOF");
  }

  @Test
  void merchantFactorRefusesADelayBeforeThePromisedShipTime() {
    String order = data.pendingOrders(merchant, 1, "440305").get(0);

    var refused =
        file("MERCHANT_FACTOR", List.of(order), Duration.ofHours(12), List.of(), "PRICING_PROOF");

    assertRefused(refused, 422, "NO_ELIGIBLE_ORDERS");
    assertThat(reasons(refused)).containsExactly("DELAY_BEFORE_PROMISE");
  }

  @Test
  void specialOrderAllowsThirtyDays() {
    String order = data.pendingOrders(merchant, 1, "440305").get(0);

    var created =
        file("SPECIAL_ORDER", List.of(order), Duration.ofDays(30), List.of(), "BUYER_AGREEMENT");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
  }

  @Test
  void specialOrderRefusesMoreThanThirtyDays() {
    String order = data.pendingOrders(merchant, 1, "440305").get(0);

    var refused =
        file("SPECIAL_ORDER", List.of(order), Duration.ofDays(32), List.of(), "BUYER_AGREEMENT");

    assertRefused(refused, 422, "NO_ELIGIBLE_ORDERS");
    assertThat(reasons(refused)).containsExactly("DELAY_TOO_LONG");
  }

  private void noDeliveryTo(String region) {
    var template =
        api.postJson(
            "/api/v1/freight-templates",
            Api.bearer(merchant.token()),
            "{\"name\":\"偏远地区\",\"nonDeliveryRegions\":[\""
                + region
                + "\"],\"nonFreeShippingRegions\":[]}");
    assertThat(template.status()).as(template.text()).isEqualTo(201);
  }

  @Test
  void theGuidesDualAddressExampleQualifiesWhenOnePlaceIsNotDeliveredTo() {
    noDeliveryTo("65");
    String dual = data.pendingOrderAt(merchant, "陕西省西安市新疆乌鲁木齐xxxxxx", "6101");

    var created =
        file("DUAL_ADDRESS", List.of(dual), Duration.ofDays(3), List.of(), "NEGOTIATION_RECORD");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("orderCount").asInt()).isEqualTo(1);
  }

  @Test
  void dualAddressRefusesPlainAddressesAndDualOnesTouchingNoRestrictedRegion() {
    noDeliveryTo("54");
    String plain = data.pendingOrderAt(merchant, "陕西省西安市雁塔区小寨东路1号", "610113");
    String dualButDelivered = data.pendingOrderAt(merchant, "陕西省西安市新疆乌鲁木齐xxxxxx", "6101");

    var refused =
        file(
            "DUAL_ADDRESS",
            List.of(plain, dualButDelivered),
            Duration.ofDays(3),
            List.of(),
            "NEGOTIATION_RECORD");

    assertRefused(refused, 422, "NO_ELIGIBLE_ORDERS");
    assertThat(reasons(refused)).containsExactly("NOT_DUAL_ADDRESS", "NOT_DUAL_ADDRESS");
  }

  @Test
  void dualAddressRefusesStreetsNamedAfterAProvinceOrACity() {
    // the merchant delivers neither to Tibet nor to Beijing: a misread street would qualify
    noDeliveryTo("54");
    noDeliveryTo("11");
    String tibetStreet = data.pendingOrderAt(merchant, "深圳西藏路", "4403");
    String beijingStreet = data.pendingOrderAt(merchant, "上海北京东路", "31");
    String fullTibetStreet = data.pendingOrderAt(merchant, "广东省深圳市福田区西藏路8号", "440304");
    String fullBeijingStreet = data.pendingOrderAt(merchant, "上海市黄浦区北京东路100号", "310101");
    String dual = data.pendingOrderAt(merchant, "陕西省西安市新疆乌鲁木齐xxxxxx", "6101");

    var created =
        file(
            "DUAL_ADDRESS",
            List.of(tibetStreet, beijingStreet, fullTibetStreet, fullBeijingStreet, dual),
            Duration.ofDays(3),
            List.of(),
            "NEGOTIATION_RECORD");

    // the dual address touches no restricted region (65 is delivered to): all five are refused
    assertRefused(created, 422, "NO_ELIGIBLE_ORDERS");
    assertThat(reasons(created))
        .containsExactly(
            "NOT_DUAL_ADDRESS",
            "NOT_DUAL_ADDRESS",
            "NOT_DUAL_ADDRESS",
            "NOT_DUAL_ADDRESS",
            "NOT_DUAL_ADDRESS");
  }

  @Test
  void theGuidesDualAddressQualifiesBesideStreetsThatDoNot() {
    noDeliveryTo("65");
    String tibetStreet = data.pendingOrderAt(merchant, "深圳西藏路", "4403");
    String dual = data.pendingOrderAt(merchant, "陕西省西安市新疆乌鲁木齐xxxxxx", "6101");

    var created =
        file(
            "DUAL_ADDRESS",
            List.of(tibetStreet, dual),
            Duration.ofDays(3),
            List.of(),
            "NEGOTIATION_RECORD");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.json().get("orderCount").asInt()).isEqualTo(1);
    assertThat(created.json().get("excludedOrders").findValuesAsText("orderId"))
        .containsExactly(tibetStreet);
    assertThat(created.json().get("excludedOrders").findValuesAsText("reason"))
        .containsExactly("NOT_DUAL_ADDRESS");
  }

  @Test
  void unknownRegionCodesAreRefused() {
    String order = data.pendingOrders(merchant, 1, "610113").get(0);

    var refused =
        file(
            "LARGE_CONFERENCE",
            List.of(order),
            Duration.ofDays(3),
            List.of("6199"),
            "COURIER_NOTICE");

    assertRefused(refused, 422, "UNKNOWN_REGION");
    assertThat(refused.json().at("/errors/0/message").asText()).contains("6199");
  }

  @Test
  void anUnknownTypeIsRefused() {
    String order = data.pendingOrders(merchant, 1, "610113").get(0);

    var refused =
        file("PRE_REPORT", List.of(order), Duration.ofDays(3), List.of(), "COURIER_NOTICE");

    assertRefused(refused, 422, "INVALID_TYPE");
  }
}
