package com.shipdelay.support;

import com.shipdelay.evidence.StorageSettings;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The real parts, in-process: PostgreSQL 17 (zonky, real binaries) and an S3 server (s3proxy) that
 * the MinIO client reaches over HTTP. Used by the tests and by the embedded run; never in the
 * production jar.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EmbeddedInfrastructure {

  static final String ACCESS_KEY = "shipdelay-dev";
  static final String SECRET_KEY = "shipdelay-dev-secret";

  /**
   * Spring closes the database after the engine, not a JVM hook racing it (STACK.md). zonky runs
   * PostgreSQL with fsync=off and synchronous_commit=off; {@code shipdelay.embedded.durable=true}
   * (the benchmarks' production-like variant) turns both back on.
   */
  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(@Value("${shipdelay.embedded.durable:false}") boolean durable)
      throws IOException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
    if (durable) {
      builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
    }
    return builder.start();
  }

  @Bean
  @Primary
  DataSource dataSource(
      EmbeddedPostgres postgres, @Value("${shipdelay.embedded.pool-size:20}") int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    config.setUsername("postgres");
    config.setMaximumPoolSize(poolSize);
    // as spring.datasource.hikari.connection-timeout: with the database away, 503 within 5 s
    config.setConnectionTimeout(Duration.ofSeconds(5).toMillis());
    config.setPoolName("embedded-postgres");
    return new HikariDataSource(config);
  }

  @Bean(destroyMethod = "stop")
  S3Proxy s3Proxy() throws Exception {
    Path root = Files.createTempDirectory("shipdelay-s3");
    root.toFile().deleteOnExit();
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", root.toString());
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("filesystem", properties))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .endpoint(URI.create("http://127.0.0.1:" + freePort()))
            .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    return proxy;
  }

  /**
   * Takes the S3 server away: connections to its port are refused until {@link #startS3} brings it
   * back, on the same port and with the same files. For tests of the store being down; call {@link
   * #startS3} in a {@code finally}.
   */
  public static void stopS3(S3Proxy proxy) throws Exception {
    proxy.stop();
    while (!proxy.getState().equals("STOPPED")) {
      Thread.sleep(10);
    }
  }

  public static void startS3(S3Proxy proxy) throws Exception {
    if (proxy.getState().equals("STARTED")) {
      return;
    }
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
  }

  @Bean
  @Primary
  StorageSettings embeddedStorage(S3Proxy proxy) {
    return new StorageSettings(
        "http://127.0.0.1:" + proxy.getPort(),
        null,
        ACCESS_KEY,
        SECRET_KEY,
        "shipdelay-evidence",
        Duration.ofMinutes(15));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
