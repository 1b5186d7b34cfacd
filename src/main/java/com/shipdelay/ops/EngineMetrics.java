package com.shipdelay.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Figures read from the engine and the database at each scrape. They are totals of the whole
 * cluster (every node reports the same values), so query them with {@code max}, not {@code sum}.
 */
@Component
class EngineMetrics implements MeterBinder {

  private final ManagementService management;
  private final RuntimeService runtime;
  private final JdbcClient jdbc;

  EngineMetrics(ManagementService management, RuntimeService runtime, JdbcClient jdbc) {
    this.management = management;
    this.runtime = runtime;
    this.jdbc = jdbc;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("shipdelay.engine.incidents.open", runtime, r -> r.createIncidentQuery().count())
        .description("Open incidents (Cockpit shows them)")
        .register(registry);
    Gauge.builder(
            "shipdelay.engine.jobs.failed",
            management,
            m -> m.createJobQuery().withException().count())
        .description("Jobs whose last run failed, retrying or out of retries")
        .register(registry);
    Gauge.builder(
            "shipdelay.engine.jobs.due", management, m -> m.createJobQuery().executable().count())
        .description("Jobs due now, waiting for the job executor")
        .register(registry);
    Gauge.builder(
            "shipdelay.evidence.stored.bytes",
            jdbc,
            j -> j.sql("select coalesce(sum(size), 0) from evidence").query(Long.class).single())
        .description("Bytes of evidence files stored")
        .baseUnit("bytes")
        .register(registry);
  }
}
