package com.shipdelay.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.support.Api;
import com.shipdelay.support.IntegrationTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The MinIO client against the in-process S3 server, over HTTP. */
@IntegrationTest
class ObjectStoreTest {

  @Autowired ObjectStore store;
  @LocalServerPort int port;

  @Test
  void putStatAndPresignedGetRoundTrip() throws Exception {
    byte[] content = ("凭证 " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    String key = "test/" + UUID.randomUUID();

    store.put(key, new ByteArrayInputStream(content), content.length, "application/pdf");

    var stat = store.stat(key);
    assertThat(stat.size()).isEqualTo(content.length);
    assertThat(stat.contentType()).isEqualTo("application/pdf");

    String url = store.presignedGet(key);
    assertThat(url).contains("X-Amz-Expires=900");
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(content);

    HttpResponse<byte[]> unsigned =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url.substring(0, url.indexOf('?')))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(unsigned.statusCode()).isEqualTo(403);
  }

  @Test
  void healthShowsTheDatabaseAndTheObjectStoreUp() {
    // components are for admins; anonymous callers see UP/DOWN only (OperationsTest)
    var health = new Api(port).get("/actuator/health", Api.ADMIN).json();

    assertThat(health.get("status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
    assertThat(health.at("/components/objectStore/status").asText()).isEqualTo("UP");
  }
}
