package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LevelRulesTest {

  @ParameterizedTest
  @CsvSource({"1, 0", "2, 50", "3, 150", "5, 500", "10, 2250", "20, 9500"})
  void expToReachFollowsTheDocumentedCurve(int level, long exp) {
    assertEquals(exp, LevelRules.expToReach(level), "experience for level " + level);
  }

  @Test
  void expToReachIsTwentyFiveTimesLevelMinusOneTimesLevel() {
    for (int level = 1; level <= LevelRules.MAX_LEVEL; level++) {
      assertEquals(25L * (level - 1) * level, LevelRules.expToReach(level), "level " + level);
    }
  }

  @Test
  void theCurveIsStrictlyIncreasingAndEachLevelCostsFiftyMore() {
    for (int level = 2; level <= LevelRules.MAX_LEVEL; level++) {
      long step = LevelRules.expToReach(level) - LevelRules.expToReach(level - 1);
      assertTrue(step > 0, "level " + level + " must need more than level " + (level - 1));
      assertEquals(50L * (level - 1), step, "cost of level " + level);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 21, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void levelsOutsideOneToTwentyHaveNoExperience(int level) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LevelRules.expToReach(level));
    assertTrue(e.getMessage().contains("was " + level), e.getMessage());
  }

  @Test
  void reachingALevelsExperienceGivesThatLevelAndOneLessGivesTheOneBefore() {
    for (int level = 1; level <= LevelRules.MAX_LEVEL; level++) {
      long exp = LevelRules.expToReach(level);
      assertEquals(level, LevelRules.levelFor(exp), "levelFor(" + exp + ")");
      if (level > 1) {
        assertEquals(level - 1, LevelRules.levelFor(exp - 1), "levelFor(" + (exp - 1) + ")");
      }
    }
  }

  @Test
  void noExperienceOrLessIsLevelOne() {
    assertEquals(1, LevelRules.levelFor(0));
    assertEquals(1, LevelRules.levelFor(-100));
    assertEquals(1, LevelRules.levelFor(Long.MIN_VALUE));
  }

  @Test
  void theTopLevelIsTwentyHoweverMuchExperience() {
    assertEquals(20, LevelRules.levelFor(9_500));
    assertEquals(20, LevelRules.levelFor(1_000_000));
    assertEquals(20, LevelRules.levelFor(Long.MAX_VALUE));
  }

  @Test
  void levelForIsMonotonicAndAgreesWithTheCurve() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < 10_000; i++) {
      long a = rng.nextLong(-100, 12_000);
      long b = a + rng.nextLong(0, 500);
      int level = LevelRules.levelFor(a);
      assertTrue(LevelRules.levelFor(b) >= level, "levelFor(" + b + ") < levelFor(" + a + ")");
      assertTrue(a < 0 || LevelRules.expToReach(level) <= a, "level " + level + " for " + a + " is too high");
      if (level < LevelRules.MAX_LEVEL) {
        assertTrue(a < LevelRules.expToReach(level + 1), "level " + level + " for " + a + " is too low");
      }
    }
  }

  @Test
  void expToNextIsWhatIsMissingToTheNextLevel() {
    assertEquals(50, LevelRules.expToNext(0));
    assertEquals(1, LevelRules.expToNext(49));
    assertEquals(100, LevelRules.expToNext(50));
    assertEquals(20, LevelRules.expToNext(480));
    for (long exp = 0; exp < LevelRules.expToReach(LevelRules.MAX_LEVEL); exp++) {
      long next = LevelRules.expToNext(exp);
      assertTrue(next >= 1, "at " + exp + " something is missing");
      assertEquals(LevelRules.levelFor(exp) + 1, LevelRules.levelFor(exp + next), "after gaining " + next + " from " + exp);
      assertEquals(LevelRules.levelFor(exp), LevelRules.levelFor(exp + next - 1), "one short from " + exp);
    }
  }

  @Test
  void atTheTopLevelNothingIsMissing() {
    assertEquals(0, LevelRules.expToNext(9_500));
    assertEquals(0, LevelRules.expToNext(50_000));
  }

  @Test
  void dyingLosesATenthOfTheProgressTowardsTheNextLevel() {
    // level 3 starts at 150; 100 gained towards level 4, 10 of it lost
    assertEquals(240, LevelRules.afterDeath(250));
    // 9 gained: a tenth rounds down to nothing
    assertEquals(59, LevelRules.afterDeath(59));
    assertEquals(0, LevelRules.afterDeath(0));
  }

  @Test
  void dyingExactlyOnALevelLosesNothing() {
    for (int level = 1; level <= LevelRules.MAX_LEVEL; level++) {
      long exp = LevelRules.expToReach(level);
      assertEquals(exp, LevelRules.afterDeath(exp), "level " + level + " reached exactly");
    }
  }

  @Test
  void dyingJustBeforeALevelKeepsTheLevelItHas() {
    for (int level = 2; level <= LevelRules.MAX_LEVEL; level++) {
      long exp = LevelRules.expToReach(level) - 1;
      long after = LevelRules.afterDeath(exp);
      assertEquals(level - 1, LevelRules.levelFor(after), "level after dying at " + exp);
      long gained = exp - LevelRules.expToReach(level - 1);
      assertEquals(exp - gained / 10, after, "a tenth of " + gained + " lost");
    }
  }

  @Test
  void deathNeverCostsALevelAndNeverAddsExperience() {
    SplittableRandom rng = new SplittableRandom(12);
    for (int i = 0; i < 10_000; i++) {
      long exp = rng.nextLong(0, 20_000);
      long after = LevelRules.afterDeath(exp);
      assertTrue(after <= exp, "dying at " + exp + " gave " + after);
      assertEquals(LevelRules.levelFor(exp), LevelRules.levelFor(after), "dying at " + exp + " changed the level");
      long floor = LevelRules.expToReach(LevelRules.levelFor(exp));
      assertEquals((exp - floor) / 10, exp - after, "dying at " + exp + " loses a tenth of the progress");
    }
  }

  @Test
  void dyingRepeatedlyApproachesButNeverLeavesTheLevel() {
    long exp = LevelRules.expToReach(6) - 1;
    for (int i = 0; i < 200; i++) {
      long after = LevelRules.afterDeath(exp);
      assertTrue(after <= exp, "death " + i + " added experience");
      exp = after;
    }
    assertEquals(5, LevelRules.levelFor(exp));
    assertTrue(exp - LevelRules.expToReach(5) < 10, "left " + exp);
  }
}
