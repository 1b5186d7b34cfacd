package com.shipdelay.evidence;

import io.minio.errors.ErrorResponseException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Whether a report's stored objects are still the ones its evidence rows recorded. */
@Component
class EvidenceIntegrity {

  private static final Logger log = LoggerFactory.getLogger(EvidenceIntegrity.class);

  private final ObjectStore store;
  private final JdbcClient jdbc;

  EvidenceIntegrity(ObjectStore store, JdbcClient jdbc) {
    this.store = store;
    this.jdbc = jdbc;
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
  List<String> damaged(long reportId) {
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
          throw EvidenceFiles.unavailable("report " + reportId, e);
        }
        log.warn("Evidence object {} of report {} is missing", file.key(), reportId);
        damaged.add(file.fileName());
      } catch (Exception e) {
        // the store is down, not the file damaged: the check fails and the engine retries it,
        // rather than telling the merchant to upload files that are fine
        throw EvidenceFiles.unavailable("report " + reportId, e);
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
        DigestInputStream digesting = new DigestInputStream(in, EvidenceStaging.sha256())) {
      digesting.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
    }
  }
}
