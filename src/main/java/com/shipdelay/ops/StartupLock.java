package com.shipdelay.ops;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * One node at a time through the start-up steps that write shared set-up (the engine's tables on an
 * empty database, users, grants and filters): a PostgreSQL session-level advisory lock, held on a
 * connection of its own. Nodes started together wait for each other instead of colliding.
 */
@Component
public class StartupLock {

  /** Any constant; the advisory lock is per database. */
  private static final long KEY = 0x5D_2026_0001L;

  private final DataSource dataSource;

  StartupLock(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Takes the lock; close the answer to release it. */
  public AutoCloseable acquire() {
    try {
      Connection connection = dataSource.getConnection();
      try (Statement statement = connection.createStatement()) {
        statement.execute("select pg_advisory_lock(" + KEY + ")");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return () -> {
        try (connection;
            Statement statement = connection.createStatement()) {
          statement.execute("select pg_advisory_unlock(" + KEY + ")");
        }
      };
    } catch (SQLException e) {
      throw new IllegalStateException("cannot take the start-up lock", e);
    }
  }

  /** Runs {@code steps} holding the lock. */
  public void exclusively(Runnable steps) {
    AutoCloseable lock = acquire();
    try {
      steps.run();
    } finally {
      try {
        lock.close();
      } catch (Exception e) {
        // closing the connection releases a session lock anyway
      }
    }
  }
}
