package com.shipdelay.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The codes an operation's own rules can refuse it with, for the OpenAPI description: each becomes
 * part of the problem+json response of its status. The refusals every operation of its kind can
 * answer (authentication, malformed input, a paged list's limits, an unknown id in the path, size
 * limits of a multipart body, a dependency outage) are added without being listed here. Several
 * operations that share one list use an annotation of their own annotated with it.
 */
@Documented
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiErrors {
  ErrorCode[] value();
}
