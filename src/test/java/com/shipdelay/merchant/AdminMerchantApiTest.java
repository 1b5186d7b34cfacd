package com.shipdelay.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class AdminMerchantApiTest {

  static final String ADMIN = Api.ADMIN;

  @Autowired JdbcClient jdbc;
  @Autowired TestData data;
  @LocalServerPort int port;

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void anAdminCreatesAMerchantWhoseTokenWorksOnceShownAndIsStoredOnlyAsAHash(
      CapturedOutput output) {
    Api api = new Api(port);
    var created =
        api.postJson(
            "/api/v1/admin/merchants", ADMIN, "{\"name\":\"新店\",\"shipFromRegion\":\"3301\"}");

    assertThat(created.status()).isEqualTo(201);
    String token = created.json().get("apiToken").asText();
    long id = created.json().get("merchantId").asLong();
    assertThat(api.get("/api/v1/notifications", Api.bearer(token)).status()).isEqualTo(200);
    String stored =
        jdbc.sql("select token_hash from merchant where id = ?")
            .param(id)
            .query(String.class)
            .single();
    assertThat(stored).isEqualTo(ApiTokens.hash(token)).doesNotContain(token);
    assertThat(output.getAll()).doesNotContain(token).doesNotContain("admin-dev-password");
  }

  @Test
  void merchantsAndReviewersCannotCreateMerchants() {
    Api api = new Api(port);
    String body = "{\"name\":\"x\",\"shipFromRegion\":\"3301\"}";

    assertThat(
            api.postJson("/api/v1/admin/merchants", Api.bearer(data.merchant().token()), body)
                .status())
        .isEqualTo(401);
    assertThat(api.postJson("/api/v1/admin/merchants", Api.REVIEWER, body).status()).isEqualTo(403);
    assertThat(
            api.postJson("/api/v1/admin/merchants", Api.basic("no-such-admin", "wrong"), body)
                .status())
        .isEqualTo(401);
  }

  @Test
  void anUnknownShipFromRegionIsRefused() {
    var refused =
        new Api(port)
            .postJson(
                "/api/v1/admin/merchants", ADMIN, "{\"name\":\"x\",\"shipFromRegion\":\"9999\"}");

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get("code").asText()).isEqualTo("UNKNOWN_REGION");
  }
}
