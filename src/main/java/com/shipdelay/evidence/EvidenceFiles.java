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
  record Opened(String fileName, String contentType, long size, InputStream content) {}

  /**
   * Files checked and put in the object store for one report, not yet recorded: {@link #stage}
   * makes them before the report's transaction, {@link #record} records them inside it, and {@link
   * #discardUnrecorded} removes what a refused or replayed request left.
   */
  public static final class Staged {
    private final long reportId;
    private final List<StagedFile> files;
    private boolean recorded;

    private Staged(long reportId, List<StagedFile> files) {
      this.reportId = reportId;
      this.files = files;
    }

    public long reportId() {
      return reportId;
    }

    public int size() {
      return files.size();
    }
  }

  /** What makes two filings' evidence "the same" for an Idempotency-Key: kind, name, size. */
  public List<List<Object>> identity(Staged staged) {
    return staged.files.stream()
        .map(f -> List.<Object>of(f.kind(), f.fileName(), f.size()))
        .toList();
  }

  private record StagedFile(
      String kind,
      String fileName,
      String contentType,
      long size,
      String sha256,
      String key,
      String etag) {}

  /**
   * Checks every upload, then puts them all in the store under the report's prefix. Runs outside
   * any transaction on purpose: a database connection is not held while the bytes travel, which
   * under a surge of filings was what made requests queue for the pool (BENCHMARKS.md). A failure
   * removes what was already put.
   */
  public Staged stage(long reportId, List<Upload> uploads) {
    if (uploads.size() > settings.maxFiles()) {
      throw tooMany();
    }
    List<FileType> types = new ArrayList<>();
    for (int i = 0; i < uploads.size(); i++) {
      types.add(check(i, uploads.get(i)));
    }
    Staged staged = new Staged(reportId, new ArrayList<>());
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

  private StagedFile put(long reportId, Upload upload, FileType type) {
    String key = "reports/" + reportId + "/" + UUID.randomUUID();
    Path spooled = null;
    try {
      // Spool to a file while hashing, then let the client upload from the file: handed a
      // stream, it buffers each part (at least 5 MB) in heap, which 20 uploads at once
      // multiply; from a file it reads each part where it lies.
      spooled = Files.createTempFile("shipdelay-evidence-", ".part");
      String sha256;
      try (InputStream in = upload.content().getInputStream();
          DigestInputStream digesting = new DigestInputStream(in, sha256());
          OutputStream out = Files.newOutputStream(spooled)) {
        digesting.transferTo(out);
        sha256 = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
      }
      String etag = put(reportId, key, spooled, type.contentType);
      return new StagedFile(
          upload.kind(),
          displayName(upload.fileName()),
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
   * Records staged files against their report, inside the caller's transaction: if it rolls back,
   * the objects are removed again, so a refused request leaves no object and no row.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(Staged staged) {
    if (staged.files.isEmpty()) {
      return;
    }
    long existing =
        jdbc.sql("select count(*) from evidence where report_id = ?")
            .param(staged.reportId)
            .query(Long.class)
            .single();
    if (existing + staged.files.size() > settings.maxFiles()) {
      throw tooMany();
    }
    removeOnRollback(staged.files.stream().map(StagedFile::key).toList());
    staged.recorded = true;
    for (StagedFile file : staged.files) {
      jdbc.sql(
              """
              insert into evidence (report_id, kind, file_name, content_type, size, sha256,
                                    object_key, etag)
              values (?, ?, ?, ?, ?, ?, ?, ?)
              """)
          .params(
              staged.reportId,
              file.kind(),
              file.fileName(),
              file.contentType(),
              file.size(),
              file.sha256(),
              file.key(),
              file.etag())
          .update();
    }
  }

  /** Removes staged objects that no report recorded (the request was refused or replayed). */
  public void discardUnrecorded(Staged staged) {
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

  private ApiException tooMany() {
    return new ApiException(
        ErrorCode.TOO_MANY_EVIDENCE_FILES, "每份报备最多上传 " + settings.maxFiles() + " 个凭证文件");
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
   * The names of files whose stored object is missing or no longer the one stored. A file the
   * merchant has since replaced (a later upload of the same kind) no longer counts: otherwise a
   * damaged file would hold the report back for good, whatever the merchant uploads.
   *
   * <p>The SHA-256 taken while the file streamed in is authoritative for its object; the store's
   * ETag, recorded at upload, identifies that object. So a check is a {@code stat} per file, not a
   * download that re-hashes every byte: an object replaced or rewritten under the key has another
   * ETag. Files stored before the ETag was kept are still re-hashed.
   */
  public List<String> damaged(long reportId) {
    record Stored(String fileName, String key, String sha256, String etag) {}
    List<Stored> files =
        jdbc.sql(
                """
                select e.file_name, e.object_key, e.sha256, e.etag from evidence e
                 where e.report_id = ?
                   and not exists (select 1 from evidence later
                                    where later.report_id = e.report_id and later.kind = e.kind
                                      and later.id > e.id)
                 order by e.id
                """)
            .param(reportId)
            .query(
                (rs, n) ->
                    new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
            .list();
    List<String> damaged = new ArrayList<>();
    for (Stored file : files) {
      try {
        boolean intact =
            file.etag() != null
                ? sameEtag(file.etag(), store.stat(file.key()).etag())
                : file.sha256().equals(rehash(file.key()));
        if (!intact) {
          log.warn(
              "Evidence object {} of report {} differs from the one stored", file.key(), reportId);
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

  private static boolean sameEtag(String recorded, String now) {
    return now != null && strip(recorded).equals(strip(now));
  }

  private static String strip(String etag) {
    return etag.replace("\"", "");
  }

  private String rehash(String key) throws Exception {
    try (InputStream in = store.get(key);
        DigestInputStream digesting = new DigestInputStream(in, sha256())) {
      digesting.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
    }
  }

  /** Opens a stored file for a reviewer. */
  /** The report a stored file belongs to. */
  Optional<Long> reportOf(long evidenceId) {
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
