package com.shipdelay.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/**
 * A store that is down at start: the application starts anyway, health says DOWN, and the bucket is
 * created once the store answers. "No such object" is an answer; a refused connection is not.
 */
class ObjectStoreOutageTest {

  static final String KEY = "outage-access";
  static final String SECRET = "outage-secret-0123456789";

  @Test
  void startsWithTheStoreDownAndCreatesTheBucketWhenItComesBack() throws Exception {
    int port = freePort();
    ObjectStore store =
        new ObjectStore(
            new StorageSettings(
                "http://127.0.0.1:" + port,
                null,
                KEY,
                SECRET,
                "outage-bucket",
                Duration.ofMinutes(5)));
    ObjectStoreHealthIndicator health = new ObjectStoreHealthIndicator(store);

    store.ensureBucket(); // must not throw: the store is down
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    Exception refused = null;
    try {
      store.get("evidence/1");
    } catch (Exception e) {
      refused = e;
    }
    assertThat(refused).isNotNull();
    assertThat(ObjectStore.isMissing(refused)).as("a refused connection is no answer").isFalse();

    S3Proxy proxy = s3proxy(port);
    try {
      store.ensureBucket(); // what the 30-second retry does
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      Exception missing = null;
      try {
        store.get("evidence/never-stored");
      } catch (Exception e) {
        missing = e;
      }
      assertThat(ObjectStore.isMissing(missing)).as("no such object is an answer").isTrue();
    } finally {
      proxy.stop();
    }
  }

  private static S3Proxy s3proxy(int port) throws Exception {
    Path root = Files.createTempDirectory("shipdelay-outage");
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", root.toString());
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("filesystem", properties))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET)
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.onSpinWait();
    }
    return proxy;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
