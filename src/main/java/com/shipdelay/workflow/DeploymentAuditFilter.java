package com.shipdelay.workflow;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/** One audit line per deployment through {@code /engine-rest}, naming the admin who deployed. */
class DeploymentAuditFilter extends OncePerRequestFilter {

  private static final Logger audit = LoggerFactory.getLogger("shipdelay.audit");

  private final IdentityService identity;

  DeploymentAuditFilter(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equalsIgnoreCase(request.getMethod())
        || !request.getRequestURI().endsWith("/deployment/create");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    chain.doFilter(request, response);
    var user = identity.getCurrentAuthentication();
    audit.info(
        "action=DEPLOY user={} status={}",
        user == null ? null : user.getUserId(),
        response.getStatus());
  }
}
