package io.microcosm.npc;

import io.microcosm.entity.CborSerializable;
import java.util.List;

/**
 * One entry of an NPC's memory stream.
 *
 * @param id numbered in order within one NPC's stream
 * @param tick when it happened
 * @param importance 1 (mundane) to 10 (life-changing), from {@link Importance}
 * @param text what happened, in the NPC's words (matched against questions for relevance)
 * @param about ids of the characters and places it concerns
 * @param valence how it felt: -1 bad, 0 neither, 1 good
 * @param evidence for a reflection, the ids of the memories it was drawn from; otherwise empty
 */
public record Memory(
    long id, long tick, MemoryType type, int importance, String text, List<String> about, int valence,
    List<Long> evidence) implements CborSerializable {

  public Memory {
    if (importance < 1 || importance > 10) {
      throw new IllegalArgumentException("importance is 1 to 10, was " + importance);
    }
    about = List.copyOf(about);
    evidence = List.copyOf(evidence);
  }

  /** A memory not yet numbered; {@link MemoryStream#add} gives it its id. */
  public static Memory of(long tick, MemoryType type, int importance, String text, List<String> about, int valence) {
    return new Memory(0, tick, type, importance, text, about, valence, List.of());
  }

  Memory numbered(long id) {
    return new Memory(id, tick, type, importance, text, about, valence, evidence);
  }
}
