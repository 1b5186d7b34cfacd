package com.shipdelay.report;

import com.shipdelay.merchant.Merchant;
import com.shipdelay.validation.ReportType;
import com.shipdelay.web.ApiErrors;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.Page;
import com.shipdelay.web.Paging;
import com.shipdelay.web.Times;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A report filed as JSON, the merchant's reports and their withdrawal; the multipart requests are
 * in {@link ReportFilesController}.
 */
@RestController
@RequestMapping("/api/v1/delay-reports")
@Tag(name = "Delay reports", description = "延迟发货报备")
class DelayReportController {

  private final ReportSubmission submission;
  private final ReportQueries queries;
  private final ReportActions actions;
  private final FilingGate gate;

  DelayReportController(
      ReportSubmission submission, ReportQueries queries, ReportActions actions, FilingGate gate) {
    this.gate = gate;
    this.submission = submission;
    this.queries = queries;
    this.actions = actions;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "fileReport",
      summary = "File a delay report",
      description =
          """
          The report as JSON. This path also takes the report with its files as
          `multipart/form-data`, with the parts of `fileReportWithFiles` (OpenAPI describes one
          operation per path and method, so the multipart form is described there, under a path
          of its own that takes the same request). At least one of `orderIds`, `orderFilter` and
          an order file must choose orders. Answers 201 with the report and the orders left out
          (`excludedOrders`); a refused request leaves nothing behind. The same `Idempotency-Key`
          with the same body within 24 h answers the first report again.""",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(implementation = SubmitReportRequest.class),
                      examples =
                          @ExampleObject(name = "epidemic", value = ReportForms.REPORT_EXAMPLE))))
  @FilingErrors
  ReportView submit(
      Merchant merchant,
      @RequestBody SubmitReportRequest request,
      @Parameter(description = IDEMPOTENCY_KEY)
          @RequestHeader(name = "Idempotency-Key", required = false)
          String idempotencyKey) {
    return gate.file(() -> submission.submit(merchant, request, idempotencyKey));
  }

  static final String IDEMPOTENCY_KEY = "最多 200 个字符；同一商家 24 小时内以同一 key 重发同一请求，返回第一次的结果，不会再建报备";

  @GetMapping("/export.xlsx")
  @Operation(
      operationId = "exportReports",
      summary = "The filtered report list as a spreadsheet (same filters as the list)")
  @ApiResponse(
      responseCode = "200",
      description = "延迟发货报备.xlsx",
      content =
          @Content(
              mediaType = ReportForms.XLSX,
              schema = @Schema(type = "string", format = "binary")))
  ResponseEntity<StreamingResponseBody> export(
      Merchant merchant, @ParameterObject ListFilter listFilter) {
    ReportQueries.Filter filter = listFilter.toFilter();
    StreamingResponseBody body =
        out -> ReportExport.write(queries.exportRows(merchant, filter), out);
    return ResponseEntity.ok()
        .contentType(OrderFileController.XLSX)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            OrderFileController.attachment("延迟发货报备.xlsx", "delay-reports.xlsx"))
        .body(body);
  }

  /** The list's query parameters, shared by the list and its export. */
  record ListFilter(
      List<ReportStatus> status,
      ReportType type,
      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime createdFrom,
      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime createdTo,
      String orderId) {

    ReportQueries.Filter toFilter() {
      return new ReportQueries.Filter(
          status == null ? List.of() : status,
          type,
          Times.instant("createdFrom", createdFrom),
          Times.instant("createdTo", createdTo),
          orderId);
    }
  }

  @GetMapping
  @Operation(operationId = "listReports", summary = "The merchant's reports, newest first")
  Page<ReportListItem> list(
      Merchant merchant,
      @ParameterObject ListFilter listFilter,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "50") int size) {
    return queries.list(merchant, listFilter.toFilter(), new Paging(page, size));
  }

  @GetMapping("/{id:\\d+}")
  @Operation(operationId = "getReport", summary = "One report, whole")
  ReportView get(Merchant merchant, @PathVariable long id) {
    return queries.detail(merchant, id);
  }

  @GetMapping("/{id:\\d+}/orders")
  @Operation(operationId = "listReportOrders", summary = "The report's orders, paged")
  Page<ReportQueries.ReportOrder> orders(
      Merchant merchant,
      @PathVariable long id,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "50") int size) {
    return queries.orders(merchant, id, new Paging(page, size));
  }

  @PostMapping("/{id:\\d+}/withdraw")
  @Operation(
      operationId = "withdrawReport",
      summary = "Withdraw a report that is not decided yet (409 once decided or expired)")
  @ApiErrors({ErrorCode.REPORT_CLOSED, ErrorCode.CONCURRENT_UPDATE})
  ReportView withdraw(Merchant merchant, @PathVariable long id) {
    return actions.withdraw(merchant, id);
  }
}
