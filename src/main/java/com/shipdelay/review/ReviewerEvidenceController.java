package com.shipdelay.review;

import com.shipdelay.evidence.EvidenceFiles;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The evidence links in the review form. A file opens for a webapp user who may see a task of its
 * report (its candidate group or assignee) and for admins; anyone else logged in is told it does
 * not exist, so ids cannot be probed. The file is streamed through the application, so no public
 * object URL is ever handed out.
 */
@RestController
class ReviewerEvidenceController {

  static final String PATH = "/review/evidence/";

  private final EvidenceFiles files;
  private final ReviewAccess access;

  ReviewerEvidenceController(EvidenceFiles files, ReviewAccess access) {
    this.files = files;
    this.access = access;
  }

  @GetMapping(PATH + "{id}")
  ResponseEntity<InputStreamResource> open(@PathVariable long id, HttpServletRequest request)
      throws Exception {
    ApiException notFound = ApiException.notFound("凭证不存在：" + id);
    long reportId = files.reportOf(id).orElse(-1L);
    var refusal = access.check(request, reportId);
    if (refusal.isPresent() && refusal.get() == ReviewAccess.Refusal.NOT_LOGGED_IN) {
      throw new ApiException(ErrorCode.UNAUTHORIZED, "请先登录 Camunda Tasklist 再查看凭证");
    }
    if (refusal.isPresent() || reportId < 0) {
      throw notFound;
    }
    EvidenceFiles.Opened file = files.open(id).orElseThrow(() -> notFound);
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
        .header(
            "Content-Security-Policy",
            "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
        .body(new InputStreamResource(file.content()));
  }
}
