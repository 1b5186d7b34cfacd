package com.shipdelay.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}): its
 * title and conventions, the three security schemes, and the problem+json schema whose {@code code}
 * is {@link ErrorCode}. What each operation requires and may answer is added by {@link
 * ProblemResponses} from the path ({@link ApiAccess}), the operation's shape and {@link ApiErrors}.
 */
@Configuration
class OpenApiConfig {

  static final String PROBLEM = "Problem";
  static final String PROBLEM_JSON = "application/problem+json";

  static {
    // report types, statuses, kinds: one named schema each, so a generated client has one enum
    // per concept instead of one per field
    ModelResolver.enumsAsRef = true;
  }

  /** The problem+json body, as {@link Problems} writes it; only for the description. */
  @Schema(
      name = PROBLEM,
      description = "RFC 9457 problem details（application/problem+json），带稳定的 code",
      requiredProperties = {"type", "title", "status", "detail", "code"})
  record ProblemSchema(
      @Schema(
              format = "uri",
              description = "每个 code 一个 URI",
              example = "https://shipdelay.example/problems/unknown_region")
          String type,
      @Schema(description = "HTTP 状态的中文标题", example = "请求被业务规则拒绝") String title,
      @Schema(description = "HTTP 状态码", example = "422") int status,
      @Schema(description = "中文说明，含导致拒绝的值", example = "未知的地区代码（须为 GB/T 2260 代码）：6199")
          String detail,
      @Schema(format = "uri", description = "请求的路径", example = "/api/v1/delay-reports")
          String instance,
      ErrorCode code,
      @ArraySchema(schema = @Schema(implementation = FieldError.class)) List<FieldError> errors) {}

  @Bean
  OpenAPI shipDelayOpenApi() {
    Components components =
        new Components()
            .addSecuritySchemes(
                ApiAccess.MERCHANT.scheme(),
                new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP)
                    .scheme("bearer")
                    .bearerFormat("merchant API token")
                    .description("商家 API 令牌（创建商家时只显示一次），`Authorization: Bearer <token>`"))
            .addSecuritySchemes(
                ApiAccess.PLATFORM.scheme(),
                new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP)
                    .scheme("bearer")
                    .bearerFormat("platform token")
                    .description("平台系统令牌（配置 SHIPDELAY_PLATFORM_TOKEN），用于 /api/v1/platform/**"))
            .addSecuritySchemes(
                ApiAccess.ADMIN.scheme(),
                new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP)
                    .scheme("basic")
                    .description("camunda-admin 组的 Camunda 用户（HTTP Basic），用于 /api/v1/admin/**"));
    return new OpenAPI()
        .info(
            new Info()
                .title("ShipDelay 延迟发货报备 API")
                .version("1.0.0")
                .contact(new Contact().name("ShipDelay"))
                .description(DESCRIPTION))
        .components(components);
  }

  /**
   * Adds the Problem, FieldError and ErrorCode schemas. Called by {@link ProblemResponses}, once
   * the responses refer to them: springdoc drops schemas nothing refers to before customizers run.
   */
  static void addProblemSchemas(OpenAPI api) {
    if (api.getComponents() == null) {
      api.setComponents(new Components());
    }
    ModelConverters.getInstance()
        .readAll(new AnnotatedType(ProblemSchema.class))
        .forEach(api.getComponents()::addSchemas);
    api.getComponents().getSchemas().get(ErrorCode.class.getSimpleName()).description(codeList());
  }

  /** Every code with its status and meaning: the reference a client author looks codes up in. */
  private static String codeList() {
    return "稳定的错误码（problem+json 的 code）。\n\n"
        + Arrays.stream(ErrorCode.values())
            .map(c -> "- `" + c.name() + "` (" + c.status().value() + "): " + c.description())
            .collect(Collectors.joining("\n"));
  }

  /** The domain codes of {@link ApiErrors}, kept on the operation for {@link ProblemResponses}. */
  @Bean
  OperationCustomizer declaredErrorCodes() {
    return (operation, handler) -> {
      ApiErrors declared = handler.getMethodAnnotation(ApiErrors.class);
      if (declared != null) {
        operation.addExtension(
            ProblemResponses.DECLARED, Arrays.stream(declared.value()).map(Enum::name).toList());
      }
      return operation;
    };
  }

  @Bean
  OpenApiCustomizer problemResponses() {
    return new ProblemResponses();
  }

  private static final String DESCRIPTION =
      """
      商家、平台系统和管理员调用 ShipDelay 的 REST 接口（契约见 API.md）。

      **认证**（右上角 Authorize）：商家接口用商家 API 令牌（`merchantToken`），
      `/api/v1/platform/**` 用平台令牌（`platformToken`），`/api/v1/admin/**` 用管理员 HTTP Basic
      （`adminBasic`）。每个操作都标明它需要哪一种。

      **错误**：所有错误都是 RFC 9457 `application/problem+json`，带稳定的 `code`（见 `ErrorCode`
      schema）和中文 `detail`；`errors` 列出具体的字段、Excel 单元格或订单。每个操作列出它可能返回的
      状态码以及每个状态下可能的 `code`。503 带 `Retry-After`，请求未保存任何内容，可原样重试。

      **约定**：JSON 使用 camelCase；时间为带时区的 ISO-8601，返回 UTC；订单号和商品 ID 是数字字符串，
      不能作为 JSON 数字发送；地区为 GB/T 2260 代码（省 2 位、市 4 位、区县 6 位）；列表分页
      `?page=0&size=50`（size 最大 500）；`POST /api/v1/delay-reports` 支持 `Idempotency-Key`。
      """;
}
