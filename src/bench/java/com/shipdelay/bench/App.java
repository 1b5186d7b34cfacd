package com.shipdelay.bench;

import com.shipdelay.ShipDelayApplication;
import com.shipdelay.support.EmbeddedInfrastructure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole application as the embedded run starts it (profile {@code embedded}: zonky PostgreSQL
 * 17 and s3proxy as Spring beans), with production's engine settings from application.yml: history
 * level full, job executor on. Only the database durability switch differs between variants.
 */
final class App implements AutoCloseable {

  final ConfigurableApplicationContext context;
  final int port;
  final JdbcClient jdbc;

  private App(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    this.jdbc = context.getBean(JdbcClient.class);
  }

  static App start(boolean durable, String... extraArgs) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.add("--shipdelay.embedded.durable=" + durable);
    args.add("--logging.level.root=WARN");
    args.add("--logging.level.org.camunda=WARN");
    args.addAll(List.of(extraArgs));
    BenchSupport.log("starting the application (durable=%s) %s", durable, List.of(extraArgs));
    SpringApplication.Running running =
        SpringApplication.from(ShipDelayApplication::main)
            .with(EmbeddedInfrastructure.class)
            .withAdditionalProfiles("embedded")
            .run(args.toArray(String[]::new));
    App app = new App(running.getApplicationContext());
    BenchSupport.log("application up on port %d: %s", app.port, app.settings());
    return app;
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** The settings a figure depends on, read from the running database and engine. */
  Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    for (String name :
        List.of(
            "server_version",
            "fsync",
            "synchronous_commit",
            "full_page_writes",
            "shared_buffers",
            "max_connections")) {
      s.put(name, jdbc.sql("show " + name).query(String.class).single());
    }
    var env = context.getEnvironment();
    s.put("camunda.history-level", env.getProperty("camunda.bpm.history-level"));
    s.put("camunda.job-execution.enabled", env.getProperty("camunda.bpm.job-execution.enabled"));
    for (String key :
        List.of(
            "core-pool-size",
            "max-pool-size",
            "max-jobs-per-acquisition",
            "wait-time-in-millis",
            "max-wait",
            "backoff-time-in-millis",
            "max-backoff")) {
      s.put(
          "camunda.job-execution." + key,
          env.getProperty("camunda.bpm.job-execution." + key, "(starter default)"));
    }
    s.put("hikari.maximum-pool-size", env.getProperty("shipdelay.embedded.pool-size", "20"));
    return s;
  }

  String database() {
    Map<String, String> s = settings();
    return "fsync=" + s.get("fsync") + ", synchronous_commit=" + s.get("synchronous_commit");
  }

  @Override
  public void close() {
    context.close();
  }
}
