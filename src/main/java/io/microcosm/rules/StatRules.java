package io.microcosm.rules;

import io.microcosm.world.PlayerDefaults;
import io.microcosm.world.StatBonus;

/**
 * Derived statistics. Each level adds 10 HP, 5 MP and 4 SP to the maxima, 1 kg of carrying, one
 * point of attack and of gathering, and a point of defense every two levels; equipment and effects
 * add their bonuses on top. Maxima never fall below 1, the others never below 0.
 */
public final class StatRules {

  public static final int BASE_ATTACK = 2;
  public static final int BASE_CRIT_PERCENT = 5;
  public static final int MAX_CRIT_PERCENT = 50;

  private StatRules() {}

  public static Stats derive(PlayerDefaults base, int level, StatBonus bonus) {
    int gained = level - 1;
    return new Stats(
        level,
        Math.max(1, base.hp() + 10 * gained + bonus.hpMax()),
        Math.max(1, base.mp() + 5 * gained + bonus.mpMax()),
        Math.max(1, base.sp() + 4 * gained + bonus.spMax()),
        Math.max(0, BASE_ATTACK + level + bonus.attack()),
        Math.max(0, level / 2 + bonus.defense()),
        Math.max(0, level + bonus.gather()),
        Math.max(0, Math.min(MAX_CRIT_PERCENT, BASE_CRIT_PERCENT + bonus.critPercent())),
        Math.max(1, base.carryGrams() + 1000 * gained + bonus.carryGrams()));
  }
}
