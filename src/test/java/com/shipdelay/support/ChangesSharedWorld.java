package com.shipdelay.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class that changes what every other test on the shared engine sees while it runs: it stops
 * the database or the S3 server, deploys another version of a model, or moves the engine's clock.
 * The Spring tests run one after another anyway; the lock keeps the classes that run beside them
 * ({@link RunsBeside}, which hold it for reading) away from these.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ResourceLock(ChangesSharedWorld.LOCK)
public @interface ChangesSharedWorld {
  String LOCK = "the shared engine's dependencies, models and clock";
}
