package io.microcosm.entity;

/**
 * Lamport clock arithmetic. Every entity keeps a clock in its state; on receiving a command it
 * moves to {@code max(local, received) + 1} and stamps the events it persists with that value, so
 * an effect always carries a higher clock than its cause, across entities and nodes.
 */
public final class Lamport {

  private Lamport() {}

  public static long receive(long local, long received) {
    return Math.max(local, received) + 1;
  }
}
