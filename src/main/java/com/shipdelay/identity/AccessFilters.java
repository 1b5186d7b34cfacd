package com.shipdelay.identity;

import com.shipdelay.merchant.ApiTokens;
import com.shipdelay.web.ApiAccess;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what, outside the merchant API: admins (HTTP Basic as a Camunda user in {@code
 * camunda-admin}), platform systems (a configured bearer token) and {@code /engine-rest} (Camunda's
 * own HTTP Basic filter, so Modeler can deploy with credentials: {@link
 * EngineRestBasicAuthAdapter}).
 */
@Configuration
class AccessFilters {

  @Bean
  FilterRegistrationBean<AdminFilter> adminAuthentication(IdentityService identity) {
    var registration = new FilterRegistrationBean<>(new AdminFilter(identity));
    registration.addUrlPatterns(ApiAccess.ADMIN.urlPattern());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<PlatformFilter> platformAuthentication(PlatformSettings settings) {
    var registration = new FilterRegistrationBean<>(new PlatformFilter(settings));
    registration.addUrlPatterns(ApiAccess.PLATFORM.urlPattern());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * Camunda's first-user setup lets whoever comes first create an admin while the engine has none.
   * Users come from configuration here (and a real deployment refuses to start without an admin
   * password), so the setup is closed for good, to everyone.
   */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> setupClosed() {
    var registration =
        new FilterRegistrationBean<OncePerRequestFilter>(
            new OncePerRequestFilter() {
              @Override
              protected void doFilterInternal(
                  HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                  throws IOException {
                Problems.write(
                    response,
                    ErrorCode.SETUP_CLOSED,
                    "初始管理员设置已关闭：管理员账号由配置 SHIPDELAY_ADMIN_PASSWORD 创建");
              }
            });
    registration.addUrlPatterns("/camunda/api/admin/setup/*", "/camunda/app/admin/*/setup/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /**
   * The actuator: health and info are open (anonymous callers see only UP/DOWN), an admin's HTTP
   * Basic login makes health show its components (role ADMIN), and the metrics need an admin.
   */
  @Bean
  FilterRegistrationBean<ActuatorFilter> actuatorAccess(IdentityService identity) {
    var registration = new FilterRegistrationBean<>(new ActuatorFilter(identity));
    registration.addUrlPatterns("/actuator/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  static final class ActuatorFilter extends OncePerRequestFilter {
    private final IdentityService identity;

    ActuatorFilter(IdentityService identity) {
      this.identity = identity;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String[] credentials = AdminFilter.basicCredentials(request);
      boolean admin =
          credentials != null
              && identity.checkPassword(credentials[0], credentials[1])
              && AdminFilter.isAdmin(identity, credentials[0]);
      String path = request.getRequestURI().substring(request.getContextPath().length());
      boolean open =
          path.equals("/actuator")
              || path.startsWith("/actuator/health")
              || path.startsWith("/actuator/info");
      if (!admin && !open) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"ShipDelay admin\"");
        Problems.write(response, ErrorCode.UNAUTHORIZED, "需要管理员账号登录（HTTP Basic）");
        return;
      }
      if (!admin) {
        chain.doFilter(request, response); // health and info, UP/DOWN only
        return;
      }
      String user = credentials[0];
      chain.doFilter(
          new jakarta.servlet.http.HttpServletRequestWrapper(request) {
            @Override
            public java.security.Principal getUserPrincipal() {
              return () -> user;
            }

            @Override
            public boolean isUserInRole(String role) {
              return "ADMIN".equals(role);
            }
          },
          response);
    }
  }

  static final class AdminFilter extends OncePerRequestFilter {
    private final IdentityService identity;

    AdminFilter(IdentityService identity) {
      this.identity = identity;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String[] credentials = basicCredentials(request);
      if (credentials == null || !identity.checkPassword(credentials[0], credentials[1])) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"ShipDelay admin\"");
        Problems.write(response, ErrorCode.UNAUTHORIZED, "需要管理员账号登录（HTTP Basic）");
        return;
      }
      if (!isAdmin(identity, credentials[0])) {
        Problems.write(response, ErrorCode.FORBIDDEN, "该账号不是平台管理员");
        return;
      }
      request.setAttribute("shipdelay.admin", credentials[0]);
      chain.doFilter(request, response);
    }

    static boolean isAdmin(IdentityService identity, String userId) {
      return identity.createGroupQuery().groupMember(userId).groupId(Groups.ADMINS).count() > 0;
    }

    static String[] basicCredentials(HttpServletRequest request) {
      String header = request.getHeader(HttpHeaders.AUTHORIZATION);
      if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      try {
        String decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon < 1
            ? null
            : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  static final class PlatformFilter extends OncePerRequestFilter {
    private final PlatformSettings settings;

    PlatformFilter(PlatformSettings settings) {
      this.settings = settings;
    }

    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      String header = request.getHeader(HttpHeaders.AUTHORIZATION);
      boolean ok =
          settings.token() != null
              && !settings.token().isBlank()
              && header != null
              && header.regionMatches(true, 0, "Bearer ", 0, 7)
              && ApiTokens.matches(header.substring(7).trim(), settings.token());
      if (!ok) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        Problems.write(response, ErrorCode.UNAUTHORIZED, "缺少或无效的平台令牌");
        return;
      }
      chain.doFilter(request, response);
    }
  }
}
