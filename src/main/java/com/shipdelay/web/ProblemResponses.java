package com.shipdelay.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpStatus;

/**
 * Gives every operation under {@code /api/v1} its security requirement and one problem+json
 * response per error status it can answer, listing the codes of that status. The codes come from
 * three places, so that a new controller is documented without more than its {@link ApiErrors}:
 *
 * <ul>
 *   <li>the path: the filter in front of it ({@link ApiAccess}) refuses with 401 (and 403);
 *   <li>the operation's shape: every operation can meet malformed input, a database outage or an
 *       unacceptable {@code Accept}; a path parameter can name something unknown (404); a paged
 *       list checks {@code page} and {@code size}; a body can have the wrong type or be malformed;
 *       a multipart body can break the upload limits;
 *   <li>{@link ApiErrors} on the handler method: the refusals of its own rules.
 * </ul>
 */
final class ProblemResponses implements OpenApiCustomizer {

  /** The codes of {@link ApiErrors}, handed over from the operation customizer. */
  static final String DECLARED = "x-declared-error-codes";

  /** Every code an operation (and each of its error responses) can answer with. */
  static final String CODES = "x-error-codes";

  private static final String MULTIPART = "multipart/form-data";
  private static final String SCHEMAS = "#/components/schemas/";

  @Override
  public void customise(OpenAPI api) {
    if (api.getPaths() == null) {
      return;
    }
    OpenApiConfig.addProblemSchemas(api);
    api.getPaths()
        .forEach((path, item) -> item.readOperations().forEach(op -> customise(api, path, op)));
  }

  private void customise(OpenAPI api, String path, Operation op) {
    Set<ErrorCode> codes = new LinkedHashSet<>();
    ApiAccess.of(path)
        .ifPresent(
            access -> {
              op.setSecurity(List.of(new SecurityRequirement().addList(access.scheme())));
              codes.addAll(access.refusals());
            });
    codes.addAll(byShape(api, op));
    codes.addAll(declared(op));
    Map<Integer, List<ErrorCode>> byStatus =
        codes.stream()
            .sorted(Comparator.comparing(ErrorCode::ordinal))
            .collect(
                Collectors.groupingBy(c -> c.status().value(), TreeMap::new, Collectors.toList()));
    if (op.getResponses() == null) {
      op.setResponses(new ApiResponses());
    }
    byStatus.forEach(
        (status, list) ->
            op.getResponses()
                .addApiResponse(
                    String.valueOf(status), response(path, HttpStatus.valueOf(status), list)));
    if (op.getExtensions() != null) {
      op.getExtensions().remove(DECLARED);
    }
    op.addExtension(
        CODES, byStatus.values().stream().flatMap(List::stream).map(Enum::name).toList());
  }

  @SuppressWarnings("unchecked")
  private static List<ErrorCode> declared(Operation op) {
    if (op.getExtensions() == null || !(op.getExtensions().get(DECLARED) instanceof List<?>)) {
      return List.of();
    }
    return ((List<String>) op.getExtensions().get(DECLARED))
        .stream().map(ErrorCode::valueOf).toList();
  }

  /** What any operation of this shape can answer, whatever its own rules. */
  private static List<ErrorCode> byShape(OpenAPI api, Operation op) {
    List<ErrorCode> codes =
        new ArrayList<>(
            List.of(
                // RequestGuard refuses a NUL in any query string; a number may overflow its type
                ErrorCode.MALFORMED_REQUEST,
                ErrorCode.NOT_ACCEPTABLE,
                ErrorCode.INTERNAL_ERROR,
                ErrorCode.DATABASE_UNAVAILABLE));
    List<Parameter> params = op.getParameters() == null ? List.of() : op.getParameters();
    if (params.stream().anyMatch(p -> "path".equals(p.getIn()))) {
      codes.add(ErrorCode.NOT_FOUND);
    }
    if (params.stream().anyMatch(p -> !"path".equals(p.getIn()) && isTrue(p.getRequired()))) {
      codes.add(ErrorCode.BAD_REQUEST);
    }
    if (params.stream().anyMatch(p -> Set.of("page", "size").contains(p.getName()))) {
      codes.add(ErrorCode.VALIDATION_FAILED);
    }
    if (params.stream().anyMatch(p -> dateTime(api, p.getSchema(), new HashSet<>()))) {
      codes.add(ErrorCode.DATE_OUT_OF_RANGE);
    }
    RequestBody body = op.getRequestBody();
    if (body != null && body.getContent() != null) {
      codes.add(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
      codes.add(ErrorCode.INVALID_DATA);
      // JsonConfig refuses a null inside a list
      codes.add(ErrorCode.VALIDATION_FAILED);
      if (body.getContent().containsKey(MULTIPART)) {
        codes.addAll(
            List.of(
                ErrorCode.BAD_REQUEST,
                ErrorCode.FILE_NAME_TOO_LONG,
                ErrorCode.FILE_TOO_LARGE,
                ErrorCode.REQUEST_TOO_LARGE,
                ErrorCode.TOO_MANY_PARTS));
      }
      if (body.getContent().values().stream()
          .anyMatch(m -> dateTime(api, m.getSchema(), new HashSet<>()))) {
        codes.add(ErrorCode.DATE_OUT_OF_RANGE);
      }
    }
    return codes;
  }

  /** Whether {@code schema} holds a time anywhere (following references once each). */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static boolean dateTime(OpenAPI api, Schema schema, Set<String> seen) {
    if (schema == null) {
      return false;
    }
    if ("date-time".equals(schema.getFormat())) {
      return true;
    }
    if (schema.get$ref() != null) {
      String name = schema.get$ref().substring(SCHEMAS.length());
      return seen.add(name)
          && api.getComponents() != null
          && api.getComponents().getSchemas() != null
          && dateTime(api, api.getComponents().getSchemas().get(name), seen);
    }
    List<Schema> parts = new ArrayList<>();
    parts.add(schema.getItems());
    parts.add(schema.getAdditionalProperties() instanceof Schema s ? s : null);
    if (schema.getProperties() != null) {
      parts.addAll(((Map<String, Schema>) schema.getProperties()).values());
    }
    for (List<Schema> group : composed(schema)) {
      parts.addAll(group);
    }
    return parts.stream().anyMatch(s -> dateTime(api, s, seen));
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<List<Schema>> composed(Schema schema) {
    List<List<Schema>> groups = new ArrayList<>();
    for (List<Schema> group :
        new List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
      if (group != null) {
        groups.add(group);
      }
    }
    return groups;
  }

  private static ApiResponse response(String path, HttpStatus status, Collection<ErrorCode> codes) {
    MediaType problem =
        new MediaType().schema(new Schema<>().$ref(SCHEMAS + OpenApiConfig.PROBLEM));
    for (ErrorCode code : codes) {
      Map<String, Object> example = new LinkedHashMap<>();
      example.put("type", Problems.type(code).toString());
      example.put("title", Problems.title(status));
      example.put("status", status.value());
      example.put("detail", code.description());
      example.put("instance", path);
      example.put("code", code.name());
      problem.addExamples(code.name(), new Example().summary(code.description()).value(example));
    }
    ApiResponse response =
        new ApiResponse()
            .description(
                Problems.title(status)
                    + "。code：\n\n"
                    + codes.stream()
                        .map(c -> "- `" + c.name() + "`: " + c.description())
                        .collect(Collectors.joining("\n")))
            .content(new Content().addMediaType(OpenApiConfig.PROBLEM_JSON, problem));
    response.addExtension(CODES, codes.stream().map(Enum::name).toList());
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      response.addHeaderObject(
          "Retry-After",
          new Header().description("建议的重试等待秒数；请求未保存任何内容，可原样重试").schema(new IntegerSchema()));
    }
    return response;
  }

  private static boolean isTrue(Boolean value) {
    return Boolean.TRUE.equals(value);
  }
}
