package com.shipdelay.webhook;

import com.shipdelay.merchant.Merchant;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import com.shipdelay.web.Page;
import com.shipdelay.web.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A merchant's webhook endpoints and their delivery log. Another merchant's endpoint is not found
 * (404). The secret is answered only by registration and rotation.
 */
@Service
class WebhookEndpoints {

  private final JdbcClient jdbc;
  private final WebhookUrlPolicy policy;
  private final WebhookSettings settings;
  private final Clock clock;
  private final TransactionTemplate tx;

  WebhookEndpoints(
      JdbcClient jdbc,
      WebhookUrlPolicy policy,
      WebhookSettings settings,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.policy = policy;
    this.settings = settings;
    this.clock = clock;
    this.tx = new TransactionTemplate(transactions);
  }

  record RegisterWebhookRequest(String url, List<String> eventTypes) {}

  /** An endpoint with its secret: the answer to registration and rotation, and only those. */
  record EndpointWithSecret(
      long id, String url, List<String> eventTypes, String secret, String status) {
    @Override
    public String toString() {
      return "EndpointWithSecret[id=" + id + ", status=" + status + ", secret=***]";
    }
  }

  record Endpoint(
      long id,
      String url,
      List<String> eventTypes,
      String status,
      Instant createdAt,
      Instant failingSince) {}

  /**
   * Checks the request (400), the URL (422 {@code WEBHOOK_URL_REFUSED}, resolved before the
   * transaction so a slow DNS answer holds no connection) and the limit, then saves.
   */
  EndpointWithSecret register(Merchant merchant, RegisterWebhookRequest request) {
    List<String> types = eventTypes(request);
    String url = request.url().trim();
    checkUrl(url);
    String secret = WebhookSignature.newSecret();
    long id = tx.execute(s -> save(merchant, url, types, secret));
    return new EndpointWithSecret(id, url, types, secret, "ACTIVE");
  }

  private long save(Merchant merchant, String url, List<String> types, String secret) {
    // serialises one merchant's registrations, so the limit holds under concurrent requests
    jdbc.sql("select id from merchant where id = ? for update")
        .param(merchant.id())
        .query(Long.class)
        .single();
    long count =
        jdbc.sql("select count(*) from webhook_endpoint where merchant_id = ?")
            .param(merchant.id())
            .query(Long.class)
            .single();
    if (count >= settings.maxEndpoints()) {
      throw new ApiException(
          ErrorCode.WEBHOOK_LIMIT_REACHED,
          "每个商家最多登记 " + settings.maxEndpoints() + " 个 Webhook 接收地址");
    }
    try {
      return jdbc.sql(
              """
              insert into webhook_endpoint (merchant_id, url, event_types, secret, created_at)
              values (?, ?, ?, ?, ?) returning id
              """)
          .params(
              merchant.id(),
              url,
              types.toArray(String[]::new),
              secret,
              Timestamp.from(clock.instant()))
          .query(Long.class)
          .single();
    } catch (DuplicateKeyException e) {
      throw new ApiException(ErrorCode.WEBHOOK_ALREADY_REGISTERED, "该接收地址已登记：" + url);
    }
  }

  private void checkUrl(String url) {
    try {
      policy.check(url);
    } catch (WebhookUrlPolicy.Refused e) {
      throw new ApiException(
          ErrorCode.WEBHOOK_URL_REFUSED,
          e.getMessage(),
          List.of(FieldError.of("url", e.getMessage())));
    }
  }

  private static List<String> eventTypes(RegisterWebhookRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (request.url() == null || request.url().isBlank()) {
      errors.add(FieldError.of("url", "请填写接收地址 url"));
    }
    Set<String> types = new LinkedHashSet<>();
    String allowed =
        String.join("、", Arrays.stream(WebhookEventType.values()).map(Enum::name).toList());
    if (request.eventTypes() == null || request.eventTypes().isEmpty()) {
      errors.add(FieldError.of("eventTypes", "请至少选择一种事件类型：" + allowed));
    } else {
      for (String type : request.eventTypes()) {
        if (WebhookEventType.isOne(type)) {
          types.add(type);
        } else {
          errors.add(FieldError.of("eventTypes", "未知的事件类型 " + type + "，可选：" + allowed));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(ErrorCode.VALIDATION_FAILED, "Webhook 登记内容校验未通过", errors);
    }
    return List.copyOf(types);
  }

  @Transactional(readOnly = true)
  Page<Endpoint> list(Merchant merchant, Paging paging) {
    long total =
        jdbc.sql("select count(*) from webhook_endpoint where merchant_id = ?")
            .param(merchant.id())
            .query(Long.class)
            .single();
    List<Endpoint> items =
        jdbc.sql(
                """
                select id, url, event_types, status, created_at, failing_since
                  from webhook_endpoint where merchant_id = ? order by id limit ? offset ?
                """)
            .params(merchant.id(), paging.size(), paging.offset())
            .query((rs, n) -> endpoint(rs))
            .list();
    return paging.page(items, total);
  }

  /** Deletes the endpoint and its delivery log; pending deliveries are not sent any more. */
  @Transactional
  void delete(Merchant merchant, long id) {
    int deleted =
        jdbc.sql("delete from webhook_endpoint where id = ? and merchant_id = ?")
            .params(id, merchant.id())
            .update();
    if (deleted == 0) {
      throw notFound(id);
    }
  }

  /**
   * A new secret, effective at once: pending retries are signed with it too, so the receiver should
   * switch right after.
   */
  @Transactional
  EndpointWithSecret rotateSecret(Merchant merchant, long id) {
    String secret = WebhookSignature.newSecret();
    return jdbc.sql(
            """
            update webhook_endpoint set secret = ? where id = ? and merchant_id = ?
            returning id, url, event_types, status
            """)
        .params(secret, id, merchant.id())
        .query(
            (rs, n) ->
                new EndpointWithSecret(
                    rs.getLong(1), rs.getString(2), types(rs, 3), secret, rs.getString(4)))
        .optional()
        .orElseThrow(() -> notFound(id));
  }

  /** 404 unless the endpoint is the merchant's. */
  static void requireOwn(JdbcClient jdbc, Merchant merchant, long endpointId) {
    boolean own =
        jdbc.sql("select exists (select 1 from webhook_endpoint where id = ? and merchant_id = ?)")
            .params(endpointId, merchant.id())
            .query(Boolean.class)
            .single();
    if (!own) {
      throw notFound(endpointId);
    }
  }

  static ApiException notFound(long id) {
    return ApiException.notFound("Webhook 接收地址不存在：" + id);
  }

  private static Endpoint endpoint(ResultSet rs) throws SQLException {
    Timestamp failing = rs.getTimestamp(6);
    return new Endpoint(
        rs.getLong(1),
        rs.getString(2),
        types(rs, 3),
        rs.getString(4),
        rs.getTimestamp(5).toInstant(),
        failing == null ? null : failing.toInstant());
  }

  private static List<String> types(ResultSet rs, int column) throws SQLException {
    return Arrays.asList((String[]) rs.getArray(column).getArray());
  }
}
