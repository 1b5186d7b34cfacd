package com.shipdelay.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.shipdelay.web.Outages;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.ProcessEnginePersistenceException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * How the engine REST API's mappers (and {@link Outages}, which the MVC side shares) answer the
 * real exception types of a database outage, a lost completion race and a refused variable, without
 * taking the database away.
 */
class EngineRestMappingTest {

  private static final SQLTransientConnectionException NO_CONNECTION =
      new SQLTransientConnectionException(
          "embedded-postgres - Connection is not available, request timed out after 5000ms.");

  /** What the engine throws when its persistence session cannot reach the database. */
  private static ProcessEngineException enginePersistence(Throwable cause) {
    return new ProcessEnginePersistenceException(
        "An exception occurred in the persistence layer.", new PersistenceException(cause));
  }

  @Test
  void aDatabaseOutageIs503WithRetryAfterWhereverItSurfaces() {
    List<Throwable> outages =
        List.of(
            new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", NO_CONNECTION),
            new CannotCreateTransactionException("Could not open JDBC Connection", NO_CONNECTION),
            new DataAccessResourceFailureException("I/O error", new SQLException("I/O", "08006")),
            new QueryTimeoutException("timed out"),
            enginePersistence(NO_CONNECTION),
            enginePersistence(new SQLException("terminating connection", "57P01")),
            new RestException(
                Response.Status.INTERNAL_SERVER_ERROR,
                enginePersistence(new SQLException("connection refused", "08001")),
                "Cannot complete task"));
    for (Throwable outage : outages) {
      assertThat(Outages.database(outage)).as(outage.toString()).isTrue();
      Response response = EngineRestConfig.known(outage).orElseThrow();
      assertThat(response.getStatus()).isEqualTo(503);
      assertThat(response.getHeaderString("Retry-After")).isEqualTo("30");
      assertThat(body(response)).containsEntry("code", "DATABASE_UNAVAILABLE");
    }
    for (Throwable notAnOutage :
        List.of(
            new DataIntegrityViolationException("duplicate", new SQLException("dup", "23505")),
            new IllegalStateException("bug"),
            enginePersistence(new SQLException("bad", "42601")))) {
      assertThat(Outages.database(notAnOutage)).as(notAnOutage.toString()).isFalse();
    }
  }

  @Test
  void aLostCompletionRaceIs409TaskAlreadyCompleted() {
    var gone = new NullValueException("Cannot find task with id 42: task is null");
    var decided =
        new ProcessEngineException(
            "Exception while invoking TaskListener",
            new ReviewAlreadyDecided("报备 1 当前状态为 APPROVED"));
    for (Throwable lost :
        List.of(
            gone,
            new RestException(Response.Status.INTERNAL_SERVER_ERROR, gone, "Cannot complete task"),
            new RestException(Response.Status.INTERNAL_SERVER_ERROR, decided, "Cannot complete"))) {
      Response response = EngineRestConfig.known(lost).orElseThrow();
      assertThat(response.getStatus()).isEqualTo(409);
      assertThat(body(response)).containsEntry("code", "TASK_ALREADY_COMPLETED");
    }
    Response other = EngineRestConfig.known(new OptimisticLockingException("rev")).orElseThrow();
    assertThat(other.getStatus()).isEqualTo(409);
    assertThat(body(other)).containsEntry("code", "CONCURRENT_UPDATE");
  }

  @Test
  void aSerializedJavaObjectOrANulByteIs400() {
    Response serialized =
        EngineRestConfig.known(
                new RestException(
                    Response.Status.INTERNAL_SERVER_ERROR,
                    new ProcessEngineException(
                        "ENGINE-17007 Cannot set variable with name x. Java serialization format is"
                            + " prohibited"),
                    "Cannot put process instance variable x"))
            .orElseThrow();
    assertThat(serialized.getStatus()).isEqualTo(400);
    assertThat(body(serialized)).containsEntry("code", "SERIALIZED_OBJECT_REFUSED");

    Response nul =
        EngineRestConfig.known(
                new ProcessEngineException(
                    "TaskListener",
                    new DataIntegrityViolationException(
                        "insert", new SQLException("invalid byte sequence", "22021"))))
            .orElseThrow();
    assertThat(nul.getStatus()).isEqualTo(400);
    assertThat(body(nul)).containsEntry("code", "INVALID_DATA");

    assertThat(EngineRestConfig.known(new ProcessEngineException("something else"))).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Response response) {
    Map<String, Object> body = (Map<String, Object>) response.getEntity();
    assertThat(body.toString()).doesNotContain("java.", "Exception", "org.");
    assertThat((String) body.get("message")).matches(".*\\p{IsHan}.*");
    return body;
  }
}
