package io.microcosm.location;

import io.microcosm.entity.CommandMeta;

/**
 * The NPCs present at a location, told what happens there: what the location publishes on its topic
 * and what is said aloud. Players follow a location through its topic; NPCs, of which there may be
 * thousands, are told directly by their location instead, one local message each in the zone's
 * shard, so no NPC subscribes to anything. Their ids contain {@code ".npc."}.
 */
public interface Onlookers {

  Onlookers NONE = new Onlookers() {
    @Override
    public void saw(String npc, CommandMeta meta, LocationEntity.Broadcast broadcast) {}

    @Override
    public void heard(String npc, CommandMeta meta, String location, String speaker, String text) {}
  };

  /** NPC {@code npc} was present when the location published {@code broadcast}. Must not block. */
  void saw(String npc, CommandMeta meta, LocationEntity.Broadcast broadcast);

  /** NPC {@code npc} heard {@code speaker} say {@code text} at {@code location}. Must not block. */
  void heard(String npc, CommandMeta meta, String location, String speaker, String text);

  /** Whether an occupant is an NPC (world entities other than NPCs are not occupants). */
  static boolean isNpc(String occupant) {
    return occupant.contains(".npc.");
  }
}
