package io.microcosm.npc;

import io.microcosm.entity.CborSerializable;
import java.util.ArrayList;
import java.util.List;

/**
 * An NPC's memories, oldest first, bounded: past {@code capacity} the memory least worth keeping is
 * forgotten (low importance and old go first; reflections and the newest quarter are kept longest).
 * Immutable.
 *
 * @param nextId the id the next memory gets
 * @param importanceSinceReflection summed importance of what was observed since the last reflection
 */
public record MemoryStream(List<Memory> memories, long nextId, int importanceSinceReflection, long forgotten)
    implements CborSerializable {

  public static final MemoryStream EMPTY = new MemoryStream(List.of(), 1, 0, 0);

  public MemoryStream {
    memories = List.copyOf(memories);
  }

  /** The stream with {@code m} numbered and added, and the least worth keeping forgotten if it is over capacity. */
  public MemoryStream add(Memory m, int capacity) {
    List<Memory> next = new ArrayList<>(memories.size() + 1);
    next.addAll(memories);
    next.add(m.numbered(nextId));
    int since = m.type() == MemoryType.REFLECTION ? importanceSinceReflection : importanceSinceReflection + m.importance();
    long dropped = forgotten;
    while (next.size() > capacity) {
      next.remove(leastWorthKeeping(next, m.tick()));
      dropped++;
    }
    return new MemoryStream(next, nextId + 1, since, dropped);
  }

  /** Adds the insights of a reflection and starts counting towards the next one. */
  public MemoryStream reflected(List<Memory> insights, int capacity) {
    MemoryStream s = this;
    for (Memory insight : insights) {
      s = s.add(insight, capacity);
    }
    return new MemoryStream(s.memories, s.nextId, 0, s.forgotten);
  }

  public List<Memory> ofType(MemoryType type) {
    return memories.stream().filter(m -> m.type() == type).toList();
  }

  /** How much a memory is worth keeping at {@code now}: importance, freshness, and whether it is an insight. */
  static double retention(Memory m, long now) {
    double fresh = Math.exp(-Math.max(0, now - m.tick()) / 2880.0);
    return m.importance() / 10.0 + fresh + (m.type() == MemoryType.REFLECTION ? 0.5 : 0);
  }

  private static int leastWorthKeeping(List<Memory> list, long now) {
    int protectedFrom = list.size() - Math.max(1, list.size() / 4);
    int worst = 0;
    double worstScore = Double.MAX_VALUE;
    for (int i = 0; i < protectedFrom; i++) {
      double r = retention(list.get(i), now);
      if (r < worstScore) {
        worstScore = r;
        worst = i;
      }
    }
    return worst;
  }
}
