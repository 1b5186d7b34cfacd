package com.shipdelay.report;

import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * How many filings one node works on at once; the rest wait their turn, first come first served.
 *
 * <p>A surge of filings (a regional lockdown: many merchants file at once) would otherwise take
 * every database connection, and the jobs that bring the filed reports to review need connections
 * too: in the submission benchmark the engine's job acquisition waited for the pool a third of its
 * time, and reports filed with a 201 waited seconds for review (BENCHMARKS.md, issue 11). A filing
 * holds its turn from before its evidence is stored until its answer; one that waits longer than
 * {@link ReportSettings#filingWait()} answers 503 {@code FILINGS_BUSY} with {@code Retry-After},
 * and nothing of it is saved.
 *
 * <p>Operators see it in {@code /actuator/prometheus}: the filings at work and waiting on this
 * node, and the filings refused.
 */
@Component
class FilingGate implements MeterBinder {

  private final int size;
  private final Semaphore turns;
  private final long waitMillis;
  private final AtomicLong refused = new AtomicLong();

  FilingGate(ReportSettings settings) {
    this.size = settings.concurrentFilings();
    this.turns = new Semaphore(size, true);
    this.waitMillis = settings.filingWait().toMillis();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("shipdelay.filings.active", turns, t -> size - t.availablePermits())
        .description("filings this node works on now (at most shipdelay.report.concurrent-filings)")
        .register(registry);
    Gauge.builder("shipdelay.filings.waiting", turns, Semaphore::getQueueLength)
        .description("filings waiting for a turn on this node")
        .register(registry);
    FunctionCounter.builder("shipdelay.filings.refused", refused, AtomicLong::get)
        .description("filings that waited longer than filing-wait: 503 FILINGS_BUSY")
        .register(registry);
  }

  <T> T file(Supplier<T> filing) {
    if (!awaitTurn()) {
      refused.incrementAndGet();
      throw new ApiException(ErrorCode.FILINGS_BUSY, "提交的报备过多，本次请求未保存任何内容，请稍后重试");
    }
    try {
      return filing.get();
    } finally {
      turns.release();
    }
  }

  private boolean awaitTurn() {
    try {
      return turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
