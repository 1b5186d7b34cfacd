package com.shipdelay.evidence;

import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The checks an upload passes before anything is stored: its declared kind, its size, its type
 * judged by its bytes, and the number of files a report may hold.
 */
@Component
class UploadChecks {

  private final EvidenceSettings settings;

  UploadChecks(EvidenceSettings settings) {
    this.settings = settings;
  }

  /** Checks a request's uploads, in order; answers each one's type. */
  List<FileType> checkAll(List<EvidenceFiles.Upload> uploads) {
    if (uploads.size() > settings.maxFiles()) {
      throw tooMany();
    }
    List<FileType> types = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) {
      types.add(check(i, uploads.get(i)));
    }
    return types;
  }

  ApiException tooMany() {
    return new ApiException(
        ErrorCode.TOO_MANY_EVIDENCE_FILES, "每份报备最多上传 " + settings.maxFiles() + " 个凭证文件");
  }

  /** Validates one upload before anything is stored; answers its type, judged by its bytes. */
  private FileType check(int index, EvidenceFiles.Upload upload) {
    if (EvidenceKind.parse(upload.kind()).isEmpty()) {
      throw new ApiException(
          ErrorCode.INVALID_EVIDENCE_KIND,
          "凭证类型无效：" + upload.kind(),
          List.of(
              FieldError.of(
                  "evidenceKinds[" + index + "]", "可选值：" + List.of(EvidenceKind.values()))));
    }
    if (upload.size() > settings.maxFileSize().toBytes()) {
      throw new ApiException(
          ErrorCode.EVIDENCE_TOO_LARGE,
          "凭证文件 "
              + displayName(upload.fileName())
              + " 超过 "
              + settings.maxFileSize().toMegabytes()
              + " MB 的上限",
          List.of(FieldError.of("evidence[" + index + "]", "文件过大")));
    }
    byte[] head = new byte[FileType.HEADER_BYTES];
    int read;
    try (InputStream in = new BufferedInputStream(upload.content().getInputStream())) {
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new IllegalStateException("reading upload " + index, e);
    }
    return FileType.sniff(head, read)
        .orElseThrow(
            () ->
                new ApiException(
                    ErrorCode.UNSUPPORTED_EVIDENCE_TYPE,
                    "凭证文件 " + displayName(upload.fileName()) + " 不是允许的类型（JPEG、PNG、WebP 图片或 PDF）",
                    List.of(FieldError.of("evidence[" + index + "]", "文件内容不是图片或 PDF"))));
  }

  /** Keeps the name for display only: no path, no control characters, bounded length. */
  static String displayName(String name) {
    if (name == null || name.isBlank()) {
      return "未命名文件";
    }
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").trim();
    return base.length() > 200 ? base.substring(0, 200) : base.isEmpty() ? "未命名文件" : base;
  }
}
