package io.microcosm.replay;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A point in an entity's history: the state "at" it has every event up to and including the last
 * one at or before it.
 */
public sealed interface ReplayPoint {

  boolean includes(JournalEvent event);

  /** After the event with this Lamport clock value. */
  record AtLamport(long lamport) implements ReplayPoint {
    @Override
    public boolean includes(JournalEvent e) {
      return e.lamport() <= lamport;
    }
  }

  /** At the end of this world tick (the event's own tick, or the tick of its write time). */
  record AtTick(long tick) implements ReplayPoint {
    @Override
    public boolean includes(JournalEvent e) {
      return e.tick() <= tick;
    }
  }

  /** At this instant, by the time each event was written. */
  record AtTime(Instant time) implements ReplayPoint {
    @Override
    public boolean includes(JournalEvent e) {
      return e.timestamp() <= time.toEpochMilli();
    }
  }

  /** After the entity's {@code seqNr}-th event. */
  record AtSeq(long seqNr) implements ReplayPoint {
    @Override
    public boolean includes(JournalEvent e) {
      return e.seqNr() <= seqNr;
    }
  }

  /** After its latest event. */
  record Latest() implements ReplayPoint {
    @Override
    public boolean includes(JournalEvent e) {
      return true;
    }
  }

  String FORMS = "a Lamport clock value (42 or lamport:42), tick:N, seq:N, or an ISO-8601 instant "
      + "(2026-03-01T12:00:00Z)";

  /** @throws IllegalArgumentException naming the allowed forms */
  static ReplayPoint parse(String text) {
    String t = text.trim();
    try {
      if (t.startsWith("lamport:")) {
        return new AtLamport(nonNegative(t.substring(8)));
      } else if (t.startsWith("tick:")) {
        return new AtTick(Long.parseLong(t.substring(5)));
      } else if (t.startsWith("seq:")) {
        return new AtSeq(nonNegative(t.substring(4)));
      } else if (t.matches("\\d+")) {
        return new AtLamport(Long.parseLong(t));
      } else if (t.contains("T")) {
        return new AtTime(Instant.parse(t));
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("--at '" + text + "' is not " + FORMS + ": " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("--at '" + text + "' is not " + FORMS);
  }

  private static long nonNegative(String digits) {
    long value = Long.parseLong(digits);
    if (value < 0) {
      throw new NumberFormatException("must be >= 0, was " + value);
    }
    return value;
  }
}
