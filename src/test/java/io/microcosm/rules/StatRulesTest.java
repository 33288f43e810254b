package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.world.PlayerDefaults;
import io.microcosm.world.StatBonus;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatRulesTest {

  private static final PlayerDefaults BASE = new PlayerDefaults(12, 25_000, 100, 30, 40, 6, 10, 3);

  private static StatBonus bonus(int attack, int defense, int hp, int mp, int sp, int carry, int gather, int crit) {
    return new StatBonus(attack, defense, hp, mp, sp, carry, gather, crit);
  }

  @Test
  void levelOneWithNothingIsTheDefaults() {
    Stats s = StatRules.derive(BASE, 1, StatBonus.NONE);
    assertEquals(new Stats(1, 100, 30, 40, 3, 0, 1, 5, 25_000), s);
  }

  @Test
  void eachLevelAddsTheDocumentedAmounts() {
    for (int level = 1; level <= LevelRules.MAX_LEVEL; level++) {
      Stats s = StatRules.derive(BASE, level, StatBonus.NONE);
      int gained = level - 1;
      assertEquals(level, s.level());
      assertEquals(100 + 10 * gained, s.hpMax(), "hp at level " + level);
      assertEquals(30 + 5 * gained, s.mpMax(), "mp at level " + level);
      assertEquals(40 + 4 * gained, s.spMax(), "sp at level " + level);
      assertEquals(25_000 + 1_000 * gained, s.carryGrams(), "carry at level " + level);
      assertEquals(2 + level, s.attack(), "attack at level " + level);
      assertEquals(level / 2, s.defense(), "defense at level " + level);
      assertEquals(level, s.gather(), "gathering at level " + level);
      assertEquals(StatRules.BASE_CRIT_PERCENT, s.critPercent(), "crit at level " + level);
    }
  }

  @Test
  void aDefensePointComesEveryTwoLevels() {
    assertEquals(0, StatRules.derive(BASE, 1, StatBonus.NONE).defense());
    assertEquals(1, StatRules.derive(BASE, 2, StatBonus.NONE).defense());
    assertEquals(1, StatRules.derive(BASE, 3, StatBonus.NONE).defense());
    assertEquals(10, StatRules.derive(BASE, 20, StatBonus.NONE).defense());
  }

  @Test
  void bonusesAddOnTop() {
    Stats s = StatRules.derive(BASE, 5, bonus(6, 3, 20, 10, 5, 2_000, 4, 10));
    assertEquals(new Stats(5, 140 + 20, 50 + 10, 56 + 5, 7 + 6, 2 + 3, 5 + 4, 15, 29_000 + 2_000), s);
  }

  @Test
  void theCriticalChanceIsCappedAtFiftyPercent() {
    assertEquals(50, StatRules.derive(BASE, 1, bonus(0, 0, 0, 0, 0, 0, 0, 45)).critPercent());
    assertEquals(50, StatRules.derive(BASE, 1, bonus(0, 0, 0, 0, 0, 0, 0, 46)).critPercent());
    assertEquals(50, StatRules.derive(BASE, 1, bonus(0, 0, 0, 0, 0, 0, 0, 500)).critPercent());
    assertEquals(49, StatRules.derive(BASE, 1, bonus(0, 0, 0, 0, 0, 0, 0, 44)).critPercent());
  }

  @Test
  void debuffsNeverTakeMaximaBelowOneNorOthersBelowZero() {
    StatBonus crushing = bonus(-1_000, -1_000, -1_000, -1_000, -1_000, -1_000_000, -1_000, -1_000);
    Stats s = StatRules.derive(BASE, 3, crushing);
    assertEquals(new Stats(3, 1, 1, 1, 0, 0, 0, 0, 1), s);
  }

  @Test
  void derivedStatisticsStayInRangeForAnyBonus() {
    SplittableRandom rng = new SplittableRandom(21);
    for (int i = 0; i < 10_000; i++) {
      int level = rng.nextInt(1, LevelRules.MAX_LEVEL + 1);
      StatBonus b = bonus(rng.nextInt(-50, 51), rng.nextInt(-50, 51), rng.nextInt(-500, 501), rng.nextInt(-500, 501),
          rng.nextInt(-500, 501), rng.nextInt(-60_000, 60_001), rng.nextInt(-50, 51), rng.nextInt(-100, 101));
      Stats s = StatRules.derive(BASE, level, b);
      String where = "level " + level + " with " + b;
      assertEquals(level, s.level(), where);
      assertTrue(s.hpMax() >= 1 && s.mpMax() >= 1 && s.spMax() >= 1 && s.carryGrams() >= 1, "maxima below 1: " + s + ", " + where);
      assertTrue(s.attack() >= 0 && s.defense() >= 0 && s.gather() >= 0, "negative statistic: " + s + ", " + where);
      assertTrue(s.critPercent() >= 0 && s.critPercent() <= StatRules.MAX_CRIT_PERCENT, "crit out of range: " + s + ", " + where);
      assertEquals(Math.max(0, 2 + level + b.attack()), s.attack(), where);
      assertEquals(Math.max(0, level / 2 + b.defense()), s.defense(), where);
      assertEquals(Math.max(1, 100 + 10 * (level - 1) + b.hpMax()), s.hpMax(), where);
    }
  }

  @Test
  void moreBonusNeverMeansLess() {
    SplittableRandom rng = new SplittableRandom(22);
    for (int i = 0; i < 10_000; i++) {
      int level = rng.nextInt(1, LevelRules.MAX_LEVEL + 1);
      StatBonus b = bonus(rng.nextInt(-20, 21), rng.nextInt(-20, 21), rng.nextInt(-200, 201), 0, 0, 0, 0, rng.nextInt(-20, 60));
      Stats weaker = StatRules.derive(BASE, level, b);
      Stats stronger = StatRules.derive(BASE, level, b.plus(bonus(1, 1, 1, 0, 0, 0, 0, 1)));
      assertTrue(stronger.attack() >= weaker.attack() && stronger.defense() >= weaker.defense()
          && stronger.hpMax() >= weaker.hpMax() && stronger.critPercent() >= weaker.critPercent(),
          weaker + " vs " + stronger);
    }
  }
}
