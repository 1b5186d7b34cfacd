package com.shipdelay.report;

import com.shipdelay.merchant.Merchant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/delay-reports")
@Tag(name = "Delay reports", description = "延迟发货报备")
class DelayReportController {

  private final ReportSubmission submission;
  private final ReportQueries queries;

  DelayReportController(ReportSubmission submission, ReportQueries queries) {
    this.submission = submission;
    this.queries = queries;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "File a delay report (JSON)")
  ReportView submit(
      Merchant merchant,
      @RequestBody SubmitReportRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return submission.submit(merchant, request, idempotencyKey);
  }

  @GetMapping("/{id}")
  @Operation(summary = "One report, whole")
  ReportView get(Merchant merchant, @PathVariable long id) {
    return queries.detail(merchant, id);
  }
}
