package com.shipdelay.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An {@link IntegrationTest} class that runs beside the others instead of in line with them: it
 * works only on its own merchant, reports and tasks, and reads no count that another class could
 * change. It holds the {@link ChangesSharedWorld} lock for reading, so no class that stops a
 * dependency, redeploys a model or moves the engine clock runs at the same time.
 *
 * <p>Write it before {@code @IntegrationTest}: JUnit takes the first {@code @Execution} it finds
 * among a class's annotations, and {@code @IntegrationTest} carries SAME_THREAD.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(value = ChangesSharedWorld.LOCK, mode = ResourceAccessMode.READ)
public @interface RunsBeside {}
