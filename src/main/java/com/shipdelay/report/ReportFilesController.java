package com.shipdelay.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.evidence.EvidenceFiles;
import com.shipdelay.merchant.Merchant;
import com.shipdelay.web.ApiErrors;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import com.shipdelay.web.JsonErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Encoding;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The multipart requests of the report API: a report filed with its order file and evidence, and
 * evidence added later. Each part is read here (the order file as a stream, {@code evidenceKinds}
 * as JSON) before the services see plain values.
 */
@RestController
@RequestMapping("/api/v1/delay-reports")
@Tag(name = "Delay reports", description = "延迟发货报备")
class ReportFilesController {

  private final ReportSubmission submission;
  private final ReportActions actions;
  private final ObjectMapper json;
  private final OrderFileReader orderFiles;
  private final EvidenceFiles evidenceFiles;
  private final FilingGate gate;

  ReportFilesController(
      ReportSubmission submission,
      ReportActions actions,
      ObjectMapper json,
      OrderFileReader orderFiles,
      EvidenceFiles evidenceFiles,
      FilingGate gate) {
    this.gate = gate;
    this.evidenceFiles = evidenceFiles;
    this.submission = submission;
    this.actions = actions;
    this.json = json;
    this.orderFiles = orderFiles;
  }

  /**
   * The multipart form of {@code POST /api/v1/delay-reports}: documented as part of {@code
   * fileReport} (OpenAPI has one operation per path and method), and callable under its own path as
   * {@code fileReportWithFiles}.
   */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(hidden = true)
  ReportView submitMultipart(
      Merchant merchant,
      @RequestPart("report") String report,
      @RequestPart(name = "orderFile", required = false) MultipartFile orderFile,
      @RequestPart(name = "evidence", required = false) List<MultipartFile> evidence,
      @RequestPart(name = "evidenceKinds", required = false) String evidenceKinds,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return submitWithFiles(merchant, report, orderFile, evidence, evidenceKinds, idempotencyKey);
  }

  @PostMapping(path = "/with-files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      operationId = "fileReportWithFiles",
      summary = "File a delay report with its order file and evidence",
      description =
          """
          The multipart form of `POST /api/v1/delay-reports` (`fileReport`), under a path of its
          own. Parts: `report` (JSON, as `fileReport`), `orderFile` (.xlsx, optional), `evidence`
          (files, repeatable), `evidenceKinds` (a JSON array, one kind per `evidence` part, in
          order).""",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                      schema = @Schema(implementation = ReportForms.FileReport.class),
                      encoding = {
                        @Encoding(name = "report", contentType = MediaType.APPLICATION_JSON_VALUE),
                        @Encoding(name = "orderFile", contentType = ReportForms.XLSX),
                        @Encoding(name = "evidence", contentType = ReportForms.EVIDENCE_TYPES),
                        @Encoding(
                            name = "evidenceKinds",
                            contentType = MediaType.APPLICATION_JSON_VALUE)
                      },
                      examples =
                          @ExampleObject(name = "withEvidence", value = ReportForms.FORM_EXAMPLE))))
  @FilingErrors
  ReportView submitWithFiles(
      Merchant merchant,
      @RequestPart("report") String report,
      @RequestPart(name = "orderFile", required = false) MultipartFile orderFile,
      @RequestPart(name = "evidence", required = false) List<MultipartFile> evidence,
      @RequestPart(name = "evidenceKinds", required = false) String evidenceKinds,
      @Parameter(description = DelayReportController.IDEMPOTENCY_KEY)
          @RequestHeader(name = "Idempotency-Key", required = false)
          String idempotencyKey) {
    return gate.file(
        () -> {
          SubmitReportRequest request = parse(report, new TypeReference<>() {}, "report");
          List<String> fileOrderIds = orderFile == null ? List.of() : readOrderFile(orderFile);
          // the files go to the store before the filing's transaction, which only records them
          EvidenceFiles.Staged staged =
              evidenceFiles.stage(submission.newReportId(), uploads(evidence, evidenceKinds));
          try {
            return submission.submit(merchant, request, fileOrderIds, staged, idempotencyKey);
          } finally {
            evidenceFiles.discardUnrecorded(staged);
          }
        });
  }

  /** Order numbers from an uploaded .xlsx, read as a stream (the part is on disk, not in heap). */
  private List<String> readOrderFile(MultipartFile orderFile) {
    try (var in = orderFile.getInputStream()) {
      return orderFiles.read(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @PostMapping(path = "/{id:\\d+}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(
      operationId = "addEvidence",
      summary = "Add evidence",
      description = "Allowed until the report is decided; a report waiting for evidence moves on.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                      schema = @Schema(implementation = ReportForms.AddEvidence.class),
                      encoding = {
                        @Encoding(name = "evidence", contentType = ReportForms.EVIDENCE_TYPES),
                        @Encoding(
                            name = "evidenceKinds",
                            contentType = MediaType.APPLICATION_JSON_VALUE)
                      },
                      examples =
                          @ExampleObject(
                              name = "oneNotice",
                              value = ReportForms.EVIDENCE_EXAMPLE))))
  @ApiErrors({
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.REPORT_CLOSED,
    ErrorCode.EVIDENCE_DEADLINE_PASSED,
    ErrorCode.CONCURRENT_UPDATE,
    ErrorCode.EVIDENCE_TOO_LARGE,
    ErrorCode.UNSUPPORTED_EVIDENCE_TYPE,
    ErrorCode.INVALID_EVIDENCE_KIND,
    ErrorCode.TOO_MANY_EVIDENCE_FILES,
    ErrorCode.STORAGE_UNAVAILABLE
  })
  ReportView addEvidence(
      Merchant merchant,
      @PathVariable long id,
      @RequestPart(name = "evidence", required = false) List<MultipartFile> evidence,
      @RequestPart(name = "evidenceKinds", required = false) String evidenceKinds) {
    // only a report the merchant owns and that is open gets files under its key; the checks are
    // made again under the report's lock when the files are recorded
    actions.checkOpenForEvidence(merchant, id);
    List<EvidenceFiles.Upload> uploads = uploads(evidence, evidenceKinds);
    if (uploads.isEmpty()) {
      throw new ApiException(ErrorCode.VALIDATION_FAILED, "请至少上传一个凭证文件 (evidence)");
    }
    EvidenceFiles.Staged staged = evidenceFiles.stage(id, uploads);
    try {
      return actions.supplement(merchant, id, staged);
    } finally {
      evidenceFiles.discardUnrecorded(staged);
    }
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
