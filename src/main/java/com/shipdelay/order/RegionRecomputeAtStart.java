package com.shipdelay.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, tells whether the stored orders' regions come from another parser or dictionary than
 * this node's and, unless {@code shipdelay.regions.recompute-on-start=false}, recomputes them in
 * the background: requests are served meanwhile (an order shows its old regions until its batch is
 * done), and of several nodes started together one runs it, the others skip.
 */
@Component
class RegionRecomputeAtStart {

  private static final Logger log = LoggerFactory.getLogger(RegionRecomputeAtStart.class);

  private final RegionRecompute recompute;
  private final boolean onStart;

  RegionRecomputeAtStart(
      RegionRecompute recompute,
      @Value("${shipdelay.regions.recompute-on-start:true}") boolean onStart) {
    this.recompute = recompute;
    this.onStart = onStart;
  }

  @EventListener(ApplicationReadyEvent.class)
  void check() {
    RegionRecompute.State state = recompute.state();
    if (!state.needed()) {
      return;
    }
    if (!onStart) {
      log.warn(
          "stored orders' regions were computed with [{}], this node parses with [{}]: run"
              + " POST /api/v1/admin/orders/recompute-regions",
          state.computedVersion(),
          state.currentVersion());
      return;
    }
    log.info(
        "recomputing stored orders' regions: [{}] -> [{}]",
        state.computedVersion(),
        state.currentVersion());
    Thread worker =
        new Thread(
            () -> {
              try {
                recompute
                    .run(true, "start-up")
                    .ifPresentOrElse(
                        r ->
                            log.info(
                                "address regions recomputed: {} orders read, {} changed, {} ms",
                                r.checked(),
                                r.changed(),
                                r.millis()),
                        () -> log.info("another node is recomputing the address regions"));
              } catch (RuntimeException e) {
                // the next start resumes where this run stopped
                log.error("address-region recompute stopped; it resumes at the next start", e);
              }
            },
            "region-recompute");
    worker.setDaemon(true);
    worker.start();
  }
}
