package com.shipdelay.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.evidence.EvidenceFiles;
import com.shipdelay.merchant.Merchant;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import com.shipdelay.web.JsonErrors;
import com.shipdelay.web.Page;
import com.shipdelay.web.Paging;
import com.shipdelay.web.Times;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/v1/delay-reports")
@Tag(name = "Delay reports", description = "延迟发货报备")
class DelayReportController {

  private final ReportSubmission submission;
  private final ReportQueries queries;
  private final ReportActions actions;
  private final ObjectMapper json;
  private final OrderFileReader orderFiles;

  DelayReportController(
      ReportSubmission submission,
      ReportQueries queries,
      ReportActions actions,
      ObjectMapper json,
      OrderFileReader orderFiles) {
    this.orderFiles = orderFiles;
    this.submission = submission;
    this.queries = queries;
    this.actions = actions;
    this.json = json;
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

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "File a delay report with files",
      description =
          "Parts: report (JSON), orderFile (.xlsx, optional), evidence (files, repeatable),"
              + " evidenceKinds (JSON array, one kind per evidence part, in order).")
  ReportView submitMultipart(
      Merchant merchant,
      @RequestPart("report") String report,
      @RequestPart(name = "orderFile", required = false) MultipartFile orderFile,
      @RequestPart(name = "evidence", required = false) List<MultipartFile> evidence,
      @RequestPart(name = "evidenceKinds", required = false) String evidenceKinds,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    SubmitReportRequest request = parse(report, new TypeReference<>() {}, "report");
    List<String> fileOrderIds = orderFile == null ? List.of() : readOrderFile(orderFile);
    return submission.submit(
        merchant, request, fileOrderIds, uploads(evidence, evidenceKinds), idempotencyKey);
  }

  /** Order numbers from an uploaded .xlsx, read as a stream (the part is on disk, not in heap). */
  private List<String> readOrderFile(MultipartFile orderFile) {
    try (var in = orderFile.getInputStream()) {
      return orderFiles.read(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @GetMapping("/export.xlsx")
  @Operation(summary = "The filtered report list as a spreadsheet (same filters as the list)")
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
  @Operation(summary = "The merchant's reports, newest first")
  Page<ReportListItem> list(
      Merchant merchant,
      @ParameterObject ListFilter listFilter,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "50") int size) {
    return queries.list(merchant, listFilter.toFilter(), new Paging(page, size));
  }

  @GetMapping("/{id:\\d+}")
  @Operation(summary = "One report, whole")
  ReportView get(Merchant merchant, @PathVariable long id) {
    return queries.detail(merchant, id);
  }

  @GetMapping("/{id:\\d+}/orders")
  @Operation(summary = "The report's orders, paged")
  Page<ReportQueries.ReportOrder> orders(
      Merchant merchant,
      @PathVariable long id,
      @RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "50") int size) {
    return queries.orders(merchant, id, new Paging(page, size));
  }

  @PostMapping(path = "/{id:\\d+}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      summary = "Add evidence",
      description = "Allowed until the report is decided; a report waiting for evidence moves on.")
  ReportView addEvidence(
      Merchant merchant,
      @PathVariable long id,
      @RequestPart(name = "evidence", required = false) List<MultipartFile> evidence,
      @RequestPart(name = "evidenceKinds", required = false) String evidenceKinds) {
    return actions.supplement(merchant, id, uploads(evidence, evidenceKinds));
  }

  @PostMapping("/{id:\\d+}/withdraw")
  @Operation(summary = "Withdraw a report that is not decided yet (409 once decided or expired)")
  ReportView withdraw(Merchant merchant, @PathVariable long id) {
    return actions.withdraw(merchant, id);
  }

  private List<EvidenceFiles.Upload> uploads(List<MultipartFile> files, String kindsJson) {
    List<MultipartFile> parts = files == null ? List.of() : files;
    List<String> kinds =
        kindsJson == null || kindsJson.isBlank()
            ? List.of()
            : parse(kindsJson, new TypeReference<List<String>>() {}, "evidenceKinds");
    if (kinds.size() != parts.size()) {
      throw new ApiException(
          ErrorCode.VALIDATION_FAILED,
          "evidenceKinds 须为 JSON 数组，且与 evidence 文件一一对应（收到 "
              + kinds.size()
              + " 个类型、"
              + parts.size()
              + " 个文件）",
          List.of(FieldError.of("evidenceKinds", "数量与文件不一致")));
    }
    List<EvidenceFiles.Upload> uploads = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      MultipartFile part = parts.get(i);
      uploads.add(
          new EvidenceFiles.Upload(kinds.get(i), part.getOriginalFilename(), part.getSize(), part));
    }
    return uploads;
  }

  private <T> T parse(String text, TypeReference<T> type, String field) {
    try {
      T value = json.readValue(text, type);
      if (value == null) {
        throw new com.fasterxml.jackson.databind.JsonMappingException(null, "null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw JsonErrors.refusal(e, field, field + " 部分不是有效的 JSON");
    }
  }
}
