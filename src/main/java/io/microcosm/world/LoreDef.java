package io.microcosm.world;

import java.util.List;

/**
 * Something NPCs can tell about when asked.
 *
 * @param keywords the words a question must touch to be about this
 * @param knownBy NPC ids and faction ids whose members know it; empty: everybody
 */
public record LoreDef(String id, String title, List<String> keywords, String text, List<String> knownBy) {

  public LoreDef {
    keywords = List.copyOf(keywords);
    knownBy = List.copyOf(knownBy);
  }

  public boolean knownTo(NpcDef npc) {
    return knownBy.isEmpty() || knownBy.contains(npc.id()) || (npc.faction() != null && knownBy.contains(npc.faction()));
  }
}
