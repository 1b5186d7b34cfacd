package com.shipdelay.order;

import com.shipdelay.region.AddressParser;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Recomputes the stored orders' receiving region, address regions and dual-address flag with this
 * node's parser and dictionary ({@link AddressParser#version()}), without touching the addresses.
 * It walks the orders by order id in batches of {@value #BATCH}, each batch one transaction that
 * writes only the rows whose regions change and records how far it got in {@code
 * address_regions_state}: memory stays one batch, and a run stopped halfway resumes there. One run
 * at a time per database (a session advisory lock).
 */
@Service
class RegionRecompute {

  static final int BATCH = 2_000;

  /** Any constant; the advisory lock is per database. */
  private static final long LOCK = 0x5D_2026_0012L;

  private static final Logger log = LoggerFactory.getLogger(RegionRecompute.class);
  private static final Logger audit = LoggerFactory.getLogger("shipdelay.audit");

  private final JdbcClient jdbc;
  private final DataSource dataSource;
  private final TransactionTemplate transactions;
  private final AddressParser parser;

  RegionRecompute(
      JdbcClient jdbc,
      DataSource dataSource,
      TransactionTemplate transactions,
      AddressParser parser) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
    this.transactions = transactions;
    this.parser = parser;
  }

  /** A finished run: the version it computed with, orders read and orders changed. */
  record Result(String version, long checked, long changed, long millis) {}

  /** What {@code address_regions_state} says, beside this node's version. */
  record State(
      String currentVersion,
      String computedVersion,
      boolean needed,
      String runningVersion,
      long checked,
      long changed,
      Instant startedAt,
      Instant finishedAt) {}

  public State state() {
    return jdbc.sql("select * from address_regions_state")
        .query(
            (rs, n) ->
                new State(
                    parser.version(),
                    rs.getString("computed_version"),
                    !parser.version().equals(rs.getString("computed_version")),
                    rs.getString("running_version"),
                    rs.getLong("checked"),
                    rs.getLong("changed"),
                    instant(rs.getTimestamp("started_at")),
                    instant(rs.getTimestamp("finished_at"))))
        .single();
  }

  /** Whether the stored regions were computed by another parser or dictionary than this one. */
  boolean needed() {
    return state().needed();
  }

  /**
   * Recomputes every order. {@code resume}: continue a stopped run of this same version instead of
   * starting over. Empty when another run holds the lock.
   */
  public Optional<Result> run(boolean resume, String by) {
    try (Connection lock = dataSource.getConnection()) {
      if (!tryLock(lock)) {
        return Optional.empty();
      }
      try {
        Result result = runLocked(resume);
        audit.info(
            "action=RECOMPUTE_REGIONS user={} version=\"{}\" checked={} changed={}",
            by,
            result.version(),
            result.checked(),
            result.changed());
        return Optional.of(result);
      } finally {
        try (Statement s = lock.createStatement()) {
          s.execute("select pg_advisory_unlock(" + LOCK + ")");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("recompute of the address regions failed", e);
    }
  }

  private static boolean tryLock(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("select pg_try_advisory_lock(" + LOCK + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private Result runLocked(boolean resume) {
    long started = System.nanoTime();
    String version = parser.version();
    State before = state();
    String cursor = "";
    if (resume && version.equals(before.runningVersion())) {
      cursor =
          jdbc.sql("select coalesce(cursor, '') from address_regions_state")
              .query(String.class)
              .single();
      log.info("resuming the address-region recompute after order {}", cursor);
    } else {
      jdbc.sql(
              """
              update address_regions_state
                 set running_version = ?, cursor = null, checked = 0, changed = 0,
                     started_at = now(), finished_at = null
              """)
          .param(version)
          .update();
    }
    while (cursor != null) {
      String from = cursor;
      cursor = transactions.execute(tx -> batch(from, version));
    }
    State after =
        transactions.execute(
            tx -> {
              jdbc.sql(
                      """
                      update address_regions_state
                         set computed_version = running_version, running_version = null,
                             cursor = null, finished_at = now()
                      """)
                  .update();
              return state();
            });
    return new Result(
        version, after.checked(), after.changed(), (System.nanoTime() - started) / 1_000_000);
  }

  private record Row(
      String orderId,
      String address,
      String region,
      Boolean given,
      List<String> regions,
      boolean dual) {}

  /** One batch after {@code from}; answers the next cursor, or null after the last batch. */
  private String batch(String from, String version) {
    List<Row> rows =
        jdbc.sql(
                """
                select order_id, receiving_address, receiving_region, receiving_region_given,
                       address_regions, dual_address
                  from orders
                 where order_id > ?
                 order by order_id
                 limit ?
                """)
            .params(from, BATCH)
            .query(
                (rs, n) ->
                    new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        (Boolean) rs.getObject(4),
                        Arrays.asList((String[]) rs.getArray(5).getArray()),
                        rs.getBoolean(6)))
            .list();
    List<Row> stale = new ArrayList<>();
    List<AddressRegions> fresh = new ArrayList<>();
    for (Row row : rows) {
      AddressRegions now = recompute(row);
      if (!Objects.equals(now.receivingRegion(), row.region())
          || !now.regions().equals(row.regions())
          || now.dual() != row.dual()
          || !Objects.equals(now.given(), row.given())) {
        stale.add(row);
        fresh.add(now);
      }
    }
    int changed = stale.isEmpty() ? 0 : write(stale, fresh);
    String next = rows.size() < BATCH ? null : rows.get(rows.size() - 1).orderId();
    jdbc.sql(
            """
            update address_regions_state
               set cursor = ?, checked = checked + ?, changed = changed + ?
             where running_version = ?
            """)
        .params(next, rows.size(), changed, version)
        .update();
    return next;
  }

  /**
   * A region the platform sent stays the receiving region; one the parser derived is derived again;
   * one stored before V7 recorded which goes by {@link AddressRegions#legacy}.
   */
  private AddressRegions recompute(Row row) {
    AddressParser.ParsedAddress parsed = parser.parse(row.address());
    if (row.given() == null) {
      return AddressRegions.legacy(parsed, row.region());
    }
    return AddressRegions.of(parsed, row.given() ? row.region() : null);
  }

  /**
   * Writes the new regions, set-based. A row whose address or region changed since it was read (a
   * sync in between) is left alone: the sync computed it with this parser already.
   */
  private int write(List<Row> rows, List<AddressRegions> fresh) {
    int n = rows.size();
    String[] ids = new String[n];
    String[] addresses = new String[n];
    String[] oldRegions = new String[n];
    String[] regions = new String[n];
    String[] lists = new String[n];
    Boolean[] duals = new Boolean[n];
    Boolean[] given = new Boolean[n];
    for (int i = 0; i < n; i++) {
      ids[i] = rows.get(i).orderId();
      addresses[i] = rows.get(i).address();
      oldRegions[i] = rows.get(i).region();
      regions[i] = fresh.get(i).receivingRegion();
      lists[i] = String.join(",", fresh.get(i).regions());
      duals[i] = fresh.get(i).dual();
      given[i] = fresh.get(i).given();
    }
    return jdbc.sql(
            """
            update orders o
               set receiving_region = u.receiving_region,
                   address_regions = string_to_array(u.address_regions, ','),
                   dual_address = u.dual_address,
                   receiving_region_given = u.given
              from unnest(?::varchar[], ?::text[], ?::varchar[], ?::varchar[], ?::text[],
                          ?::boolean[], ?::boolean[])
                   as u(order_id, receiving_address, old_region, receiving_region,
                        address_regions, dual_address, given)
             where o.order_id = u.order_id
               and o.receiving_address = u.receiving_address
               and o.receiving_region is not distinct from u.old_region
            """)
        .params(ids, addresses, oldRegions, regions, lists, duals, given)
        .update();
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
