package com.shipdelay.exemption;

import com.shipdelay.region.Regions;
import com.shipdelay.web.ApiException;
import com.shipdelay.web.ErrorCode;
import com.shipdelay.web.FieldError;
import com.shipdelay.web.Page;
import com.shipdelay.web.Paging;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes and lists announcements. Which orders an announcement exempts is never stored: the
 * database function {@code announcements_covering} (V5, by address regions since V7) answers it
 * whenever an order is read, so an order synced after the announcement is covered too.
 */
@Service
class Announcements {

  static final int MAX_TITLE = 200;

  private final JdbcClient jdbc;
  private final Regions regions;
  private final ApplicationEventPublisher events;

  Announcements(JdbcClient jdbc, Regions regions, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.regions = regions;
    this.events = events;
  }

  /** Publishes the announcement; answers it with the number of orders it covers now. */
  @Transactional
  Announcement create(AnnouncementRequest request, String admin) {
    Set<Announcement.AppliesTo> appliesTo = validate(request);
    List<String> reduced = Regions.reduce(request.regions());
    long id =
        jdbc.sql(
                """
                insert into announcement (title, regions, applies_receiving, applies_ship_from,
                                          promised_from, promised_to, created_by)
                values (?, ?, ?, ?, ?, ?, ?)
                returning id
                """)
            .params(
                request.title().trim(),
                reduced.toArray(String[]::new),
                appliesTo.contains(Announcement.AppliesTo.RECEIVING),
                appliesTo.contains(Announcement.AppliesTo.SHIP_FROM),
                Timestamp.from(request.promisedFrom().toInstant()),
                Timestamp.from(request.promisedTo().toInstant()),
                admin)
            .query(Long.class)
            .single();
    Announcement created =
        jdbc.sql(SELECT + " where id = ?").param(id).query((rs, n) -> row(rs)).single();
    Map<Long, Long> byMerchant = coveredOrdersByMerchant(created);
    long covered = byMerchant.values().stream().mapToLong(Long::longValue).sum();
    events.publishEvent(
        new AnnouncementPublished(
            id,
            admin,
            created.title(),
            reduced,
            created.promisedFrom(),
            created.promisedTo(),
            covered,
            byMerchant));
    return created.withCoveredOrders(covered);
  }

  /**
   * The orders the announcement covers now, cancelled ones left out, counted per merchant in one
   * query (each merchant's webhooks are told their own count). The window condition repeats the
   * announcement's own so the count reads the {@code orders_promised} index; for a receiving-only
   * announcement the region condition is repeated too, so that a long window over a small region
   * reads the {@code orders_region_keys} index instead. Which orders match is still {@code
   * announcements_covering}'s decision.
   */
  private Map<Long, Long> coveredOrdersByMerchant(Announcement announcement) {
    return jdbc
        .sql(coveredOrdersSql(announcement.appliesTo()))
        .params(coveredOrdersParams(announcement))
        .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2)))
        .list()
        .stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  static String coveredOrdersSql(List<Announcement.AppliesTo> appliesTo) {
    boolean receivingOnly = !appliesTo.contains(Announcement.AppliesTo.SHIP_FROM);
    return """
        select o.merchant_id, count(*)
          from orders o
         where o.promised_ship_at >= ? and o.promised_ship_at < ?
           and o.status <> 'CANCELLED'
        """
        + (receivingOnly ? "   and o.region_keys && ?::text[]\n" : "")
        + """
           and exists (select 1
                         from announcements_covering(o.promised_ship_at, o.region_keys,
                                                     o.ship_from_region) c
                        where c.announcement_id = ?)
         group by o.merchant_id
        """;
  }

  static List<Object> coveredOrdersParams(Announcement announcement) {
    List<Object> params = new ArrayList<>();
    params.add(Timestamp.from(announcement.promisedFrom()));
    params.add(Timestamp.from(announcement.promisedTo()));
    if (!announcement.appliesTo().contains(Announcement.AppliesTo.SHIP_FROM)) {
      params.add(announcement.regions().toArray(String[]::new));
    }
    params.add(announcement.id());
    return params;
  }

  /** The announcements, newest first. */
  @Transactional(readOnly = true)
  Page<Announcement> list(Paging paging) {
    long total = jdbc.sql("select count(*) from announcement").query(Long.class).single();
    List<Announcement> items =
        jdbc.sql(SELECT + " order by id desc limit ? offset ?")
            .params(paging.size(), paging.offset())
            .query((rs, n) -> row(rs))
            .list();
    return paging.page(items, total);
  }

  private static final String SELECT =
      """
      select id, title, regions, applies_receiving, applies_ship_from, promised_from, promised_to,
             created_by, created_at
        from announcement
      """;

  private static Announcement row(ResultSet rs) throws SQLException {
    List<Announcement.AppliesTo> appliesTo = new ArrayList<>();
    if (rs.getBoolean("applies_receiving")) {
      appliesTo.add(Announcement.AppliesTo.RECEIVING);
    }
    if (rs.getBoolean("applies_ship_from")) {
      appliesTo.add(Announcement.AppliesTo.SHIP_FROM);
    }
    Array codes = rs.getArray("regions");
    return new Announcement(
        rs.getLong("id"),
        rs.getString("title"),
        Arrays.asList((String[]) codes.getArray()),
        appliesTo,
        rs.getTimestamp("promised_from").toInstant(),
        rs.getTimestamp("promised_to").toInstant(),
        rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant(),
        null);
  }

  /** Refuses a malformed request (400), then an unknown region or an empty window (422). */
  private Set<Announcement.AppliesTo> validate(AnnouncementRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (request.title() == null || request.title().isBlank()) {
      errors.add(error("title", "请填写公告标题 title"));
    } else if (request.title().trim().length() > MAX_TITLE) {
      errors.add(error("title", "公告标题最多 " + MAX_TITLE + " 个字符"));
    }
    if (request.regions() == null || request.regions().isEmpty()) {
      errors.add(error("regions", "请至少选择一个地区 regions"));
    }
    Set<Announcement.AppliesTo> appliesTo = EnumSet.noneOf(Announcement.AppliesTo.class);
    if (request.appliesTo() == null || request.appliesTo().isEmpty()) {
      errors.add(error("appliesTo", "请选择公告适用的地址 appliesTo：RECEIVING、SHIP_FROM"));
    } else {
      for (String value : request.appliesTo()) {
        try {
          appliesTo.add(Announcement.AppliesTo.valueOf(String.valueOf(value)));
        } catch (IllegalArgumentException e) {
          errors.add(error("appliesTo", "appliesTo 只能取 RECEIVING、SHIP_FROM：" + value));
        }
      }
    }
    if (request.promisedFrom() == null) {
      errors.add(error("promisedFrom", "请填写承诺发货时间窗口的起点 promisedFrom"));
    }
    if (request.promisedTo() == null) {
      errors.add(error("promisedTo", "请填写承诺发货时间窗口的终点 promisedTo"));
    }
    if (!errors.isEmpty()) {
      throw new ApiException(ErrorCode.VALIDATION_FAILED, "公告内容校验未通过", errors);
    }
    regions.check().values("regions", request.regions()).orRefuse();
    if (!request.promisedFrom().isBefore(request.promisedTo())) {
      throw new ApiException(
          ErrorCode.INVALID_WINDOW,
          "承诺发货时间窗口无效：promisedFrom 须早于 promisedTo",
          List.of(error("promisedTo", "须晚于 promisedFrom")));
    }
    return appliesTo;
  }

  private static FieldError error(String field, String message) {
    return FieldError.of(field, message);
  }
}
