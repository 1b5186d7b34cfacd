package com.shipdelay.web;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who may call which part of {@code /api/v1}, by path prefix, most specific first. The
 * authentication filters are registered for these prefixes, and the OpenAPI description gives every
 * operation the security scheme and the refusals of the prefix its path starts with, so a new
 * controller under {@code /api/v1} is documented as the filter in front of it treats it.
 */
public enum ApiAccess {
  /** HTTP Basic as a Camunda user in {@code camunda-admin}. */
  ADMIN("/api/v1/admin/", "adminBasic", ErrorCode.UNAUTHORIZED, ErrorCode.FORBIDDEN),
  /** The platform system's configured bearer token. */
  PLATFORM("/api/v1/platform/", "platformToken", ErrorCode.UNAUTHORIZED),
  /** A merchant's API token: everything else under {@code /api/v1}. */
  MERCHANT("/api/v1/", "merchantToken", ErrorCode.UNAUTHORIZED);

  private final String prefix;
  private final String scheme;
  private final List<ErrorCode> refusals;

  ApiAccess(String prefix, String scheme, ErrorCode... refusals) {
    this.prefix = prefix;
    this.scheme = scheme;
    this.refusals = List.of(refusals);
  }

  /** The path prefix, ending in {@code /}. */
  public String prefix() {
    return prefix;
  }

  /** The servlet URL pattern a filter for this prefix is registered with. */
  public String urlPattern() {
    return prefix + "*";
  }

  /** The name of the OpenAPI security scheme. */
  String scheme() {
    return scheme;
  }

  /** What the filter answers a caller it does not let through. */
  List<ErrorCode> refusals() {
    return refusals;
  }

  /** Whose part of the API {@code path} (without context path) is in; empty outside it. */
  public static Optional<ApiAccess> of(String path) {
    return Arrays.stream(values()).filter(a -> path.startsWith(a.prefix)).findFirst();
  }
}
