package com.shipdelay.evidence;

import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import com.shipdelay.web.Outages;
import io.minio.errors.ErrorResponseException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.InputStreamSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A report's evidence: checked by its bytes, streamed to the object store under a key the server
 * chooses, and recorded with its SHA-256, size and type.
 */
@Service
public class EvidenceFiles {

  private static final Logger log = LoggerFactory.getLogger(EvidenceFiles.class);

  private final ObjectStore store;
  private final EvidenceSettings settings;
  private final JdbcClient jdbc;

  EvidenceFiles(ObjectStore store, EvidenceSettings settings, JdbcClient jdbc) {
    this.store = store;
    this.settings = settings;
    this.jdbc = jdbc;
  }

  /** One uploaded file: its declared kind, its name as the merchant gave it, its content. */
  public record Upload(String kind, String fileName, long size, InputStreamSource content) {}

  @Schema(name = "Evidence")
  public record View(
      long id,
      @Schema(implementation = EvidenceKind.class) String kind,
      String fileName,
      String contentType,
      long size,
      String sha256,
      Instant uploadedAt,
      String downloadUrl) {}

  /** A stored file opened for reading. */
  public record Opened(String fileName, String contentType, long size, InputStream content) {}

  /**
   * Checks every upload, then stores them all. Runs inside the caller's transaction: if it rolls
   * back, the objects already put are removed again, so a refused request leaves no object and no
   * row.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void store(long reportId, List<Upload> uploads) {
    if (uploads.isEmpty()) {
      return;
    }
    long existing =
        jdbc.sql("select count(*) from evidence where report_id = ?")
            .param(reportId)
            .query(Long.class)
            .single();
    if (existing + uploads.size() > settings.maxFiles()) {
      throw new ApiException(
          ErrorCode.TOO_MANY_EVIDENCE_FILES, "每份报备最多上传 " + settings.maxFiles() + " 个凭证文件");
    }
    List<FileType> types = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) {
      types.add(check(i, uploads.get(i)));
    }
    List<String> keys = new ArrayList<>();
    removeOnRollback(keys);
    for (int i = 0; i < uploads.size(); i++) {
      Upload upload = uploads.get(i);
      FileType type = types.get(i);
      String key = "reports/" + reportId + "/" + UUID.randomUUID();
      String sha256;
      Path spooled = null;
      try {
        // Spool to a file while hashing, then let the client upload from the file: handed a
        // stream, it buffers each part (at least 5 MB) in heap, which 20 uploads at once
        // multiply; from a file it reads each part where it lies.
        spooled = Files.createTempFile("shipdelay-evidence-", ".part");
        try (InputStream in = upload.content().getInputStream();
            DigestInputStream digesting = new DigestInputStream(in, sha256());
            OutputStream out = Files.newOutputStream(spooled)) {
          digesting.transferTo(out);
          sha256 = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        }
        keys.add(key);
        put(reportId, key, spooled, type.contentType);
      } catch (ApiException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("storing evidence for report " + reportId, e);
      } finally {
        deleteQuietly(spooled);
      }
      jdbc.sql(
              """
              insert into evidence (report_id, kind, file_name, content_type, size, sha256, object_key)
              values (?, ?, ?, ?, ?, ?, ?)
              """)
          .params(
              reportId,
              upload.kind(),
              displayName(upload.fileName()),
              type.contentType,
              upload.size(),
              sha256,
              key)
          .update();
    }
  }

  /**
   * Puts one object. The store being down or failing is not the merchant's fault: 503 {@code
   * STORAGE_UNAVAILABLE}; the caller's transaction rolls back, so nothing is saved and the same
   * request (with the same {@code Idempotency-Key}) succeeds once the store is back.
   */
  private void put(long reportId, String key, Path file, String contentType) {
    try {
      store.putFile(key, file, contentType);
    } catch (Exception e) {
      log.warn(
          "{}: evidence for report {} not stored: {}",
          ErrorCode.STORAGE_UNAVAILABLE,
          reportId,
          Outages.summary(e));
      throw Outages.storageUnavailable("凭证文件未能保存，本次请求未保存任何内容");
    }
  }

  /** Validates one upload before anything is stored; answers its type, judged by its bytes. */
  private FileType check(int index, Upload upload) {
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

  /** The kinds a report's evidence covers. */
  public Set<String> kinds(long reportId) {
    return new LinkedHashSet<>(
        jdbc.sql("select distinct kind from evidence where report_id = ? order by kind")
            .param(reportId)
            .query(String.class)
            .list());
  }

  /** Whether the report has a file uploaded after {@code since}. */
  public boolean uploadedSince(long reportId, Instant since) {
    return jdbc.sql(
            "select exists (select 1 from evidence where report_id = ? and uploaded_at > ?)")
        .params(reportId, Timestamp.from(since))
        .query(Boolean.class)
        .single();
  }

  /** The report's files, each with a download link valid for at most 15 minutes. */
  public List<View> list(long reportId) {
    return jdbc.sql(
            """
            select id, kind, file_name, content_type, size, sha256, uploaded_at, object_key
              from evidence where report_id = ? order by uploaded_at, id
            """)
        .param(reportId)
        .query(
            (rs, n) ->
                new View(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getLong(5),
                    rs.getString(6),
                    rs.getTimestamp(7).toInstant(),
                    presign(rs.getString(8))))
        .list();
  }

  /**
   * The names of files whose stored object is missing or no longer matches its checksum. A file the
   * merchant has since replaced (a later upload of the same kind) no longer counts: otherwise a
   * damaged file would hold the report back for good, whatever the merchant uploads.
   */
  public List<String> damaged(long reportId) {
    record Stored(String fileName, String key, String sha256) {}
    List<Stored> files =
        jdbc.sql(
                """
                select e.file_name, e.object_key, e.sha256 from evidence e
                 where e.report_id = ?
                   and not exists (select 1 from evidence later
                                    where later.report_id = e.report_id and later.kind = e.kind
                                      and later.id > e.id)
                 order by e.id
                """)
            .param(reportId)
            .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3)))
            .list();
    List<String> damaged = new ArrayList<>();
    for (Stored file : files) {
      try (InputStream in = store.get(file.key());
          DigestInputStream digesting = new DigestInputStream(in, sha256())) {
        digesting.transferTo(java.io.OutputStream.nullOutputStream());
        String actual = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
        if (!actual.equals(file.sha256())) {
          log.warn(
              "Evidence object {} of report {} differs from its checksum", file.key(), reportId);
          damaged.add(file.fileName());
        }
      } catch (ErrorResponseException e) {
        if (!ObjectStore.isMissing(e)) {
          throw unavailable("report " + reportId, e);
        }
        log.warn("Evidence object {} of report {} is missing", file.key(), reportId);
        damaged.add(file.fileName());
      } catch (Exception e) {
        // the store is down, not the file damaged: the check fails and the engine retries it,
        // rather than telling the merchant to upload files that are fine
        throw unavailable("report " + reportId, e);
      }
    }
    return damaged;
  }

  /** Opens a stored file for a reviewer. */
  /** The report a stored file belongs to. */
  public Optional<Long> reportOf(long evidenceId) {
    return jdbc.sql("select report_id from evidence where id = ?")
        .param(evidenceId)
        .query(Long.class)
        .optional();
  }

  public Optional<Opened> open(long evidenceId) throws Exception {
    var row =
        jdbc.sql("select file_name, content_type, size, object_key from evidence where id = ?")
            .param(evidenceId)
            .query(
                (rs, n) ->
                    new String[] {
                      rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)
                    })
            .optional();
    if (row.isEmpty()) {
      return Optional.empty();
    }
    String[] r = row.get();
    InputStream content;
    try {
      content = store.get(r[3]);
    } catch (ErrorResponseException e) {
      throw e;
    } catch (Exception e) {
      throw unavailable("evidence file " + evidenceId, e);
    }
    return Optional.of(new Opened(r[0], r[1], Long.parseLong(r[2]), content));
  }

  private static ApiException unavailable(String what, Exception e) {
    log.warn("{}: {} not read: {}", ErrorCode.STORAGE_UNAVAILABLE, what, Outages.summary(e));
    return Outages.storageUnavailable("暂时无法读取凭证文件");
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

  private String presign(String key) {
    try {
      return store.presignedGet(key);
    } catch (Exception e) {
      throw new IllegalStateException("presigning " + key, e);
    }
  }

  private void removeOnRollback(List<String> keys) {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED) {
              return;
            }
            for (String key : keys) {
              try {
                store.remove(key);
              } catch (Exception e) {
                // the orphan sweep removes it later
                log.warn("Could not remove {} after rollback: {}", key, e.toString());
              }
            }
          }
        });
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

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
