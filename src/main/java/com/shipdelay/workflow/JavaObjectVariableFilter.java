package com.shipdelay.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A serialized Java object as a variable ({@code "serializationDataFormat":
 * "application/x-java-serialized-object"}) is refused with 400 {@code SERIALIZED_OBJECT_REFUSED}
 * before the engine sees it, on {@code /engine-rest} and the webapps' engine API. The engine
 * refuses it as well ({@code javaSerializationFormatEnabled=false}), but as an error it logs with a
 * stack trace and the REST API answers with 500; {@link EngineRestConfig} maps what still reaches
 * it (the binary {@code /data} upload, an object variable without a format) to the same 400.
 */
class JavaObjectVariableFilter extends OncePerRequestFilter {

  static final String JAVA_FORMAT = "application/x-java-serialized-object";
  static final String MESSAGE = "不接受序列化的 Java 对象作为变量值，请使用 JSON 或字符串等类型";

  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String type = request.getContentType();
    return type == null
        || !type.toLowerCase().contains("json")
        || !("POST".equalsIgnoreCase(request.getMethod())
            || "PUT".equalsIgnoreCase(request.getMethod()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readAllBytes();
    if (new String(body, StandardCharsets.UTF_8).toLowerCase().contains(JAVA_FORMAT)
        && namesJavaFormat(body)) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Map<String, String> answer = new LinkedHashMap<>();
      answer.put("type", Problems.type(ErrorCode.SERIALIZED_OBJECT_REFUSED).toString());
      answer.put("code", ErrorCode.SERIALIZED_OBJECT_REFUSED.name());
      answer.put("message", MESSAGE);
      response.getWriter().write(json.writeValueAsString(answer));
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  /** Whether any object in the JSON has a serializationDataFormat naming Java serialization. */
  private boolean namesJavaFormat(byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      return false; // the engine answers malformed JSON itself
    }
    return root != null
        && root.findValues("serializationDataFormat").stream()
            .anyMatch(v -> v.isTextual() && v.asText().trim().equalsIgnoreCase(JAVA_FORMAT));
  }
}
