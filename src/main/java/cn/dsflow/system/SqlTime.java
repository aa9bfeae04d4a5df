package cn.dsflow.system;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Null-safe conversion between {@link Instant} and JDBC timestamps (columns are {@code timestamptz}). */
public final class SqlTime {

  private SqlTime() {}

  public static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  public static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
