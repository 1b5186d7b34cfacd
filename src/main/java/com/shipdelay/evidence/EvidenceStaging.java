package com.shipdelay.evidence;

import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.Outages;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Puts a report's checked uploads in the object store before the report's transaction, each spooled
 * to a temporary file while its SHA-256 is taken, and removes them again when no report records
 * them.
 */
@Component
class EvidenceStaging {

  private static final Logger log = LoggerFactory.getLogger(EvidenceStaging.class);

  private final ObjectStore store;
  private final UploadChecks checks;

  EvidenceStaging(ObjectStore store, UploadChecks checks) {
    this.store = store;
    this.checks = checks;
  }

  /**
   * Checks every upload, then puts them all in the store under the report's prefix. Runs outside
   * any transaction on purpose: a database connection is not held while the bytes travel, which
   * under a surge of filings was what made requests queue for the pool (BENCHMARKS.md). A failure
   * removes what was already put.
   */
  EvidenceFiles.Staged stage(long reportId, List<EvidenceFiles.Upload> uploads) {
    List<FileType> types = checks.checkAll(uploads);
    EvidenceFiles.Staged staged = new EvidenceFiles.Staged(reportId, new ArrayList<>());
    try {
      for (int i = 0; i < uploads.size(); i++) {
        staged.files.add(put(reportId, uploads.get(i), types.get(i)));
      }
    } catch (RuntimeException e) {
      discardUnrecorded(staged);
      throw e;
    }
    return staged;
  }

  private StagedFile put(long reportId, EvidenceFiles.Upload upload, FileType type) {
    String key = "reports/" + reportId + "/" + UUID.randomUUID();
    Path spooled = null;
    try {
      // The client uploads from a file: handed a stream, it buffers each part (at least 5 MB)
      // in heap, which 20 uploads at once multiply; from a file it reads each part where it lies.
      spooled = Files.createTempFile("shipdelay-evidence-", ".part");
      String sha256 = spool(upload.content(), spooled);
      String etag = put(reportId, key, spooled, type.contentType);
      return new StagedFile(
          upload.kind(),
          UploadChecks.displayName(upload.fileName()),
          type.contentType,
          upload.size(),
          sha256,
          key,
          etag);
    } catch (IOException e) {
      throw new IllegalStateException("spooling evidence for report " + reportId, e);
    } finally {
      deleteQuietly(spooled);
    }
  }

  /**
   * Puts the upload's bytes in {@code file} and answers their SHA-256. Tomcat has already written a
   * multipart upload to a temporary file of its own: {@code transferTo} moves that file (no copy of
   * the bytes), and hashing reads it once. Any other source is copied while hashed.
   */
  private static String spool(InputStreamSource content, Path file) throws IOException {
    MessageDigest digest = sha256();
    if (content instanceof MultipartFile part) {
      part.transferTo(file.toFile());
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
    } else {
      try (InputStream in = new DigestInputStream(content.getInputStream(), digest);
          OutputStream out = Files.newOutputStream(file)) {
        in.transferTo(out);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Puts one object. The store being down or failing is not the merchant's fault: 503 {@code
   * STORAGE_UNAVAILABLE}; the caller's transaction rolls back, so nothing is saved and the same
   * request (with the same {@code Idempotency-Key}) succeeds once the store is back.
   */
  private String put(long reportId, String key, Path file, String contentType) {
    try {
      return store.putFile(key, file, contentType);
    } catch (Exception e) {
      log.warn(
          "{}: evidence for report {} not stored: {}",
          ErrorCode.STORAGE_UNAVAILABLE,
          reportId,
          Outages.summary(e));
      throw Outages.storageUnavailable("凭证文件未能保存，本次请求未保存任何内容");
    }
  }

  /** Removes staged objects that no report recorded (the request was refused or replayed). */
  void discardUnrecorded(EvidenceFiles.Staged staged) {
    if (staged.recorded) {
      return;
    }
    for (StagedFile file : staged.files) {
      try {
        store.remove(file.key());
      } catch (Exception e) {
        // the orphan sweep removes it later
        log.warn("Could not remove unrecorded {}: {}", file.key(), e.toString());
      }
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        log.warn("Could not delete {}: {}", file, e.toString());
      }
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
