package io.microcosm.rules;

import io.microcosm.world.LootDrop;
import java.util.List;
import java.util.SplittableRandom;

/** What a creature leaves behind: each line of its table rolls on its own. */
public final class LootRules {

  private LootRules() {}

  public static Inventory roll(List<LootDrop> table, SplittableRandom rng) {
    Inventory loot = Inventory.EMPTY;
    for (LootDrop drop : table) {
      if (Dice.chance(rng, drop.percent())) {
        int units = drop.min() + rng.nextInt(drop.max() - drop.min() + 1);
        loot = loot.add(drop.item(), units);
      }
    }
    return loot;
  }
}
