package com.shipdelay.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.shipdelay.web.ApiException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The gate alone, with threads: one turn, and waits of milliseconds instead of seconds. */
class FilingGateTest {

  private static FilingGate gate(int turns, Duration wait) {
    return new FilingGate(new ReportSettings(null, 0, null, turns, wait));
  }

  @Test
  void aFilingOverTheLimitWaitsItsTurnAndThenGoesThrough() throws Exception {
    FilingGate gate = gate(1, Duration.ofSeconds(10));
    CountDownLatch leave = new CountDownLatch(1);
    CompletableFuture<String> first = holdTheTurn(gate, leave);

    CompletableFuture<String> second =
        CompletableFuture.supplyAsync(() -> gate.file(() -> "second"));
    // the one turn is taken: the second does not finish while the first holds it
    assertThatThrownBy(() -> second.get(200, TimeUnit.MILLISECONDS))
        .isInstanceOf(TimeoutException.class);
    leave.countDown();
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("second");
  }

  @Test
  void aFilingThatWaitsTooLongIsRefusedWithoutRunning() throws Exception {
    FilingGate gate = gate(1, Duration.ofMillis(50));
    CountDownLatch leave = new CountDownLatch(1);
    CompletableFuture<String> first = holdTheTurn(gate, leave);

    AtomicBoolean ran = new AtomicBoolean();
    ApiException refused =
        catchThrowableOfType(
            ApiException.class,
            () ->
                gate.file(
                    () -> {
                      ran.set(true);
                      return "second";
                    }));
    assertThat(refused.code()).isEqualTo("FILINGS_BUSY");
    assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(ran).isFalse();

    leave.countDown();
    first.get(5, TimeUnit.SECONDS);
    assertThat(gate.file(() -> "third")).as("the turn is given back").isEqualTo("third");
  }

  @Test
  void aFailedFilingGivesItsTurnBack() {
    FilingGate gate = gate(1, Duration.ofMillis(50));
    catchThrowableOfType(
        IllegalStateException.class,
        () ->
            gate.file(
                () -> {
                  throw new IllegalStateException("refused");
                }));
    assertThat(gate.file(() -> "next")).isEqualTo("next");
  }

  /** A filing that has taken its turn and keeps it until {@code leave} opens. */
  private static CompletableFuture<String> holdTheTurn(FilingGate gate, CountDownLatch leave)
      throws InterruptedException {
    CountDownLatch inside = new CountDownLatch(1);
    CompletableFuture<String> filing =
        CompletableFuture.supplyAsync(
            () ->
                gate.file(
                    () -> {
                      inside.countDown();
                      await(leave);
                      return "first";
                    }));
    assertThat(inside.await(5, TimeUnit.SECONDS)).as("the first filing has its turn").isTrue();
    return filing;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
