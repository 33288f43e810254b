package io.microcosm.entity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.UUID;

/**
 * The ids of the last N commands an entity applied, so a retried command is recognised and not
 * applied twice. Immutable: {@link #add} returns a new instance.
 *
 * <p>A ring of longs (two per id) cut into chunks of {@value #CHUNK} ids: an entity's state takes a
 * new instance with every persisted event, and copying only the chunk written to (and the short
 * array of chunks) costs about 600 bytes where copying the whole ring cost 16 KB at the default
 * window of 1000. It is written as one flat ring, so snapshots keep their shape.
 */
public final class RecentCommands implements CborSerializable {

  /** Ids per chunk. */
  static final int CHUNK = 32;

  @JsonIgnore
  private final long[][] chunks;
  @JsonIgnore
  private final int capacity;
  private final int next;
  private final int count;

  @JsonCreator
  RecentCommands(@JsonProperty("ring") long[] ring, @JsonProperty("next") int next, @JsonProperty("count") int count) {
    this(chunked(ring), ring.length / 2, next, count);
  }

  private RecentCommands(long[][] chunks, int capacity, int next, int count) {
    this.chunks = chunks;
    this.capacity = capacity;
    this.next = next;
    this.count = count;
  }

  private static long[][] chunked(long[] ring) {
    if (ring.length == 0 || ring.length % 2 != 0) {
      throw new IllegalArgumentException("ring length must be a positive even number, was " + ring.length);
    }
    int ids = ring.length / 2;
    long[][] chunks = new long[(ids + CHUNK - 1) / CHUNK][];
    for (int c = 0; c < chunks.length; c++) {
      int from = c * CHUNK * 2;
      chunks[c] = java.util.Arrays.copyOfRange(ring, from, Math.min(ring.length, from + CHUNK * 2));
    }
    return chunks;
  }

  /** The ring as one flat array of (most, least significant bits) pairs, as it is written. */
  @JsonProperty("ring")
  long[] ring() {
    long[] ring = new long[capacity * 2];
    for (int c = 0; c < chunks.length; c++) {
      System.arraycopy(chunks[c], 0, ring, c * CHUNK * 2, chunks[c].length);
    }
    return ring;
  }

  public static RecentCommands withCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    return new RecentCommands(new long[capacity * 2], 0, 0);
  }

  @JsonIgnore
  public int capacity() {
    return capacity;
  }

  public int size() {
    return count;
  }

  private long msb(int id) {
    return chunks[id / CHUNK][(id % CHUNK) * 2];
  }

  private long lsb(int id) {
    return chunks[id / CHUNK][(id % CHUNK) * 2 + 1];
  }

  public boolean contains(UUID commandId) {
    long msb = commandId.getMostSignificantBits();
    long lsb = commandId.getLeastSignificantBits();
    // newest first: a retry usually follows its original closely
    for (int i = 1; i <= count; i++) {
      int id = Math.floorMod(next - i, capacity);
      if (msb(id) == msb && lsb(id) == lsb) {
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
    long[][] copy = chunks.clone();
    long[] chunk = copy[next / CHUNK].clone();
    chunk[(next % CHUNK) * 2] = commandId.getMostSignificantBits();
    chunk[(next % CHUNK) * 2 + 1] = commandId.getLeastSignificantBits();
    copy[next / CHUNK] = chunk;
    return new RecentCommands(copy, capacity, (next + 1) % capacity, Math.min(count + 1, capacity));
  }

  /** The same ids in a ring of another size (newest kept), for when the configured window changes. */
  public RecentCommands resized(int capacity) {
    if (capacity == capacity()) {
      return this;
    }
    RecentCommands resized = withCapacity(capacity);
    for (int i = Math.min(count, capacity); i >= 1; i--) {
      int id = Math.floorMod(next - i, capacity());
      resized = resized.add(new UUID(msb(id), lsb(id)));
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
      int mine = Math.floorMod(next - i, capacity);
      int theirs = Math.floorMod(other.next - i, capacity);
      if (msb(mine) != other.msb(theirs) || lsb(mine) != other.lsb(theirs)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    long h = capacity();
    for (int i = 1; i <= count; i++) {
      int id = Math.floorMod(next - i, capacity);
      h = 31 * h + msb(id) * 17 + lsb(id);
    }
    return Long.hashCode(h);
  }
}
