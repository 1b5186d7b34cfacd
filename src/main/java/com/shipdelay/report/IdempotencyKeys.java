package com.shipdelay.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.evidence.EvidenceFiles;
import com.shipdelay.merchant.ApiTokens;
import com.shipdelay.merchant.Merchant;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The {@code Idempotency-Key} of a filing (table {@code idempotency_key}): a retried request with
 * the same key and body answers the report the first one made; the same key with another body is
 * refused. A key is taken inside the filing's transaction, so a refused filing frees it again. Keys
 * older than 24 hours may be reused ({@link IdempotencyKeyPurge} removes them).
 */
@Service
class IdempotencyKeys {

  static final int MAX_LENGTH = 200;

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final EvidenceFiles evidenceFiles;
  private final Reports reports;
  private final ReportQueries queries;

  IdempotencyKeys(
      JdbcClient jdbc,
      ObjectMapper json,
      EvidenceFiles evidenceFiles,
      Reports reports,
      ReportQueries queries) {
    this.jdbc = jdbc;
    this.json = json;
    this.evidenceFiles = evidenceFiles;
    this.reports = reports;
    this.queries = queries;
  }

  /** Whether the request carries a key at all. */
  static boolean given(String key) {
    return key != null && !key.isBlank();
  }

  /**
   * Takes the key for this request, or answers the report an earlier identical request made. Two
   * concurrent requests with one key serialise on the key's primary key: the second waits for the
   * first to commit, then sees its row.
   */
  Optional<ReportView> claim(
      Merchant merchant,
      String key,
      SubmitReportRequest request,
      List<String> fileOrderIds,
      EvidenceFiles.Staged evidence) {
    if (key.length() > MAX_LENGTH) {
      throw ApiException.invalid("Idempotency-Key", "Idempotency-Key 过长（最多 200 个字符）");
    }
    String hash = ApiTokens.hash(canonical(request, fileOrderIds, evidence));
    int taken =
        jdbc.sql(
                """
                insert into idempotency_key (merchant_id, key, request_hash) values (?, ?, ?)
                on conflict (merchant_id, key) do update
                   set request_hash = excluded.request_hash, report_id = null, created_at = now()
                 where idempotency_key.created_at < now() - interval '24 hours'
                """)
            .params(merchant.id(), key, hash)
            .update();
    if (taken == 1) {
      return Optional.empty();
    }
    var existing =
        jdbc.sql(
                "select request_hash, report_id from idempotency_key where merchant_id = ? and key = ?")
            .params(merchant.id(), key)
            .query((rs, n) -> new Object[] {rs.getString(1), rs.getObject(2, Long.class)})
            .single();
    if (!hash.equals(existing[0])) {
      throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "该 Idempotency-Key 已用于另一份不同的报备请求");
    }
    long reportId = (Long) existing[1];
    ReportView view = queries.detail(merchant, reportId);
    return Optional.of(
        view.withExcludedOrders(reports.excluded(reports.find(reportId).orElseThrow())));
  }

  /** The key now answers the report its request filed. */
  void bind(Merchant merchant, String key, long reportId) {
    jdbc.sql("update idempotency_key set report_id = ? where merchant_id = ? and key = ?")
        .params(reportId, merchant.id(), key)
        .update();
  }

  /** What makes two requests "the same body": the report, the file's orders, the evidence. */
  private String canonical(
      SubmitReportRequest request, List<String> fileOrderIds, EvidenceFiles.Staged evidence) {
    try {
      return json.writeValueAsString(
          List.of(
              request,
              fileOrderIds,
              evidence == null ? List.of() : evidenceFiles.identity(evidence)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
