package io.microcosm.gateway;

/** A request the API refuses: the HTTP status and one sentence saying why. */
public final class ApiProblem extends RuntimeException {

  private final int status;

  public ApiProblem(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
