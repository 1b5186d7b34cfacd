package com.shipdelay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.shipdelay.support.Api;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Registering, listing, rotating and deleting webhook endpoints through REST. */
@IntegrationTest
class WebhookApiTest {

  static final String PATH = "/api/v1/webhooks";

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

  private Api.Response register(String url, String... types) {
    List<String> quoted = new ArrayList<>();
    for (String type : types) {
      quoted.add("\"" + type + "\"");
    }
    return api.postJson(
        PATH, auth, "{\"url\":\"" + url + "\",\"eventTypes\":[" + String.join(",", quoted) + "]}");
  }

  @Test
  void registersAnEndpointAndShowsItsSecretOnce() {
    Api.Response created =
        register("http://127.0.0.1:9/hooks", "REPORT_APPROVED", "ORDERS_EXEMPTED_BY_ANNOUNCEMENT");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode body = created.json();
    assertThat(body.get("url").asText()).isEqualTo("http://127.0.0.1:9/hooks");
    assertThat(body.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(body.get("eventTypes").toString())
        .isEqualTo("[\"REPORT_APPROVED\",\"ORDERS_EXEMPTED_BY_ANNOUNCEMENT\"]");
    String secret = body.get("secret").asText();
    assertThat(secret).startsWith("whsec_").hasSize("whsec_".length() + 43); // 32 bytes

    Api.Response list = api.get(PATH, auth);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("total").asLong()).isEqualTo(1);
    JsonNode item = list.json().get("items").get(0);
    assertThat(item.get("id").asLong()).isEqualTo(body.get("id").asLong());
    assertThat(item.has("secret")).isFalse();
    assertThat(list.text()).doesNotContain(secret);
  }

  @Test
  void rotatingAnswersANewSecretOnceAndDeletingRemovesTheEndpoint() {
    JsonNode created = register("http://127.0.0.1:9/a", "REPORT_REJECTED").json();
    long id = created.get("id").asLong();

    Api.Response rotated = api.post(PATH + "/" + id + "/rotate-secret", auth);
    assertThat(rotated.status()).isEqualTo(200);
    assertThat(rotated.json().get("secret").asText())
        .startsWith("whsec_")
        .isNotEqualTo(created.get("secret").asText());
    assertThat(
            data.count(
                "select count(*) from webhook_endpoint where id = ? and secret = ?",
                id,
                rotated.json().get("secret").asText()))
        .isEqualTo(1);

    assertThat(api.send("DELETE", PATH + "/" + id, auth, null).status()).isEqualTo(204);
    assertThat(api.get(PATH, auth).json().get("total").asLong()).isZero();
    assertThat(api.send("DELETE", PATH + "/" + id, auth, null).status()).isEqualTo(404);
  }

  @Test
  void anotherMerchantsEndpointIsNotFound() {
    long id = register("http://127.0.0.1:9/mine", "REPORT_REJECTED").json().get("id").asLong();
    String other = Api.bearer(data.merchant().token());

    for (Api.Response response :
        List.of(
            api.send("DELETE", PATH + "/" + id, other, null),
            api.post(PATH + "/" + id + "/rotate-secret", other),
            api.get(PATH + "/" + id + "/deliveries", other),
            api.post(PATH + "/" + id + "/deliveries/1/redeliver", other))) {
      assertThat(response.status()).as(response.text()).isEqualTo(404);
      assertThat(response.json().get("code").asText()).isEqualTo("NOT_FOUND");
    }
    assertThat(api.get(PATH, other).json().get("total").asLong()).isZero();
    assertThat(api.get(PATH, auth).json().get("total").asLong()).isEqualTo(1);
  }

  @Test
  void refusesPrivateAndMetadataAddressesWith422() {
    for (String url :
        List.of(
            "https://10.0.0.1/hook",
            "https://192.168.0.10/hook",
            "https://169.254.169.254/latest/meta-data/",
            "https://[fd00::1]/hook",
            "http://100.64.1.1/hook")) {
      Api.Response response = register(url, "REPORT_APPROVED");
      assertThat(response.status()).as(url).isEqualTo(422);
      assertThat(response.json().get("code").asText()).isEqualTo("WEBHOOK_URL_REFUSED");
      assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("url");
    }
    assertThat(
            data.count(
                "select count(*) from webhook_endpoint where merchant_id = ?", merchant.id()))
        .isZero();
  }

  @Test
  void refusesUnknownEventTypesAndMissingFieldsWith400() {
    Api.Response unknown = register("http://127.0.0.1:9/x", "REPORT_APPROVED", "ORDER_SHIPPED");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("code").asText()).isEqualTo("VALIDATION_FAILED");
    assertThat(unknown.text()).contains("ORDER_SHIPPED");

    Api.Response none = api.postJson(PATH, auth, "{\"url\":\"http://127.0.0.1:9/x\"}");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().get("errors").get(0).get("field").asText()).isEqualTo("eventTypes");

    assertThat(api.postJson(PATH, auth, "{\"eventTypes\":[\"REPORT_APPROVED\"]}").status())
        .isEqualTo(400);
  }

  @Test
  void theSameUrlTwiceIsAConflictAndTheLimitHolds() {
    assertThat(register("http://127.0.0.1:9/dup", "REPORT_APPROVED").status()).isEqualTo(201);
    Api.Response again = register("http://127.0.0.1:9/dup", "REPORT_REJECTED");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").asText()).isEqualTo("WEBHOOK_ALREADY_REGISTERED");

    for (int i = 1; i < 10; i++) {
      assertThat(register("http://127.0.0.1:9/n" + i, "REPORT_APPROVED").status()).isEqualTo(201);
    }
    Api.Response eleventh = register("http://127.0.0.1:9/n10", "REPORT_APPROVED");
    assertThat(eleventh.status()).isEqualTo(422);
    assertThat(eleventh.json().get("code").asText()).isEqualTo("WEBHOOK_LIMIT_REACHED");
  }

  @Test
  void needsTheMerchantsToken() {
    assertThat(api.get(PATH, null).status()).isEqualTo(401);
    assertThat(api.get(PATH, Api.bearer("sdm_not_a_token")).status()).isEqualTo(401);
  }
}
