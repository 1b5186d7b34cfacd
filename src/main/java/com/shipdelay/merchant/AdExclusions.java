package com.shipdelay.merchant;

import com.shipdelay.region.Regions;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ad-exclusion sets and their change feed. Template writes call {@link #lock} before they
 * change anything and {@link #recompute} after, in the same transaction.
 */
@Repository
class AdExclusions {

  /** pg_advisory_xact_lock key that orders change-feed inserts by commit. */
  private static final long FEED_LOCK = 0x5344_4144_4558_434CL; // "SDADEXCL"

  private final JdbcClient jdbc;

  AdExclusions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks the merchant's exclusion row (creating it at version 0), so that concurrent template
   * writes of one merchant take turns and none loses a version.
   */
  void lock(long merchantId) {
    jdbc.sql("insert into ad_exclusion (merchant_id) values (?) on conflict do nothing")
        .param(merchantId)
        .update();
    jdbc.sql("select merchant_id from ad_exclusion where merchant_id = ? for update")
        .param(merchantId)
        .query(Long.class)
        .single();
  }

  /**
   * Recomputes the set from the merchant's templates; when it differs from the stored one, bumps
   * the version and appends to the feed. The caller holds {@link #lock}.
   */
  void recompute(long merchantId) {
    List<String> union =
        jdbc.sql(
                """
                select distinct r
                  from freight_template t, unnest(t.non_delivery_regions) as r
                 where t.merchant_id = ?
                """)
            .param(merchantId)
            .query(String.class)
            .list();
    List<String> regions = Regions.reduce(union);
    if (regions.equals(current(merchantId).regions())) {
      return;
    }
    String[] array = regions.toArray(String[]::new);
    jdbc.sql(
            """
            update ad_exclusion set version = version + 1, regions = ?, updated_at = now()
             where merchant_id = ?
            """)
        .params(array, merchantId)
        .update();
    // Held until commit: feed rows are numbered in the order they become visible, so a reader
    // that has seen seq N never misses a smaller seq committed later.
    jdbc.sql("select pg_advisory_xact_lock(?)").param(FEED_LOCK).query().singleRow();
    jdbc.sql(
            """
            insert into ad_exclusion_change (merchant_id, version, regions, at)
            select merchant_id, version, regions, updated_at from ad_exclusion where merchant_id = ?
            """)
        .param(merchantId)
        .update();
  }

  AdExclusion current(long merchantId) {
    return jdbc.sql("select version, updated_at, regions from ad_exclusion where merchant_id = ?")
        .param(merchantId)
        .query(
            (rs, n) ->
                new AdExclusion(
                    merchantId,
                    rs.getLong(1),
                    rs.getTimestamp(2).toInstant(),
                    strings(rs.getArray(3))))
        .optional()
        .orElse(new AdExclusion(merchantId, 0, null, List.of()));
  }

  /** Feed entries after {@code sinceSeq}, oldest first. */
  List<AdExclusionChange> changesSince(long sinceSeq, int limit) {
    return jdbc.sql(
            """
            select seq, merchant_id, version, regions, at from ad_exclusion_change
             where seq > ? order by seq limit ?
            """)
        .params(sinceSeq, limit)
        .query(
            (rs, n) ->
                new AdExclusionChange(
                    rs.getLong(1),
                    rs.getLong(2),
                    rs.getLong(3),
                    strings(rs.getArray(4)),
                    rs.getTimestamp(5).toInstant()))
        .list();
  }

  static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
