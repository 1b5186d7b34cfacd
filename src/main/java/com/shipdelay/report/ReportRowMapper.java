package com.shipdelay.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shipdelay.validation.ReportType;
import com.shipdelay.validation.TypePolicy;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;

/** Reads a {@link Reports.Row} from the columns of {@code Reports.SELECT}. */
final class ReportRowMapper implements RowMapper<Reports.Row> {

  private final ObjectMapper json;

  ReportRowMapper(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public Reports.Row mapRow(ResultSet rs, int n) throws SQLException {
    return row(rs);
  }

  private Reports.Row row(ResultSet rs) throws SQLException {
    return new Reports.Row(
        rs.getLong("id"),
        rs.getLong("merchant_id"),
        ReportType.valueOf(rs.getString("type")),
        ReportStatus.valueOf(rs.getString("status")),
        instant(rs, "delay_until"),
        rs.getString("reason"),
        rs.getString("remark"),
        strings(rs.getArray("affected_regions")),
        rs.getString("excluded_orders"),
        rs.getString("decision"),
        rs.getString("decision_comment"),
        instant(rs, "created_at"),
        instant(rs, "review_due_at"),
        instant(rs, "decided_at"),
        rs.getInt("order_count"),
        instant(rs, "evidence_requested_at"),
        rs.getString("evidence_request_note"),
        instant(rs, "evidence_due_at"),
        typeRules(rs.getString("type_rules")));
  }

  private TypePolicy typeRules(String text) {
    try {
      return text == null ? null : json.readValue(text, TypePolicy.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("type_rules " + text, e);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
