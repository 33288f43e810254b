package io.microcosm.entity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/**
 * The ids of the last N commands an entity applied, so a retried command is recognised and not
 * applied twice. Immutable: {@link #add} returns a new instance.
 *
 * <p>Kept as a flat ring of longs (two per id) rather than a set of UUID objects: it is copied on
 * every persisted event and written into every snapshot, and a flat array makes both cheap.
 */
public final class RecentCommands implements CborSerializable {

  private final long[] ring;
  private final int next;
  private final int count;

  @JsonCreator
  RecentCommands(@JsonProperty("ring") long[] ring, @JsonProperty("next") int next, @JsonProperty("count") int count) {
    if (ring.length == 0 || ring.length % 2 != 0) {
      throw new IllegalArgumentException("ring length must be a positive even number, was " + ring.length);
    }
    this.ring = ring;
    this.next = next;
    this.count = count;
  }

  public static RecentCommands withCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    return new RecentCommands(new long[capacity * 2], 0, 0);
  }

  @JsonIgnore
  public int capacity() {
    return ring.length / 2;
  }

  public int size() {
    return count;
  }

  public boolean contains(UUID commandId) {
    long msb = commandId.getMostSignificantBits();
    long lsb = commandId.getLeastSignificantBits();
    // newest first: a retry usually follows its original closely
    for (int i = 1; i <= count; i++) {
      int slot = Math.floorMod(next - i, capacity()) * 2;
      if (ring[slot] == msb && ring[slot + 1] == lsb) {
        return true;
      }
    }
    return false;
  }

  /** Remembers an id, forgetting the oldest one when full. Adding a remembered id changes nothing. */
  public RecentCommands add(UUID commandId) {
    if (contains(commandId)) {
      return this;
    }
    long[] copy = ring.clone();
    copy[next * 2] = commandId.getMostSignificantBits();
    copy[next * 2 + 1] = commandId.getLeastSignificantBits();
    return new RecentCommands(copy, (next + 1) % capacity(), Math.min(count + 1, capacity()));
  }

  /** The same ids in a ring of another size (newest kept), for when the configured window changes. */
  public RecentCommands resized(int capacity) {
    if (capacity == capacity()) {
      return this;
    }
    RecentCommands resized = withCapacity(capacity);
    for (int i = Math.min(count, capacity); i >= 1; i--) {
      int slot = Math.floorMod(next - i, capacity()) * 2;
      resized = resized.add(new UUID(ring[slot], ring[slot + 1]));
    }
    return resized;
  }

  /** Equal when both remember the same ids in the same order with the same capacity. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RecentCommands other) || other.capacity() != capacity() || other.count != count) {
      return false;
    }
    for (int i = 1; i <= count; i++) {
      int mine = Math.floorMod(next - i, capacity()) * 2;
      int theirs = Math.floorMod(other.next - i, capacity()) * 2;
      if (ring[mine] != other.ring[theirs] || ring[mine + 1] != other.ring[theirs + 1]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    long h = capacity();
    for (int i = 1; i <= count; i++) {
      int slot = Math.floorMod(next - i, capacity()) * 2;
      h = 31 * h + ring[slot] * 17 + ring[slot + 1];
    }
    return Long.hashCode(h);
  }
}
