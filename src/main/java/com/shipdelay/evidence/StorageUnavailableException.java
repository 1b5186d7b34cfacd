package com.shipdelay.evidence;

/**
 * The object store did not answer (refused connection, timeout, a 5xx). Never a judgement on the
 * evidence: inside the engine it fails the job so that it is retried; at the API it is a 503.
 */
public class StorageUnavailableException extends RuntimeException {

  public StorageUnavailableException(String what, Throwable cause) {
    super("object store unavailable during " + what, cause);
  }
}
