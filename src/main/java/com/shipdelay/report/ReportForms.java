package com.shipdelay.report;

import com.shipdelay.evidence.EvidenceKind;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The multipart bodies of the report API, for its OpenAPI description only: the controller reads
 * the parts one by one ({@code @RequestPart}), and these say what each part holds. The content type
 * of each part is in the operation's {@code encoding}.
 */
final class ReportForms {

  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final String EVIDENCE_TYPES = "image/jpeg, image/png, image/webp, application/pdf";

  private ReportForms() {}

  @Schema(name = "FileReportForm", description = "报备（multipart/form-data）：报备内容、可选的订单文件和凭证文件")
  record FileReport(
      @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "报备内容（JSON）")
          SubmitReportRequest report,
      @Schema(
              type = "string",
              format = "binary",
              description = "订单号文件（.xlsx，A 列为订单号），其订单加入 report 所选的订单")
          String orderFile,
      @ArraySchema(
              schema = @Schema(type = "string", format = "binary"),
              arraySchema = @Schema(description = "凭证文件（JPEG、PNG、WebP 或 PDF），可重复"))
          List<String> evidence,
      @ArraySchema(arraySchema = @Schema(description = "每个 evidence 文件的凭证类型，按顺序一一对应（JSON 数组）"))
          List<EvidenceKind> evidenceKinds) {}

  @Schema(name = "AddEvidenceForm", description = "补充凭证（multipart/form-data）")
  record AddEvidence(
      @ArraySchema(
              schema = @Schema(type = "string", format = "binary"),
              arraySchema =
                  @Schema(
                      description = "凭证文件（JPEG、PNG、WebP 或 PDF），可重复",
                      requiredMode = Schema.RequiredMode.REQUIRED))
          List<String> evidence,
      @ArraySchema(
              arraySchema =
                  @Schema(
                      description = "每个 evidence 文件的凭证类型，按顺序一一对应（JSON 数组）",
                      requiredMode = Schema.RequiredMode.REQUIRED))
          List<EvidenceKind> evidenceKinds) {}

  /** The example report of the request bodies. */
  static final String REPORT_EXAMPLE =
      """
      {"type":"EPIDEMIC","delayUntil":"2026-03-10T23:59:59+08:00","reason":"快递停止揽收",\
      "remark":"乌鲁木齐市快递网点暂停揽收","affectedRegions":["6501"],\
      "orderIds":["2203151234567890"],"orderFilter":{"promisedFrom":"2026-03-01T00:00:00+08:00",\
      "promisedTo":"2026-03-04T00:00:00+08:00","productIds":["7001"],"regions":["65"]}}""";

  static final String FORM_EXAMPLE =
      "{\"report\":"
          + REPORT_EXAMPLE
          + ",\"evidenceKinds\":[\"COURIER_NOTICE\",\"OFFICIAL_NOTICE\"]}";

  static final String EVIDENCE_EXAMPLE = "{\"evidenceKinds\":[\"OFFICIAL_NOTICE\"]}";
}
