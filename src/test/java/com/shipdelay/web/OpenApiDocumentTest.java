package com.shipdelay.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.evidence.EvidenceKind;
import com.shipdelay.report.ReportStatus;
import com.shipdelay.support.Api;
import com.shipdelay.support.IntegrationTest;
import com.shipdelay.support.RunsBeside;
import com.shipdelay.support.TestData;
import com.shipdelay.validation.ExclusionReason;
import com.shipdelay.validation.ReportType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The OpenAPI description as a merchant's developer uses it: it passes a standard validator, says
 * how to authenticate and what can go wrong for every operation, and a client generated from it
 * files a report ({@link GeneratedClient}).
 */
@RunsBeside
@IntegrationTest
class OpenApiDocumentTest {

  @LocalServerPort int port;
  @Autowired TestData data;

  /** The description as served, parsed (and written to target/ for a reader to look at). */
  private OpenAPI document() throws Exception {
    Api.Response served = new Api(port).get("/v3/api-docs", null);
    assertThat(served.status()).as(served.text()).isEqualTo(200);
    Path copy = Path.of("target", "openapi", "api-docs.json");
    Files.createDirectories(copy.getParent());
    Files.writeString(copy, served.text());
    ParseOptions options = new ParseOptions();
    options.setValidateInternalRefs(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(served.text(), null, options);
    assertThat(result.getMessages()).as("validation messages").isEmpty();
    assertThat(result.getOpenAPI()).isNotNull();
    return result.getOpenAPI();
  }

  private static void forEachOperation(OpenAPI api, BiConsumer<String, Operation> action) {
    api.getPaths()
        .forEach((path, item) -> item.readOperations().forEach(op -> action.accept(path, op)));
  }

  @Test
  void theDocumentIsValidAndSaysWhatItDescribes() throws Exception {
    OpenAPI api = document();

    assertThat(api.getOpenapi()).startsWith("3.");
    assertThat(api.getInfo().getTitle()).contains("ShipDelay").doesNotContain("OpenAPI definition");
    assertThat(api.getInfo().getVersion()).isEqualTo("1.0.0");
    assertThat(api.getInfo().getDescription()).contains("problem+json").contains("Authorize");
    assertThat(api.getComponents().getSecuritySchemes())
        .containsOnlyKeys("merchantToken", "platformToken", "adminBasic");
    assertThat(api.getComponents().getSecuritySchemes().get("adminBasic").getScheme())
        .isEqualTo("basic");
    assertThat(api.getPaths().keySet()).allMatch(p -> p.startsWith("/api/v1/"));

    Api http = new Api(port);
    assertThat(http.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    assertThat(http.get("/v3/api-docs/swagger-config", null).json().get("url").asText())
        .isEqualTo("/v3/api-docs");
  }

  @Test
  void everyOperationHasAStableIdItsFiltersSchemeAndNoInternalParameter() throws Exception {
    OpenAPI api = document();
    Set<String> ids = new HashSet<>();
    List<String> operations = new ArrayList<>();

    forEachOperation(
        api,
        (path, op) -> {
          operations.add(op.getOperationId());
          assertThat(op.getOperationId()).as(path).matches("[a-z][A-Za-z]+");
          assertThat(ids.add(op.getOperationId())).as("unique " + op.getOperationId()).isTrue();
          String scheme =
              path.startsWith("/api/v1/admin/")
                  ? "adminBasic"
                  : path.startsWith("/api/v1/platform/") ? "platformToken" : "merchantToken";
          assertThat(op.getSecurity()).as(path).hasSize(1);
          assertThat(op.getSecurity().get(0)).as(path).containsOnlyKeys(scheme);
          List<Parameter> params = op.getParameters() == null ? List.of() : op.getParameters();
          assertThat(params)
              .as(op.getOperationId())
              .extracting(Parameter::getName)
              .doesNotContain("merchant", "request", "response", "listFilter");
        });

    assertThat(operations)
        .contains(
            "fileReport",
            "fileReportWithFiles",
            "listReports",
            "getReport",
            "addEvidence",
            "withdrawReport",
            "listOrders",
            "getOrder",
            "upsertOrders",
            "createMerchant",
            "publishAnnouncement");
  }

  @Test
  void everyErrorStatusIsAProblemListingTheCodesOfThatStatus() throws Exception {
    OpenAPI api = document();
    Schema<?> problem = api.getComponents().getSchemas().get("Problem");
    assertThat(problem.getProperties())
        .containsKeys("type", "title", "status", "detail", "instance", "code", "errors");
    assertThat(problem.getProperties().get("code").get$ref()).endsWith("/ErrorCode");
    assertThat(enumOf(api, "ErrorCode")).containsExactlyElementsOf(names(ErrorCode.values()));

    forEachOperation(
        api,
        (path, op) -> {
          assertThat(op.getResponses()).as(op.getOperationId()).containsKeys("401", "500", "503");
          op.getResponses()
              .forEach(
                  (status, response) -> {
                    if (Integer.parseInt(status) < 400) {
                      assertThat(response.getContent() == null ? Map.of() : response.getContent())
                          .as(op.getOperationId() + " " + status)
                          .doesNotContainKey("*/*");
                      return;
                    }
                    MediaType body = response.getContent().get("application/problem+json");
                    assertThat(body.getSchema().get$ref()).endsWith("/Problem");
                    List<String> codes = codes(response);
                    assertThat(codes).as(op.getOperationId() + " " + status).isNotEmpty();
                    assertThat(codes)
                        .allMatch(
                            c -> ErrorCode.valueOf(c).status().value() == Integer.parseInt(status));
                    assertThat(body.getExamples()).containsOnlyKeys(codes.toArray(String[]::new));
                  });
        });

    Operation fileReport = operation(api, "fileReport");
    assertThat(codes(fileReport.getResponses().get("422")))
        .contains(
            "NO_ELIGIBLE_ORDERS",
            "SHIP_FROM_AFFECTED_USE_SPECIAL_ORDER",
            "MISSING_AFFECTED_REGIONS",
            "INVALID_ORDER_FILE",
            "UNKNOWN_REGION",
            "INVALID_TYPE");
    assertThat(codes(fileReport.getResponses().get("409"))).contains("IDEMPOTENCY_KEY_REUSED");
    Operation withFiles = operation(api, "fileReportWithFiles");
    assertThat(codes(withFiles.getResponses().get("415"))).contains("UNSUPPORTED_EVIDENCE_TYPE");
    assertThat(codes(withFiles.getResponses().get("413")))
        .contains("EVIDENCE_TOO_LARGE", "FILE_TOO_LARGE");
    assertThat(codes(operation(api, "createMerchant").getResponses().get("403")))
        .containsExactly("FORBIDDEN");
    assertThat(codes(operation(api, "withdrawReport").getResponses().get("409")))
        .contains("REPORT_CLOSED");
    assertThat(operation(api, "listOrders").getResponses().get("400").getExtensions())
        .extractingByKey("x-error-codes")
        .asList()
        .contains("VALIDATION_FAILED", "DATE_OUT_OF_RANGE");
  }

  @Test
  void enumsAreTypedAndEveryRequestBodyHasAnExampleAndItsMediaTypes() throws Exception {
    OpenAPI api = document();

    assertThat(enumOf(api, "ReportType")).containsExactlyElementsOf(names(ReportType.values()));
    assertThat(enumOf(api, "ReportStatus")).containsExactlyElementsOf(names(ReportStatus.values()));
    assertThat(enumOf(api, "EvidenceKind")).containsExactlyElementsOf(names(EvidenceKind.values()));
    assertThat(enumOf(api, "ExclusionReason"))
        .containsExactlyElementsOf(names(ExclusionReason.values()));
    assertThat(enumOf(api, "OrderStatus"))
        .containsExactly("PENDING_SHIPMENT", "SHIPPED", "CANCELLED");
    assertThat(ref(api, "ReportView", "type")).endsWith("/ReportType");
    assertThat(ref(api, "ReportView", "status")).endsWith("/ReportStatus");
    assertThat(ref(api, "ReportListItem", "status")).endsWith("/ReportStatus");
    assertThat(ref(api, "SubmitReportRequest", "type")).endsWith("/ReportType");
    assertThat(ref(api, "Evidence", "kind")).endsWith("/EvidenceKind");
    assertThat(ref(api, "OrderView", "status")).endsWith("/OrderStatus");
    assertThat(enumOf(property(api, "Notification", "type"))).contains("REPORT_APPROVED");
    assertThat(enumOf(property(api, "TimelineEntry", "event"))).contains("ORDERS_EXEMPTED");

    forEachOperation(
        api,
        (path, op) -> {
          if (op.getRequestBody() == null) {
            return;
          }
          op.getRequestBody()
              .getContent()
              .forEach(
                  (type, media) ->
                      assertThat(
                              media.getExample() != null
                                  || (media.getExamples() != null
                                      && !media.getExamples().isEmpty()))
                          .as(op.getOperationId() + " " + type + " example")
                          .isTrue());
        });

    // one operation per path and method: the multipart form of the same path is fileReportWithFiles
    Operation fileReport = operation(api, "fileReport");
    assertThat(fileReport.getRequestBody().getContent()).containsOnlyKeys("application/json");
    assertThat(fileReport.getDescription()).contains("multipart/form-data", "fileReportWithFiles");
    MediaType form =
        operation(api, "fileReportWithFiles")
            .getRequestBody()
            .getContent()
            .get("multipart/form-data");
    assertThat(form.getEncoding().get("report").getContentType()).isEqualTo("application/json");
    assertThat(form.getEncoding().get("evidenceKinds").getContentType())
        .isEqualTo("application/json");
    assertThat(form.getEncoding().get("evidence").getContentType())
        .contains("application/pdf", "image/jpeg");
    assertThat(form.getEncoding().get("orderFile").getContentType())
        .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assertThat(
            operation(api, "addEvidence")
                .getRequestBody()
                .getContent()
                .get("multipart/form-data")
                .getEncoding())
        .containsKeys("evidence", "evidenceKinds");
  }

  @Test
  void aClientGeneratedFromTheDocumentFilesAReportAndReadsItBack() throws Exception {
    String spec = new Api(port).get("/v3/api-docs", null).text();
    TestData.TestMerchant merchant = data.merchant();
    String order = data.pendingOrders(merchant, 1, "610113").get(0);

    GeneratedClient client = GeneratedClient.generate(spec, Files.createTempDirectory("client"));
    GeneratedClient.Filed filed =
        client.fileAndRead(
            "http://localhost:" + port,
            merchant.token(),
            com.shipdelay.support.Filing.body(
                "SPECIAL_ORDER", List.of(order), java.time.Duration.ofDays(3), List.of()));

    assertThat(filed.id()).isPositive();
    assertThat(filed.type()).isEqualTo("SPECIAL_ORDER");
    assertThat(filed.readBackId()).isEqualTo(filed.id());
    assertThat(filed.readBackStatus()).isIn(names(ReportStatus.values()));
    assertThat(filed.readBackOrderCount()).isEqualTo(1);
  }

  private static List<String> codes(ApiResponse response) {
    Object codes =
        response.getExtensions() == null ? null : response.getExtensions().get("x-error-codes");
    assertThat(codes).as("x-error-codes of " + response.getDescription()).isInstanceOf(List.class);
    return ((List<?>) codes).stream().map(String::valueOf).toList();
  }

  private static Operation operation(OpenAPI api, String id) {
    List<Operation> found = new ArrayList<>();
    forEachOperation(
        api,
        (path, op) -> {
          if (id.equals(op.getOperationId())) {
            found.add(op);
          }
        });
    assertThat(found).as("operation " + id).hasSize(1);
    return found.get(0);
  }

  private static List<String> enumOf(OpenAPI api, String schema) {
    Schema<?> s = api.getComponents().getSchemas().get(schema);
    assertThat(s).as("schema " + schema).isNotNull();
    return enumOf(s);
  }

  private static List<String> enumOf(Schema<?> schema) {
    assertThat(schema.getEnum()).as("enum of " + schema.getName()).isNotNull();
    return schema.getEnum().stream().map(String::valueOf).toList();
  }

  private static Schema<?> property(OpenAPI api, String schema, String property) {
    Schema<?> s = api.getComponents().getSchemas().get(schema);
    assertThat(s).as("schema " + schema).isNotNull();
    Schema<?> p = s.getProperties().get(property);
    assertThat(p).as(schema + "." + property).isNotNull();
    return p;
  }

  private static String ref(OpenAPI api, String schema, String property) {
    Schema<?> p = property(api, schema, property);
    String ref = p.get$ref();
    if (ref == null && p.getAllOf() != null && !p.getAllOf().isEmpty()) {
      ref = p.getAllOf().get(0).get$ref();
    }
    return String.valueOf(ref);
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
