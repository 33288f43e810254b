package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.rules.CombatRules.Blow;
import io.microcosm.rules.CombatRules.Combatant;
import io.microcosm.rules.CombatRules.Outcome;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CombatRulesTest {

  private static Combatant fighter(int level, int attack, int defense, int crit) {
    return new Combatant(level, attack, defense, crit);
  }

  /** Every damage a hit (not a critical one) can do: attack × 85..115 %, rounded, less half the defense, at least 1. */
  private static TreeSet<Integer> possibleHits(Combatant attacker, Combatant defender) {
    TreeSet<Integer> hits = new TreeSet<>();
    for (int percent = 85; percent <= 115; percent++) {
      long raw = Math.round(Math.max(0, attacker.attack()) * percent / 100.0);
      hits.add((int) Math.max(1, raw - Math.max(0, defender.defense()) / 2));
    }
    return hits;
  }

  @ParameterizedTest
  @CsvSource({"5, 5, 80", "6, 5, 84", "8, 5, 92", "9, 5, 95", "20, 1, 95", "5, 6, 76", "1, 10, 44", "1, 11, 40", "1, 20, 40"})
  void hitChanceIsEightyPlusFourPerLevelWithinFortyAndNinetyFive(int attackerLevel, int defenderLevel, int percent) {
    assertEquals(percent, CombatRules.hitPercent(fighter(attackerLevel, 5, 0, 5), fighter(defenderLevel, 5, 0, 5)));
  }

  @Test
  void hitChanceStaysWithinItsBoundsForAnyLevels() {
    SplittableRandom rng = new SplittableRandom(91);
    for (int i = 0; i < 10_000; i++) {
      int a = rng.nextInt(-50, 200);
      int d = rng.nextInt(-50, 200);
      int percent = CombatRules.hitPercent(fighter(a, 1, 0, 0), fighter(d, 1, 0, 0));
      assertEquals(Math.max(40, Math.min(95, 80 + 4 * (a - d))), percent, "levels " + a + " vs " + d);
      assertTrue(percent >= CombatRules.MIN_HIT_PERCENT && percent <= CombatRules.MAX_HIT_PERCENT, "levels " + a + " vs " + d);
    }
  }

  @Test
  void hitsLandAsOftenAsTheChanceSays() {
    Combatant attacker = fighter(3, 10, 0, 0);
    Combatant defender = fighter(5, 10, 0, 0);
    SplittableRandom rng = new SplittableRandom(92);
    int hits = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      if (CombatRules.strike(attacker, defender, rng).outcome() != Outcome.MISS) {
        hits++;
      }
    }
    assertEquals(72.0, 100.0 * hits / n, 1.0, "72 % expected");
  }

  @Test
  void aHitDoesTheAttackTimesEightyFiveToAHundredFifteenPercent() {
    Combatant attacker = fighter(10, 10, 0, 0);
    Combatant defender = fighter(10, 0, 0, 0);
    SplittableRandom rng = new SplittableRandom(93);
    TreeSet<Integer> seen = new TreeSet<>();
    for (int i = 0; i < 10_000; i++) {
      Blow b = CombatRules.strike(attacker, defender, rng);
      if (b.outcome() == Outcome.HIT) {
        seen.add(b.damage());
      }
    }
    assertEquals(new TreeSet<>(List.of(9, 10, 11, 12)), seen, "10 × 85..115 % rounds to 9..12");
  }

  @Test
  void halfTheDefenseIsTakenOff() {
    Combatant attacker = fighter(10, 100, 0, 0);
    SplittableRandom rng = new SplittableRandom(94);
    for (int i = 0; i < 1_000; i++) {
      Blow b = CombatRules.strike(attacker, fighter(10, 0, 21, 0), rng);
      if (b.outcome() == Outcome.HIT) {
        assertTrue(b.damage() >= 85 - 10 && b.damage() <= 115 - 10, "defense 21 takes 10 off: " + b);
      }
    }
  }

  @Test
  void aHitAlwaysDoesAtLeastOne() {
    SplittableRandom rng = new SplittableRandom(95);
    for (int i = 0; i < 1_000; i++) {
      Blow weak = CombatRules.strike(fighter(20, 0, 0, 0), fighter(1, 0, 0, 0), rng);
      assertTrue(weak.outcome() == Outcome.MISS || weak.damage() == 1, "no attack: " + weak);
      Blow blocked = CombatRules.strike(fighter(20, 50, 0, 0), fighter(1, 0, 1_000_000, 0), rng);
      assertTrue(blocked.outcome() == Outcome.MISS || blocked.damage() == 1, "huge defense: " + blocked);
    }
  }

  @Test
  void aCriticalHitDoublesAndAMissDoesNothing() {
    SplittableRandom rng = new SplittableRandom(96);
    Map<Outcome, Integer> seen = new EnumMap<>(Outcome.class);
    for (int i = 0; i < 10_000; i++) {
      Blow b = CombatRules.strike(fighter(5, 10, 0, 100), fighter(5, 0, 0, 0), rng);
      seen.merge(b.outcome(), 1, Integer::sum);
      switch (b.outcome()) {
        case MISS -> assertEquals(0, b.damage(), "a miss: " + b);
        case CRITICAL -> assertTrue(b.damage() % 2 == 0 && b.damage() >= 18 && b.damage() <= 24, "twice 9..12: " + b);
        case HIT -> throw new AssertionError("100 % critical chance, yet a plain hit: " + b);
      }
    }
    assertTrue(seen.getOrDefault(Outcome.MISS, 0) > 0 && seen.getOrDefault(Outcome.CRITICAL, 0) > 0, seen.toString());
  }

  @Test
  void noCriticalChanceMeansNoCriticalHits() {
    SplittableRandom rng = new SplittableRandom(97);
    for (int i = 0; i < 10_000; i++) {
      assertTrue(CombatRules.strike(fighter(5, 10, 0, 0), fighter(5, 0, 0, 0), rng).outcome() != Outcome.CRITICAL);
      assertTrue(CombatRules.strike(fighter(5, 10, 0, -20), fighter(5, 0, 0, 0), rng).outcome() != Outcome.CRITICAL);
    }
  }

  @Test
  void criticalHitsComeAsOftenAsTheirChance() {
    SplittableRandom rng = new SplittableRandom(98);
    int hits = 0;
    int crits = 0;
    for (int i = 0; i < 100_000; i++) {
      Blow b = CombatRules.strike(fighter(20, 10, 0, 25), fighter(1, 0, 0, 0), rng);
      hits += b.outcome() == Outcome.MISS ? 0 : 1;
      crits += b.outcome() == Outcome.CRITICAL ? 1 : 0;
    }
    assertEquals(25.0, 100.0 * crits / hits, 1.0, "a quarter of the hits are critical");
  }

  @Test
  void damageFollowsTheRulesForAnyCombatants() {
    SplittableRandom rng = new SplittableRandom(99);
    for (int i = 0; i < 10_000; i++) {
      Combatant attacker = fighter(rng.nextInt(1, 21), pick(rng, -20, 0, 5, 10_000), rng.nextInt(-5, 50), rng.nextInt(-10, 120));
      Combatant defender = fighter(rng.nextInt(1, 21), rng.nextInt(0, 50), pick(rng, -20, 0, 10, 1_000_000), 0);
      Blow b = CombatRules.strike(attacker, defender, rng);
      TreeSet<Integer> hits = possibleHits(attacker, defender);
      String where = attacker + " strikes " + defender + ": " + b + ", hits " + hits.first() + ".." + hits.last();
      assertTrue(b.damage() >= 0, "negative damage: " + where);
      switch (b.outcome()) {
        case MISS -> assertEquals(0, b.damage(), where);
        case HIT -> {
          assertTrue(b.damage() >= 1, where);
          assertTrue(hits.contains(b.damage()), where);
        }
        case CRITICAL -> {
          assertTrue(b.damage() >= 2 && b.damage() % 2 == 0, where);
          assertTrue(hits.contains(b.damage() / 2), where);
        }
      }
    }
  }

  /** Mostly small values, sometimes negative, zero or huge. */
  private static int pick(SplittableRandom rng, int negative, int zero, int small, int huge) {
    return switch (rng.nextInt(6)) {
      case 0 -> rng.nextInt(negative, 0);
      case 1 -> zero;
      case 2 -> rng.nextInt(small, huge + 1);
      default -> rng.nextInt(0, 50);
    };
  }

  @Test
  void theSameRollStrikesTheSameBlow() {
    Combatant attacker = fighter(4, 12, 1, 20);
    Combatant defender = fighter(5, 8, 3, 5);
    for (long seed = 0; seed < 1_000; seed++) {
      assertEquals(CombatRules.strike(attacker, defender, Dice.roll(seed)), CombatRules.strike(attacker, defender, Dice.roll(seed)));
    }
  }

  @Test
  void aCombatantIsTakenFromStats() {
    Stats stats = new Stats(7, 160, 60, 64, 13, 4, 7, 12, 31_000);
    assertEquals(fighter(7, 13, 4, 12), Combatant.of(stats));
  }

  @Test
  void noBlowIsAMissForNothing() {
    assertEquals(new Blow(Outcome.MISS, 0), Blow.NONE);
  }

  @Test
  void hugeAttackDoesHugeDamageInsteadOfWrappingAround() {
    Combatant giant = fighter(20, Integer.MAX_VALUE, 0, 100);
    Combatant target = fighter(1, 0, 0, 0);
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < 1_000; i++) {
      Blow blow = CombatRules.strike(giant, target, rng);
      if (blow.outcome() != Outcome.MISS) {
        assertTrue(blow.damage() > 1_000_000_000, "a blow of attack 2^31-1 does not wrap: " + blow);
      }
    }
  }
}
