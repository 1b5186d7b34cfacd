package com.shipdelay.evidence;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** Shows as {@code objectStore} in {@code /actuator/health}. */
@Component("objectStoreHealthIndicator")
class ObjectStoreHealthIndicator extends AbstractHealthIndicator {

  private final ObjectStore store;

  ObjectStoreHealthIndicator(ObjectStore store) {
    super("Object store check failed");
    this.store = store;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) throws Exception {
    if (store.bucketReachable()) {
      builder.up().withDetail("bucket", store.bucket());
    } else {
      builder.down().withDetail("bucket", store.bucket()).withDetail("reason", "bucket missing");
    }
  }
}
