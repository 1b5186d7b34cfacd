package com.shipdelay.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter, for every path (the API, {@code /engine-rest}, the webapps):
 *
 * <ul>
 *   <li>a query string with a NUL byte ({@code %00}) answers 400: no text column can hold it and no
 *       parameter needs it;
 *   <li>a database outage that escapes a filter (the authentication filters read the database
 *       before any controller runs) answers 503 {@code DATABASE_UNAVAILABLE}, as {@link
 *       ProblemHandler} does inside MVC and the engine REST API's mappers do inside Jersey.
 * </ul>
 *
 * On {@code /engine-rest} and the webapps' API the answer has the engine REST API's shape ({@code
 * type}, {@code code}, {@code message}); elsewhere it is problem+json.
 */
@Configuration
class RequestGuard {

  private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Bean
  FilterRegistrationBean<Guard> requestGuardFilter() {
    var registration = new FilterRegistrationBean<>(new Guard());
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  static final class Guard extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String query = request.getQueryString();
      if (query != null && query.contains("%00")) {
        refuse(request, response, ErrorCode.MALFORMED_REQUEST, "查询参数不能包含 NUL 字符（%00）");
        return;
      }
      try {
        chain.doFilter(request, response);
      } catch (IOException | ServletException | RuntimeException e) {
        if (response.isCommitted() || !Outages.database(e)) {
          throw e;
        }
        log.warn(
            "{} on {} {}: {}",
            ErrorCode.DATABASE_UNAVAILABLE,
            request.getMethod(),
            request.getRequestURI(),
            Outages.summary(e));
        response.reset();
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Outages.RETRY_AFTER_SECONDS));
        refuse(request, response, ErrorCode.DATABASE_UNAVAILABLE, Outages.DATABASE_MESSAGE);
      }
    }
  }

  static void refuse(
      HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message)
      throws IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith("/engine-rest/") && !path.startsWith("/camunda/api/")) {
      Problems.write(response, code, message);
      return;
    }
    response.setStatus(code.status().value());
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    Map<String, String> body = new LinkedHashMap<>();
    body.put("type", Problems.type(code).toString());
    body.put("code", code.name());
    body.put("message", message);
    JSON.writeValue(response.getOutputStream(), body);
  }
}
