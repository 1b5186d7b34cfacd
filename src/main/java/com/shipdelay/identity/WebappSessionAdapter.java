package com.shipdelay.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/**
 * Adapter: who is logged in to the Camunda webapps (Tasklist, Cockpit, Admin) in this request's
 * session. The webapps offer no public type for their session, so this is the one place that
 * touches their {@code impl} classes; an engine upgrade changes only this file.
 */
public final class WebappSessionAdapter {

  /** A webapp user and the groups the webapp loaded at login. */
  public record SessionUser(String userId, List<String> groupIds) {
    public boolean inAny(List<String> groups) {
      return groupIds.stream().anyMatch(groups::contains);
    }
  }

  private WebappSessionAdapter() {}

  /**
   * Whether a state-changing request carries the session's CSRF token, as the webapps' own CSRF
   * filter requires ({@code X-XSRF-TOKEN} against the session's {@code CAMUNDA_CSRF_TOKEN}).
   */
  public static boolean csrfValid(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object token = session == null ? null : session.getAttribute("CAMUNDA_CSRF_TOKEN");
    String header = request.getHeader("X-XSRF-TOKEN");
    return token != null && header != null && token.toString().equals(header);
  }

  public static Optional<SessionUser> user(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return Optional.empty();
    }
    Authentication auth = authentications.getAuthenticationForProcessEngine("default");
    if (!(auth instanceof UserAuthentication user)) {
      return Optional.empty();
    }
    return Optional.of(
        new SessionUser(
            user.getIdentityId(),
            user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds())));
  }
}
