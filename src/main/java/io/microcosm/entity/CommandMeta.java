package io.microcosm.entity;

import java.util.Objects;
import java.util.UUID;

/**
 * Carried by every capability command.
 *
 * @param commandId identifies one intended change; a retry reuses it, so receivers can recognise
 *     a command they already applied and answer it again without changing anything twice
 * @param originator who asked (a player name, an NPC id, an operator), for logs and analysis
 * @param lamport the sender's Lamport clock when it sent the command
 */
public record CommandMeta(UUID commandId, String originator, long lamport) implements CborSerializable {

  public CommandMeta {
    Objects.requireNonNull(commandId, "commandId");
    Objects.requireNonNull(originator, "originator");
    if (lamport < 0) {
      throw new IllegalArgumentException("lamport must be >= 0, was " + lamport);
    }
  }

  /** A new command from outside the world (a client, a test), which knows no clock yet. */
  public static CommandMeta fresh(String originator) {
    return new CommandMeta(UUID.randomUUID(), originator, 0);
  }

  /**
   * The id of a step that {@code commandId} causes, such as each item of a loot drop: the same
   * command always derives the same ids, so a repeated step is recognised as one.
   */
  public static UUID derived(UUID commandId, String step) {
    return UUID.nameUUIDFromBytes((commandId + "/" + step).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The same command passed on by an entity, stamped with that entity's clock. */
  public CommandMeta relayedAt(long clock) {
    return new CommandMeta(commandId, originator, clock);
  }
}
