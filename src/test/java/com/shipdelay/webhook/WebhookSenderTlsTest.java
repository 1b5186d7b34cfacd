package com.shipdelay.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender over real TLS: it connects to the address the policy checked, yet sends the host name
 * as SNI and {@code Host} and verifies the certificate against that name. The receiver's
 * certificate (for {@code hooks.test} only) is made by the JDK's keytool.
 */
class WebhookSenderTlsTest {

  @TempDir static Path dir;
  static HttpsServer server;
  static SSLContext client;
  static final List<String> hosts = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path store = dir.resolve("receiver.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "receiver",
                "-keyalg",
                "EC",
                "-dname",
                "CN=hooks.test",
                "-ext",
                "SAN=dns:hooks.test",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          hosts.add(exchange.getRequestHeaders().getFirst("Host"));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    // the client trusts the receiver's certificate as if a public CA had issued it
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    client = SSLContext.getInstance("TLS");
    client.init(null, tmf.getTrustManagers(), null);
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static WebhookSender.Outcome post(String url) throws Exception {
    // "hooks.test" resolves to the receiver's loopback address, as a DNS answer would
    WebhookUrlPolicy policy =
        new WebhookUrlPolicy(true, host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
    WebhookSender sender =
        new WebhookSender(client.getSocketFactory(), Duration.ofSeconds(3), Duration.ofSeconds(5));
    return sender.post(
        policy.check(url),
        Map.of("ShipDelay-Event-Id", "e1"),
        "{}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void deliversOverTlsToTheCheckedAddressWithTheHostName() throws Exception {
    int port = server.getAddress().getPort();

    WebhookSender.Outcome outcome = post("https://hooks.test:" + port + "/hook");

    assertThat(outcome.error()).isNull();
    assertThat(outcome.responseCode()).isEqualTo(204);
    assertThat(hosts).contains("hooks.test:" + port);
  }

  @Test
  void refusesACertificateForAnotherName() throws Exception {
    int port = server.getAddress().getPort();
    int before = hosts.size();

    WebhookSender.Outcome outcome = post("https://127.0.0.1:" + port + "/hook");

    assertThat(outcome.error()).isEqualTo("TLS_ERROR");
    assertThat(outcome.responseCode()).isNull();
    assertThat(hosts).hasSize(before);
  }
}
