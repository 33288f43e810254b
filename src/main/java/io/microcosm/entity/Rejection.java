package io.microcosm.entity;

import java.util.Objects;

/**
 * Why a command was refused: a stable machine code for clients and analysis, and one sentence a
 * player can read. A rejected command changed nothing.
 */
public record Rejection(Code code, String message) implements CborSerializable {

  public Rejection {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  public static Rejection of(Code code, String message) {
    return new Rejection(code, message);
  }

  /** Machine codes. Append new ones; never rename or reuse one, journals and clients keep them. */
  public enum Code {
    /** The player has not entered the world yet. */
    NOT_IN_WORLD,
    /** The actor is not at the place the command concerns. */
    NOT_HERE,
    UNKNOWN_DIRECTION,
    NO_EXIT,
    EXIT_BLOCKED,
    EXIT_LOCKED,
    UNKNOWN_ITEM,
    ITEM_NOT_HERE,
    ITEM_NOT_CARRIED,
    INVALID_QUANTITY,
    OVERWEIGHT,
    NO_FREE_SLOT,
    STACK_LIMIT,
    NOT_ENOUGH_STAMINA,
    /** Someone else got there first. */
    CONFLICT,
    /** Another entity did not answer in time; the command may be retried with the same commandId. */
    UNAVAILABLE
  }
}
