package com.shipdelay.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ErrorVocabularyTest {

  @Test
  void theCodesApiMdPromisesAnswerTheStatusItNames() {
    Map<String, HttpStatus> promised =
        Map.ofEntries(
            Map.entry("NO_ELIGIBLE_ORDERS", HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry("SHIP_FROM_AFFECTED_USE_SPECIAL_ORDER", HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry("MISSING_AFFECTED_REGIONS", HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry("INVALID_ORDER_FILE", HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry("UNKNOWN_REGION", HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry("INVALID_TYPE", HttpStatus.UNPROCESSABLE_ENTITY),
            Map.entry("UNSUPPORTED_EVIDENCE_TYPE", HttpStatus.UNSUPPORTED_MEDIA_TYPE),
            Map.entry("EVIDENCE_TOO_LARGE", HttpStatus.PAYLOAD_TOO_LARGE),
            Map.entry("REPORT_CLOSED", HttpStatus.CONFLICT),
            Map.entry("IDEMPOTENCY_KEY_REUSED", HttpStatus.CONFLICT));
    promised.forEach(
        (code, status) -> assertThat(ErrorCode.valueOf(code).status()).as(code).isEqualTo(status));
  }

  @Test
  void everyCodeIsAnErrorStatusWithADescription() {
    assertThat(ErrorCode.values())
        .allSatisfy(
            c -> {
              assertThat(c.status().isError()).as(c.name()).isTrue();
              assertThat(c.description()).as(c.name()).isNotBlank();
            });
  }

  @Test
  void aFrameworkRefusalIsNamedAfterItsStatusOrItsClass() {
    assertThat(ErrorCode.ofFrameworkStatus(HttpStatus.METHOD_NOT_ALLOWED))
        .isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
    assertThat(ErrorCode.ofFrameworkStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE))
        .isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    assertThat(ErrorCode.ofFrameworkStatus(HttpStatus.I_AM_A_TEAPOT))
        .isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(ErrorCode.ofFrameworkStatus(HttpStatus.BAD_GATEWAY))
        .isEqualTo(ErrorCode.INTERNAL_ERROR);
  }

  @Test
  void pagingRefusesEachBadParameterByName() {
    assertThat(new Paging(2, 50).offset()).isEqualTo(100);
    assertThat(new Paging(0, Paging.MAX_SIZE).size()).isEqualTo(500);

    ApiException size = catchThrowableOfType(ApiException.class, () -> new Paging(0, 501));
    assertThat(size.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    assertThat(size.getMessage()).isEqualTo("size 须在 1 到 500 之间");
    assertThat(size.errors()).extracting(FieldError::field).containsExactly("size");

    ApiException both = catchThrowableOfType(ApiException.class, () -> new Paging(-1, 0));
    assertThat(both.errors()).extracting(FieldError::field).containsExactly("page", "size");
  }

  @Test
  void aRefusalTakesItsStatusFromItsCode() {
    ApiException e = new ApiException(ErrorCode.TEXT_TOO_LONG, "x");
    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(e.code()).isEqualTo("TEXT_TOO_LONG");
    assertThat(Arrays.stream(ErrorCode.values()).map(Problems::type).distinct())
        .hasSize(ErrorCode.values().length);
  }
}
