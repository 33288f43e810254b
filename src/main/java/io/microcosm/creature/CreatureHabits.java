package io.microcosm.creature;

import com.typesafe.config.Config;

/**
 * How restless and how fierce creatures are, from {@code microcosm.creatures}.
 *
 * @param roamPercent the chance, each tick, that a creature wanders through an exit to another place
 *     of its zone (before the weather and world events change it)
 * @param attackPercent the chance, each tick, that an aggressive creature attacks a player in reach
 *     (before the weather changes it)
 */
public record CreatureHabits(int roamPercent, int attackPercent) {

  public static final CreatureHabits DEFAULT = new CreatureHabits(5, 50);

  public CreatureHabits {
    if (roamPercent < 0 || roamPercent > 100) {
      throw new IllegalArgumentException("microcosm.creatures.roam-percent must be 0..100, was " + roamPercent);
    }
    if (attackPercent < 0 || attackPercent > 100) {
      throw new IllegalArgumentException("microcosm.creatures.attack-percent must be 0..100, was " + attackPercent);
    }
  }

  public static CreatureHabits fromConfig(Config config) {
    Config c = config.getConfig("microcosm.creatures");
    return new CreatureHabits(c.getInt("roam-percent"), c.getInt("attack-percent"));
  }
}
