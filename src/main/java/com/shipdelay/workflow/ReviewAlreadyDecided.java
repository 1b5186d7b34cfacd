package com.shipdelay.workflow;

import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * A review completion that lost the race: another reviewer completed the task (and decided the
 * report) while this completion was under way. An optimistic-locking failure, as the engine calls a
 * concurrent change: the transaction rolls back and {@code /engine-rest} answers 409 {@code
 * TASK_ALREADY_COMPLETED}.
 */
class ReviewAlreadyDecided extends OptimisticLockingException {
  ReviewAlreadyDecided(String message) {
    super(message);
  }
}
