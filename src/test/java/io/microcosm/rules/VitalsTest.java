package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VitalsTest {

  private static final int REGEN = 20; // one point every 3 s
  private static final long MINUTE = 60_000;

  /** Stamina {@code sp} of {@code spMax}, counting recovery from {@code since}. */
  private static Vitals stamina(int sp, int spMax, long since) {
    return new Vitals(100, 100, 30, 30, sp, spMax, since);
  }

  @Test
  void fullStartsEveryPoolAtItsMaximum() {
    assertEquals(new Vitals(100, 100, 30, 30, 40, 40, 1_234), Vitals.full(100, 30, 40, 1_234));
  }

  @Test
  void staminaRecoversPerMinuteUpToTheMaximum() {
    Vitals v = stamina(10, 40, 0);
    assertEquals(10, v.staminaAt(2_999, REGEN));
    assertEquals(11, v.staminaAt(3_000, REGEN));
    assertEquals(30, v.staminaAt(MINUTE, REGEN));
    assertEquals(40, v.staminaAt(90_000, REGEN));
    assertEquals(40, v.staminaAt(10 * MINUTE, REGEN));
  }

  @Test
  void recoveryKeepsTheUnspentPartOfAMinute() {
    Vitals v = stamina(10, 40, 0).recovered(4_000, REGEN);
    assertEquals(11, v.sp());
    // the extra second counts towards the next point
    assertEquals(3_000, v.spSince());
    assertEquals(12, v.staminaAt(6_000, REGEN));
  }

  @Test
  void nothingRecoversWithoutRegenOrTime() {
    Vitals v = stamina(10, 40, 5_000);
    assertSame(v, v.recovered(5_000, REGEN));
    assertSame(v, v.recovered(1_000, REGEN));
    assertSame(v, v.recovered(10 * MINUTE, 0));
    assertSame(v, v.recovered(2_000 + 5_000, REGEN), "under one point: the clock must not move");
  }

  @Test
  void reachingTheMaximumRestartsTheClock() {
    Vitals v = stamina(39, 40, 0).recovered(10_000, REGEN);
    assertEquals(40, v.sp());
    assertEquals(10_000, v.spSince());
  }

  @Test
  void fractionalMinutesAreNotLostAcrossManySmallSpends() {
    // spending 1 every 5 s while recovering 1 every 3 s: each step recovers 1.67 points, and a
    // clock that dropped the fraction would recover only 120 over the ten minutes instead of 200
    Vitals v = stamina(10, 1_000, 0);
    for (long t = 5_000; t <= 10 * MINUTE; t += 5_000) {
      v = v.spendStamina(1, t, REGEN);
    }
    assertEquals(10 + 200 - 120, v.sp());
    assertEquals(90, v.staminaAt(10 * MINUTE, REGEN));
  }

  @Test
  void fractionsAreKeptWhenTheRegenDoesNotDivideAMinute() {
    // 7 a minute is one point every 8571.43 ms; 60 spends of 1 over ten minutes against 70 recovered
    Vitals v = stamina(10, 1_000, 0);
    for (long t = 10_000; t <= 10 * MINUTE; t += 10_000) {
      v = v.spendStamina(1, t, 7);
    }
    assertEquals(10 + 70 - 60, v.sp());
  }

  @Test
  void spendingMoreThanThereIsThrowsAndChangesNothing() {
    Vitals v = stamina(3, 40, 0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.spendStamina(5, 2_000, REGEN));
    assertEquals("cannot spend 5 stamina, only 3 left", e.getMessage());
    assertEquals(3, v.sp());
  }

  @Test
  void recoveryUpToNowCountsBeforeSpending() {
    // 3 now plus 2 recovered over 6 s pays for 5
    Vitals v = stamina(3, 40, 0).spendStamina(5, 6_000, REGEN);
    assertEquals(0, v.sp());
    assertEquals(6_000, v.spSince());
  }

  @Test
  void spendingFromTheMaximumRestartsTheClock() {
    Vitals v = Vitals.full(100, 30, 40, 0).spendStamina(5, 10 * MINUTE, REGEN);
    assertEquals(35, v.sp());
    assertEquals(10 * MINUTE, v.spSince());
    // time spent at the maximum is not banked for later
    assertEquals(35, v.staminaAt(10 * MINUTE + 2_999, REGEN));
    assertEquals(36, v.staminaAt(10 * MINUTE + 3_000, REGEN));
    assertEquals(40, v.staminaAt(10 * MINUTE + 15_000, REGEN));
  }

  @Test
  void spendingBelowTheMaximumKeepsThePartialPoint() {
    Vitals v = stamina(10, 40, 0).spendStamina(1, 4_000, REGEN);
    assertEquals(10, v.sp());
    assertEquals(3_000, v.spSince());
    assertEquals(11, v.staminaAt(6_000, REGEN));
  }

  @Test
  void spendingLeavesHealthAndManaAlone() {
    Vitals v = new Vitals(70, 100, 12, 30, 40, 40, 0).spendStamina(4, 1_000, REGEN);
    assertEquals(new Vitals(70, 100, 12, 30, 36, 40, 1_000), v);
  }
}
