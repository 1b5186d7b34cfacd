package com.shipdelay.web;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A dependency that is down (the database, the object store) is not the client's fault and not a
 * bug: the request answers 503 with a stable code and a {@code Retry-After}, nothing is saved, and
 * the same request succeeds once the dependency is back. Logged as one WARN line, no stack trace.
 */
public final class Outages {

  /** Seconds a client should wait before retrying ({@code Retry-After}). */
  public static final int RETRY_AFTER_SECONDS = 30;

  public static final String DATABASE_MESSAGE = "数据库暂时不可用，本次请求未保存任何内容，请稍后重试";

  private Outages() {}

  /**
   * Whether {@code e} means the database could not be reached or dropped the connection: Spring's
   * resource-failure and transient exceptions, a transaction that could not begin, and (in the
   * engine's wrapped persistence exceptions) a JDBC connection failure, SQLState class 08
   * (connection), 53 (insufficient resources) or 57 (operator intervention: shutdown, restart).
   */
  public static boolean database(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof DataAccessResourceFailureException
          || t instanceof CannotCreateTransactionException
          || t instanceof TransientDataAccessException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      // the pool's stand-in for a connection that broke under this request (HikariCP gives it no
      // SQLState): the engine meets it when it flushes after the database dropped the connection
      if (t instanceof SQLException sql
          && sql.getSQLState() == null
          && "Connection is closed".equals(sql.getMessage())) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code e} is a refused value in SQL (SQLState class 22: NUL byte, date out of range).
   */
  public static boolean invalidData(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("22")) {
        return true;
      }
    }
    return false;
  }

  static ApiException databaseUnavailable() {
    return new ApiException(ErrorCode.DATABASE_UNAVAILABLE, DATABASE_MESSAGE);
  }

  /** The object store (S3) could not be reached or failed; {@code what} says what was not done. */
  public static ApiException storageUnavailable(String what) {
    return new ApiException(ErrorCode.STORAGE_UNAVAILABLE, "凭证存储暂时不可用，" + what + "，请稍后重试");
  }

  /** One line for the log: the exception types and messages of the chain, no stack trace. */
  public static String summary(Throwable e) {
    StringBuilder line = new StringBuilder();
    int depth = 0;
    for (Throwable t = e; t != null && depth < 4; t = t.getCause(), depth++) {
      line.append(depth == 0 ? "" : " <- ").append(t);
    }
    return line.toString();
  }
}
