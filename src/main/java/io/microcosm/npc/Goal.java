package io.microcosm.npc;

import io.microcosm.entity.CborSerializable;

/**
 * Something an NPC wants beyond its routine; an unmet one it asks players for help with (an
 * emergent quest: "bring me 3 bread").
 *
 * @param id unique within the NPC
 * @param item what it wants
 * @param quantity how many it still wants
 * @param since the tick it set the goal
 * @param reason why, in its words
 */
public record Goal(String id, String item, int quantity, long since, String reason) implements CborSerializable {

  public Goal less(int received) {
    return new Goal(id, item, Math.max(0, quantity - received), since, reason);
  }
}
