package com.shipdelay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Freight templates and the ad-exclusion sets, through HTTP and PostgreSQL. */
@IntegrationTest
class FreightTemplateApiTest {

  static final String PLATFORM = Api.bearer("dev-platform-token");
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired TestData data;
  @LocalServerPort int port;

  Api api;
  TestData.TestMerchant merchant;
  String auth;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    merchant = data.merchant();
    auth = Api.bearer(merchant.token());
  }

  static String template(String name, List<String> nonDelivery, List<String> nonFree) {
    return """
        {"name":%s,"nonDeliveryRegions":%s,"nonFreeShippingRegions":%s}"""
        .formatted(name == null ? "null" : '"' + name + '"', json(nonDelivery), json(nonFree));
  }

  static String json(List<String> codes) {
    return "[" + String.join(",", codes.stream().map(c -> '"' + c + '"').toList()) + "]";
  }

  Api.Response create(List<String> nonDelivery, List<String> nonFree) {
    return api.postJson("/api/v1/freight-templates", auth, template("默认模板", nonDelivery, nonFree));
  }

  long createdId(List<String> nonDelivery, List<String> nonFree) {
    Api.Response created = create(nonDelivery, nonFree);
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  Api.Response put(long id, String body, String authorization) {
    return send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/freight-templates/" + id))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  Api.Response delete(long id, String authorization) {
    return send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/freight-templates/" + id))
            .header("Authorization", authorization)
            .DELETE());
  }

  static Api.Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Api.Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  JsonNode exclusions() {
    Api.Response response = api.get("/api/v1/ad-exclusions", auth);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json();
  }

  static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asText()));
    return values;
  }

  JsonNode feed(long since) {
    Api.Response response =
        api.get("/api/v1/platform/ad-exclusions?sinceVersion=" + since, PLATFORM);
    assertThat(response.status()).as(response.text()).isEqualTo(200);
    return response.json();
  }

  long feedHead() {
    return data.count("select coalesce(max(seq), 0) from ad_exclusion_change");
  }

  @Test
  void createsListsUpdatesAndDeletesTemplates() {
    Api.Response created = create(List.of("65", "54"), List.of("63"));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    assertThat(created.json().get("name").asText()).isEqualTo("默认模板");
    assertThat(texts(created.json().get("nonDeliveryRegions"))).containsExactly("65", "54");
    assertThat(texts(created.json().get("nonFreeShippingRegions"))).containsExactly("63");

    JsonNode list = api.get("/api/v1/freight-templates", auth).json();
    assertThat(list.get("total").asLong()).isEqualTo(1);
    assertThat(list.get("items").get(0).get("id").asLong()).isEqualTo(id);
    assertThat(texts(list.get("items").get(0).get("nonDeliveryRegions")))
        .containsExactly("65", "54");

    Api.Response updated = put(id, template("偏远地区", List.of("6501"), List.of()), auth);
    assertThat(updated.status()).as(updated.text()).isEqualTo(200);
    assertThat(updated.json().get("name").asText()).isEqualTo("偏远地区");
    JsonNode afterUpdate = api.get("/api/v1/freight-templates", auth).json().get("items").get(0);
    assertThat(afterUpdate.get("name").asText()).isEqualTo("偏远地区");
    assertThat(texts(afterUpdate.get("nonDeliveryRegions"))).containsExactly("6501");
    assertThat(afterUpdate.get("nonFreeShippingRegions")).isEmpty();

    assertThat(delete(id, auth).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/freight-templates", auth).json().get("total").asLong()).isZero();
    assertThat(delete(id, auth).status()).isEqualTo(404);
  }

  @Test
  void anotherMerchantsTemplateIsNotFound() {
    long id = createdId(List.of("65"), List.of());
    String other = Api.bearer(data.merchant().token());

    Api.Response update = put(id, template("抢改", List.of("11"), List.of()), other);
    Api.Response removal = delete(id, other);

    assertThat(update.status()).isEqualTo(404);
    assertThat(update.json().get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(removal.status()).isEqualTo(404);
    assertThat(api.get("/api/v1/freight-templates", other).json().get("total").asLong()).isZero();
    JsonNode mine = api.get("/api/v1/freight-templates", auth).json().get("items").get(0);
    assertThat(mine.get("name").asText()).isEqualTo("默认模板");
    assertThat(texts(exclusions().get("regions"))).containsExactly("65");
  }

  @Test
  void unknownRegionsAreRefusedOneErrorPerCodeAndNothingIsSaved() {
    long feedBefore = feedHead();

    Api.Response refused = create(List.of("65", "99", "6599"), List.of("123456"));

    assertThat(refused.status()).as(refused.text()).isEqualTo(422);
    assertThat(refused.json().get("code").asText()).isEqualTo("UNKNOWN_REGION");
    assertThat(refused.json().get("errors").findValuesAsText("field"))
        .containsExactly(
            "nonDeliveryRegions[1]", "nonDeliveryRegions[2]", "nonFreeShippingRegions[0]");
    assertThat(refused.json().get("errors").findValuesAsText("message"))
        .allSatisfy(m -> assertThat(m).isNotBlank());
    assertThat(
            data.count(
                "select count(*) from freight_template where merchant_id = ?", merchant.id()))
        .isZero();
    assertThat(exclusions().get("version").asLong()).isZero();
    assertThat(feedHead()).isEqualTo(feedBefore);

    long id = createdId(List.of("65"), List.of());
    Api.Response badUpdate = put(id, template("改坏", List.of("6501", "00"), List.of()), auth);
    assertThat(badUpdate.status()).isEqualTo(422);
    assertThat(badUpdate.json().get("errors").findValuesAsText("field"))
        .containsExactly("nonDeliveryRegions[1]");
    assertThat(texts(exclusions().get("regions"))).containsExactly("65");
  }

  @Test
  void aTemplateNeedsAName() {
    Api.Response refused =
        api.postJson("/api/v1/freight-templates", auth, template(null, List.of("65"), List.of()));
    Api.Response blank =
        api.postJson("/api/v1/freight-templates", auth, template("  ", List.of("65"), List.of()));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(refused.json().get("errors").findValuesAsText("field")).containsExactly("name");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(
            data.count(
                "select count(*) from freight_template where merchant_id = ?", merchant.id()))
        .isZero();
  }

  @Test
  void hongKongMacaoAndTaiwanAreKnownRegions() {
    Api.Response created = create(List.of("81", "82", "71"), List.of());

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(texts(exclusions().get("regions"))).containsExactly("71", "81", "82");
  }

  @Test
  void aMerchantWithoutTemplatesExcludesNothingAtVersionZero() {
    JsonNode set = exclusions();

    assertThat(set.get("merchantId").asLong()).isEqualTo(merchant.id());
    assertThat(set.get("version").asLong()).isZero();
    assertThat(set.get("regions")).isEmpty();
  }

  @Test
  void theSetIsTheReducedUnionOfAllTemplates() {
    createdId(List.of("6501", "65"), List.of());
    createdId(List.of("5401", "650102"), List.of("11"));
    createdId(List.of("5401"), List.of());

    JsonNode set = exclusions();

    // a province replaces its cities and districts; duplicates collapse; non-free-shipping is out
    assertThat(texts(set.get("regions"))).containsExactly("5401", "65");
    assertThat(set.get("updatedAt").isNull()).isFalse();
  }

  @Test
  void theVersionGrowsExactlyWhenTheSetChanges() {
    long id = createdId(List.of("6501"), List.of());
    assertThat(exclusions().get("version").asLong()).isEqualTo(1);

    // same set again, non-free-shipping only, a covered region, a template without regions
    put(id, template("改名", List.of("6501"), List.of()), auth);
    put(id, template("改名", List.of("6501"), List.of("54", "63")), auth);
    long empty = createdId(List.of(), List.of("11"));
    long covered = createdId(List.of("650102"), List.of());
    delete(covered, auth);
    delete(empty, auth);
    JsonNode unchanged = exclusions();
    assertThat(unchanged.get("version").asLong()).isEqualTo(1);
    assertThat(texts(unchanged.get("regions"))).containsExactly("6501");

    put(id, template("改名", List.of("65"), List.of()), auth);
    assertThat(exclusions().get("version").asLong()).isEqualTo(2);
    assertThat(texts(exclusions().get("regions"))).containsExactly("65");

    delete(id, auth);
    JsonNode cleared = exclusions();
    assertThat(cleared.get("version").asLong()).isEqualTo(3);
    assertThat(cleared.get("regions")).isEmpty();
  }

  @Test
  void concurrentEditsLoseNoVersion() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Callable<Integer>> edits = new ArrayList<>();
      String[] provinces = {"11", "12", "13", "14", "15", "21", "22", "23"};
      for (int i = 0; i < writers; i++) {
        String region = provinces[i];
        edits.add(() -> create(List.of(region), List.of()).status());
      }
      for (Future<Integer> status : pool.invokeAll(edits)) {
        assertThat(status.get()).isEqualTo(201);
      }
    } finally {
      pool.shutdown();
    }

    JsonNode set = exclusions();
    assertThat(set.get("version").asLong()).isEqualTo(writers);
    assertThat(set.get("regions")).hasSize(writers);
    assertThat(
            data.count(
                "select count(distinct version) from ad_exclusion_change where merchant_id = ?",
                merchant.id()))
        .isEqualTo(writers);
  }

  @Test
  void thePlatformFeedListsChangesAfterAGlobalPosition() {
    long start = feedHead();
    long id = createdId(List.of("6501"), List.of());
    TestData.TestMerchant other = data.merchant();
    api.postJson(
        "/api/v1/freight-templates",
        Api.bearer(other.token()),
        template("他店", List.of("54"), List.of()));
    put(id, template("改名", List.of("6501"), List.of("11")), auth); // no change, no entry
    put(id, template("改名", List.of("65"), List.of()), auth);

    JsonNode page = feed(start);

    JsonNode items = page.get("items");
    assertThat(items).hasSize(3);
    assertThat(items.findValuesAsText("merchantId"))
        .containsExactly(
            String.valueOf(merchant.id()),
            String.valueOf(other.id()),
            String.valueOf(merchant.id()));
    assertThat(items.findValuesAsText("version")).containsExactly("1", "1", "2");
    assertThat(texts(items.get(0).get("regions"))).containsExactly("6501");
    assertThat(texts(items.get(2).get("regions"))).containsExactly("65");
    assertThat(items.get(0).get("at").asText()).isNotBlank();
    long first = items.get(0).get("seq").asLong();
    long last = items.get(2).get("seq").asLong();
    assertThat(first).isGreaterThan(start);
    assertThat(items.get(1).get("seq").asLong()).isBetween(first + 1, last - 1);
    assertThat(page.get("nextSinceVersion").asLong()).isEqualTo(last);

    JsonNode rest = feed(first);
    assertThat(rest.get("items").get(0).get("seq").asLong()).isGreaterThan(first);
    assertThat(rest.get("items")).hasSize(2);

    JsonNode nothingNew = feed(last);
    assertThat(nothingNew.get("items")).isEmpty();
    assertThat(nothingNew.get("nextSinceVersion").asLong()).isEqualTo(last);

    JsonNode limited =
        api.get("/api/v1/platform/ad-exclusions?sinceVersion=" + start + "&limit=1", PLATFORM)
            .json();
    assertThat(limited.get("items")).hasSize(1);
    assertThat(limited.get("nextSinceVersion").asLong()).isEqualTo(first);
  }

  @Test
  void thePlatformFeedNeedsThePlatformToken() {
    Api.Response anonymous = api.get("/api/v1/platform/ad-exclusions?sinceVersion=0", null);
    Api.Response asMerchant = api.get("/api/v1/platform/ad-exclusions?sinceVersion=0", auth);

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(asMerchant.status()).isEqualTo(401);
    assertThat(api.get("/api/v1/ad-exclusions", null).status()).isEqualTo(401);
  }
}
