package com.shipdelay.evidence;

import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.Outages;
import io.minio.errors.ErrorResponseException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
  private final UploadChecks checks;
  private final EvidenceStaging staging;
  private final EvidenceIntegrity integrity;

  EvidenceFiles(
      ObjectStore store,
      EvidenceSettings settings,
      JdbcClient jdbc,
      UploadChecks checks,
      EvidenceStaging staging,
      EvidenceIntegrity integrity) {
    this.store = store;
    this.settings = settings;
    this.jdbc = jdbc;
    this.checks = checks;
    this.staging = staging;
    this.integrity = integrity;
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
   * Files checked and put in the object store for one report, not yet recorded: {@link #stage}
   * makes them before the report's transaction, {@link #record} records them inside it, and {@link
   * #discardUnrecorded} removes what a refused or replayed request left.
   */
  public static final class Staged {
    final long reportId;
    final List<StagedFile> files;
    boolean recorded;

    Staged(long reportId, List<StagedFile> files) {
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

  /**
   * Checks every upload, then puts them all in the store under the report's prefix, outside any
   * transaction (see {@link EvidenceStaging#stage}). A failure removes what was already put.
   */
  public Staged stage(long reportId, List<Upload> uploads) {
    return staging.stage(reportId, uploads);
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
      throw checks.tooMany();
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
    staging.discardUnrecorded(staged);
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
    return list(reportId, true);
  }

  /**
   * The report's files without download links ({@code downloadUrl} null), for a reader that links
   * to them another way: the review form links to the reviewer's own route. Signing a link is most
   * of the cost of listing a file.
   */
  public List<View> listWithoutLinks(long reportId) {
    return list(reportId, false);
  }

  private List<View> list(long reportId, boolean withLinks) {
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
                    withLinks ? presign(rs.getString(8)) : null))
        .list();
  }

  /**
   * The names of files whose stored object is missing or no longer the one stored, leaving out
   * files the merchant has since replaced (see {@link EvidenceIntegrity#damaged}).
   */
  public List<String> damaged(long reportId) {
    return integrity.damaged(reportId);
  }

  /** The report a stored file belongs to. */
  public Optional<Long> reportOf(long evidenceId) {
    return jdbc.sql("select report_id from evidence where id = ?")
        .param(evidenceId)
        .query(Long.class)
        .optional();
  }

  /** Opens a stored file for a reviewer. */
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

  static ApiException unavailable(String what, Exception e) {
    log.warn("{}: {} not read: {}", ErrorCode.STORAGE_UNAVAILABLE, what, Outages.summary(e));
    return Outages.storageUnavailable("暂时无法读取凭证文件");
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
}
