package com.shipdelay.support;

import com.shipdelay.ShipDelayApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on the real stack, in-process: one Spring context, shared by every test
 * class that carries this annotation. The job executor is off: tests run jobs and timers
 * themselves.
 *
 * <p>These classes run one after another (several of them read counts that another class's writes
 * would change); classes without the context run beside them (junit-platform.properties).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = ShipDelayApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({EmbeddedInfrastructure.class, TestData.class})
@ActiveProfiles({"embedded", "test"})
@Execution(ExecutionMode.SAME_THREAD)
public @interface IntegrationTest {}
