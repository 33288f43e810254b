package io.microcosm.replay;

import java.time.Instant;
import java.util.UUID;

/**
 * One event as read back from the journal, with what every Microcosm event carries pulled out.
 *
 * @param persistenceId {@code Kind|id}, e.g. {@code Location|vale.square}
 * @param kind the part before {@code |}, the entity's type name ({@code Location})
 * @param entityId the part after it ({@code vale.square})
 * @param seqNr the event's position in its entity's journal, from 1
 * @param timestamp when it was written, epoch milliseconds
 * @param lamport the entity's Lamport clock when it happened (-1 if the event has none)
 * @param commandId the command that caused it (null if the event has none)
 * @param tick the world tick it happened at: the event's own, or the tick of its write time when it
 *     records none ({@link #tickFromWriteTime})
 * @param tickFromWriteTime whether {@code tick} was derived from the write time
 * @param event the event itself, deserialized (migrated to its current shape)
 */
public record JournalEvent(
    String persistenceId, String kind, String entityId, long seqNr, long timestamp, long lamport, UUID commandId,
    long tick, boolean tickFromWriteTime, Object event) {

  public String type() {
    return event.getClass().getSimpleName();
  }

  public Instant writtenAt() {
    return Instant.ofEpochMilli(timestamp);
  }

  /** Splits a persistence id into kind and entity id; ids without {@code |} have an empty kind. */
  static String[] split(String persistenceId) {
    int bar = persistenceId.indexOf('|');
    return bar < 0
        ? new String[] {"", persistenceId}
        : new String[] {persistenceId.substring(0, bar), persistenceId.substring(bar + 1)};
  }
}
