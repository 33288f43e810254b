package io.microcosm.replay;

/** The replay cannot do what was asked; the message says why, for the person at the terminal. */
public final class ReplayException extends RuntimeException {

  public ReplayException(String message) {
    super(message);
  }

  public ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}
