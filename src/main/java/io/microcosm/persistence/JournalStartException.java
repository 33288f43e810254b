package io.microcosm.persistence;

/** The journal cannot be used; the node must not start. The message says why, for an operator. */
public final class JournalStartException extends RuntimeException {

  public JournalStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
