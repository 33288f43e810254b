package io.microcosm.world;

import java.util.List;

/**
 * A kind of creature.
 *
 * @param exp experience granted to whoever kills one
 * @param respawnTicks ticks from death until it appears again at its home
 * @param onHit an effect its hits may apply (poison, bleeding), or null
 * @param onHitPercent the chance, in percent, that a hit applies {@code onHit}
 */
public record CreatureKindDef(
    String id, String name, List<String> aliases, String description, int level, int hp, int attack, int defense,
    Aggression aggression, int exp, List<LootDrop> loot, int respawnTicks, EffectGrant onHit, int onHitPercent) {

  public CreatureKindDef {
    aliases = List.copyOf(aliases);
    loot = List.copyOf(loot);
  }
}
