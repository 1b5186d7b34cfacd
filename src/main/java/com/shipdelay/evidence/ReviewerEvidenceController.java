package com.shipdelay.evidence;

import com.shipdelay.identity.Groups;
import com.shipdelay.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The evidence links in the review form. They open a file for a reviewer, review lead or admin
 * logged in to the Camunda webapps (their session), and for nobody else; the file is streamed
 * through the application, so no public object URL is ever handed out.
 */
@RestController
class ReviewerEvidenceController {

  static final String PATH = "/review/evidence/";
  private static final List<String> ALLOWED =
      List.of(Groups.REVIEWERS, Groups.REVIEW_LEADS, Groups.ADMINS);

  private final EvidenceFiles files;

  ReviewerEvidenceController(EvidenceFiles files) {
    this.files = files;
  }

  @GetMapping(PATH + "{id}")
  ResponseEntity<InputStreamResource> open(@PathVariable long id, HttpServletRequest request)
      throws Exception {
    UserAuthentication user = webappUser(request);
    if (user == null) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "请先登录 Camunda Tasklist 再查看凭证");
    }
    if (user.getGroupIds() == null || user.getGroupIds().stream().noneMatch(ALLOWED::contains)) {
      throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN", "只有审核员、审核组长和管理员可以查看凭证");
    }
    EvidenceFiles.Opened file =
        files.open(id).orElseThrow(() -> ApiException.notFound("凭证不存在：" + id));
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(file.contentType()))
        .contentLength(file.size())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline()
                .filename(file.fileName(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .header("X-Content-Type-Options", "nosniff")
        .body(new InputStreamResource(file.content()));
  }

  private static UserAuthentication webappUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    if (authentications == null) {
      return null;
    }
    Authentication auth = authentications.getAuthenticationForProcessEngine("default");
    return auth instanceof UserAuthentication user ? user : null;
  }
}
