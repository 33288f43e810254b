package io.microcosm.rules;

import io.microcosm.entity.CborSerializable;
import java.util.SplittableRandom;

/**
 * One blow in a fight. The hit chance is {@code 80 % + 4 %} per level the attacker has over the
 * defender, kept within 40–95 %. A hit does {@code attack × (85..115 %) − defense / 2}, at least 1;
 * a critical hit doubles it; a miss does nothing. Damage is never negative.
 */
public final class CombatRules {

  public static final int MIN_HIT_PERCENT = 40;
  public static final int MAX_HIT_PERCENT = 95;
  public static final int ATTACK_STAMINA = 2;

  private CombatRules() {}

  /** Who strikes or is struck, as far as a blow is concerned. */
  public record Combatant(int level, int attack, int defense, int critPercent) implements CborSerializable {

    public static Combatant of(Stats stats) {
      return new Combatant(stats.level(), stats.attack(), stats.defense(), stats.critPercent());
    }
  }

  public enum Outcome { MISS, HIT, CRITICAL }

  public record Blow(Outcome outcome, int damage) implements CborSerializable {

    public static final Blow NONE = new Blow(Outcome.MISS, 0);
  }

  public static int hitPercent(Combatant attacker, Combatant defender) {
    int percent = 80 + 4 * (attacker.level() - defender.level());
    return Math.max(MIN_HIT_PERCENT, Math.min(MAX_HIT_PERCENT, percent));
  }

  public static Blow strike(Combatant attacker, Combatant defender, SplittableRandom rng) {
    if (!Dice.chance(rng, hitPercent(attacker, defender))) {
      return new Blow(Outcome.MISS, 0);
    }
    int factor = 85 + rng.nextInt(31);
    long raw = ((long) Math.max(0, attacker.attack()) * factor + 50) / 100;
    long damage = Math.max(1, raw - Math.max(0, defender.defense()) / 2);
    if (Dice.chance(rng, attacker.critPercent())) {
      return new Blow(Outcome.CRITICAL, (int) Math.min(Integer.MAX_VALUE, damage * 2));
    }
    return new Blow(Outcome.HIT, (int) Math.min(Integer.MAX_VALUE, damage));
  }
}
