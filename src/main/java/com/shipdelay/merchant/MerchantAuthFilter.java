package com.shipdelay.merchant;

import com.shipdelay.web.ApiAccess;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates merchants on {@code /api/v1/**} (but not the platform and admin paths) by their
 * bearer token, and puts the {@link Merchant} on the request for {@link CurrentMerchant}.
 */
class MerchantAuthFilter extends OncePerRequestFilter {

  static final String ATTRIBUTE = Merchant.class.getName();

  private final Merchants merchants;

  MerchantAuthFilter(Merchants merchants) {
    this.merchants = merchants;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // the decoded, normalised path, as the servlet container matched it to this filter
    String path =
        request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    return ApiAccess.of(path).orElse(null) != ApiAccess.MERCHANT;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Merchant> merchant =
        bearerToken(request).flatMap(t -> merchants.findByTokenHash(ApiTokens.hash(t)));
    if (merchant.isEmpty()) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
      Problems.write(response, ErrorCode.UNAUTHORIZED, "缺少或无效的商家 API 令牌");
      return;
    }
    request.setAttribute(ATTRIBUTE, merchant.get());
    chain.doFilter(request, response);
  }

  static Optional<String> bearerToken(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
