package com.shipdelay.report;

import com.shipdelay.web.ApiErrors;
import com.shipdelay.web.ErrorCode;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The codes a filing can be refused with, in either of its two forms (JSON and multipart). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiErrors({
  ErrorCode.VALIDATION_FAILED,
  ErrorCode.IDEMPOTENCY_KEY_REUSED,
  ErrorCode.CONCURRENT_UPDATE,
  ErrorCode.ORDER_FILE_TOO_LARGE,
  ErrorCode.EVIDENCE_TOO_LARGE,
  ErrorCode.UNSUPPORTED_ORDER_FILE_TYPE,
  ErrorCode.UNSUPPORTED_EVIDENCE_TYPE,
  ErrorCode.INVALID_TYPE,
  ErrorCode.MISSING_AFFECTED_REGIONS,
  ErrorCode.SHIP_FROM_AFFECTED_USE_SPECIAL_ORDER,
  ErrorCode.NO_ELIGIBLE_ORDERS,
  ErrorCode.TOO_MANY_ORDERS,
  ErrorCode.UNKNOWN_REGION,
  ErrorCode.INVALID_ORDER_FILE,
  ErrorCode.INVALID_EVIDENCE_KIND,
  ErrorCode.TOO_MANY_EVIDENCE_FILES,
  ErrorCode.TEXT_TOO_LONG,
  ErrorCode.STORAGE_UNAVAILABLE,
  ErrorCode.FILINGS_BUSY
})
@interface FilingErrors {}
