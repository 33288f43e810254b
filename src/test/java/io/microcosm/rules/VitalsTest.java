package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.world.EffectDef;
import io.microcosm.world.PlayerDefaults;
import io.microcosm.world.Stacking;
import io.microcosm.world.StatBonus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class VitalsTest {

  /** One HP every 6 ticks, one MP every 10, one SP every 3. */
  private static final PlayerDefaults REGEN = new PlayerDefaults(12, 25_000, 100, 30, 40, 6, 10, 3);
  private static final PlayerDefaults NO_REGEN = new PlayerDefaults(12, 25_000, 100, 30, 40, 0, 0, 0);
  private static final Stats STATS = new Stats(1, 100, 30, 40, 3, 0, 1, 5, 25_000);

  private static final EffectDef POISONED = effect("poisoned", -1, 0);
  private static final EffectDef REGENERATING = effect("regenerating", 2, 0);
  private static final EffectDef WINDED = effect("winded", 0, -1);
  private static final EffectDef REFRESHED = effect("refreshed", 0, 3);
  private static final EffectDef STRONG = new EffectDef("strong", "strong", "", false, Stacking.REFRESH, 1,
      new StatBonus(5, 0, 0, 0, 0, 0, 0, 0), 0, 0);
  private static final Map<String, EffectDef> EFFECTS = Map.of(POISONED.id(), POISONED, REGENERATING.id(), REGENERATING,
      WINDED.id(), WINDED, REFRESHED.id(), REFRESHED, STRONG.id(), STRONG);
  private static final Function<String, EffectDef> CATALOG = EFFECTS::get;

  private static EffectDef effect(String id, int hpPerTick, int spPerTick) {
    return new EffectDef(id, id, "", hpPerTick < 0 || spPerTick < 0, Stacking.STACK, 5, StatBonus.NONE, hpPerTick, spPerTick);
  }

  private static Vitals settle(Vitals v, long now, PlayerDefaults base, boolean resting, ActiveEffect... effects) {
    return v.settle(now, STATS, base, resting, List.of(effects), CATALOG);
  }

  @Test
  void fullVitalsAreTheMaxima() {
    assertEquals(new Vitals(100, 30, 40, 7), Vitals.full(STATS, 7));
  }

  @Test
  void settlingToTheSameTickOrEarlierChangesNothing() {
    Vitals v = new Vitals(50, 10, 20, 100);
    assertSame(v, settle(v, 100, REGEN, false));
    assertSame(v, settle(v, 50, REGEN, true, new ActiveEffect("poisoned", 5, 1, 0, 200)));
  }

  @Test
  void settlingBackwardsStillClampsToLoweredMaxima() {
    Vitals v = new Vitals(150, 40, 60, 100);
    assertEquals(new Vitals(100, 30, 40, 100), settle(v, 100, REGEN, false));
  }

  @Test
  void aPointArrivesWhenAMultipleOfTheIntervalPasses() {
    Vitals v = new Vitals(50, 10, 20, 4);
    assertEquals(new Vitals(50, 10, 20, 5), settle(v, 5, REGEN, false), "no multiple of 6, 10 or 3 in (4, 5]");
    assertEquals(new Vitals(51, 10, 21, 6), settle(v, 6, REGEN, false), "6 is a multiple of 6 and of 3");
    assertEquals(new Vitals(51, 11, 22, 10), settle(v, 10, REGEN, false), "(4, 10] holds 6; 10; 6 and 9");
    assertEquals(new Vitals(65, 19, 40, 94), settle(v, 94, REGEN, false),
        "(4, 94] holds 15 sixes, 9 tens and 30 threes (stamina capped at 40)");
  }

  @Test
  void regenerationIsAlignedToTheWorldsTicksNotToTheLastSettling() {
    // HP every 6 ticks: settling 5 -> 7 crosses 6, 7 -> 11 crosses nothing, 11 -> 12 crosses 12
    Vitals v = new Vitals(50, 10, 20, 5);
    Vitals a = settle(v, 7, REGEN, false);
    assertEquals(51, a.hp());
    Vitals b = settle(a, 11, REGEN, false);
    assertEquals(51, b.hp());
    Vitals c = settle(b, 12, REGEN, false);
    assertEquals(52, c.hp());
  }

  @Test
  void restingTriplesRegeneration() {
    Vitals v = new Vitals(50, 10, 10, 0);
    assertEquals(new Vitals(60, 16, 30, 60), settle(v, 60, REGEN, false), "10 hp, 6 mp, 20 sp");
    assertEquals(new Vitals(80, 28, 40, 60), settle(v, 60, REGEN, true), "30 hp, 18 mp; 60 sp capped at 40");
    assertEquals(new Vitals(53, 10, 13, 6), settle(new Vitals(50, 10, 10, 5), 6, REGEN, true),
        "one tick crossing 6 (a multiple of 6 and of 3) gives 3 hp and 3 sp when resting");
  }

  @Test
  void noIntervalMeansNoRegeneration() {
    Vitals v = new Vitals(50, 10, 10, 0);
    assertEquals(new Vitals(50, 10, 10, 1_000), settle(v, 1_000, NO_REGEN, true));
  }

  @Test
  void regenerationStopsAtTheMaxima() {
    Vitals v = new Vitals(99, 29, 39, 0);
    assertEquals(new Vitals(100, 30, 40, 10_000), settle(v, 10_000, REGEN, true));
  }

  @Test
  void gainedCountsMultiplesInAHalfOpenRange() {
    assertEquals(0, Vitals.gained(0, 5, 6));
    assertEquals(1, Vitals.gained(0, 6, 6));
    assertEquals(0, Vitals.gained(6, 11, 6));
    assertEquals(1, Vitals.gained(6, 12, 6));
    assertEquals(2, Vitals.gained(5, 12, 6));
    assertEquals(0, Vitals.gained(12, 5, 6), "backwards gains nothing");
    assertEquals(0, Vitals.gained(0, 100, 0), "interval 0 means none");
    assertEquals(0, Vitals.gained(0, 100, -3));
  }

  @Test
  void periodicDamageActsOnEachTickTheEffectIsActive() {
    // poisoned with strength 2 (magnitude 2, one stack) for ticks 10..19: 10 ticks of -2
    ActiveEffect poison = new ActiveEffect("poisoned", 2, 1, 10, 20);
    Vitals v = new Vitals(80, 10, 10, 10);
    assertEquals(80, settle(v, 10, NO_REGEN, false, poison).hp(), "nothing before the first tick passes");
    assertEquals(78, settle(v, 11, NO_REGEN, false, poison).hp(), "tick 10 done");
    assertEquals(70, settle(v, 15, NO_REGEN, false, poison).hp(), "ticks 10..14 done");
    assertEquals(60, settle(v, 20, NO_REGEN, false, poison).hp(), "all ten ticks");
    assertEquals(60, settle(v, 500, NO_REGEN, false, poison).hp(), "nothing after it expired");
  }

  @Test
  void periodicDamageCountsStacks() {
    ActiveEffect poison = new ActiveEffect("poisoned", 1, 3, 0, 5);
    assertEquals(85, settle(new Vitals(100, 10, 10, 0), 100, NO_REGEN, false, poison).hp(), "3 per tick for 5 ticks");
  }

  @Test
  void periodicDamageBeginsOnlyWhenTheEffectDoes() {
    ActiveEffect poison = new ActiveEffect("poisoned", 1, 1, 50, 60);
    Vitals v = new Vitals(100, 10, 10, 0);
    assertEquals(100, settle(v, 50, NO_REGEN, false, poison).hp());
    assertEquals(95, settle(v, 55, NO_REGEN, false, poison).hp());
    assertEquals(90, settle(v, 1_000, NO_REGEN, false, poison).hp());
  }

  @Test
  void regenerationAndPeriodicDamageInterleaveTickByTick() {
    // HP every 6 ticks: ticks 0..11 cross 6 and 12; poison -1 on each of ticks 0..11
    ActiveEffect poison = new ActiveEffect("poisoned", 1, 1, 0, 12);
    assertEquals(100 - 12 + 2 + 3, settle(new Vitals(100, 30, 40, 0), 30, REGEN, false, poison).hp(),
        "twelve ticks of poison with the points of ticks 6 and 12 in between, then those of 18, 24 and 30");
  }

  @Test
  void periodicDamageNeverTakesHitPointsBelowOne() {
    ActiveEffect poison = new ActiveEffect("poisoned", 5, 3, 0, 100);
    assertEquals(1, settle(new Vitals(40, 10, 10, 0), 100, NO_REGEN, false, poison).hp());
    assertEquals(1, settle(new Vitals(10, 10, 10, 0), 1, NO_REGEN, false, poison).hp(), "one tick of 15 from 10");
    assertEquals(1, settle(new Vitals(16, 10, 10, 0), 1, NO_REGEN, false, poison).hp(), "one tick of 15 from 16");
    assertEquals(1, settle(new Vitals(1, 10, 10, 0), 100, NO_REGEN, false, poison).hp(), "at 1 it stays 1");
  }

  @Test
  void periodicDamageDoesNotRaiseTheDead() {
    ActiveEffect poison = new ActiveEffect("poisoned", 1, 1, 0, 100);
    assertEquals(0, settle(new Vitals(0, 10, 10, 0), 50, NO_REGEN, false, poison).hp());
  }

  @Test
  void periodicHealingStopsAtTheMaximum() {
    ActiveEffect heal = new ActiveEffect("regenerating", 1, 1, 0, 10);
    assertEquals(90, settle(new Vitals(70, 10, 10, 0), 10, NO_REGEN, false, heal).hp(), "2 per tick for 10 ticks");
    assertEquals(100, settle(new Vitals(95, 10, 10, 0), 10, NO_REGEN, false, heal).hp());
  }

  @Test
  void periodicStaminaStaysWithinZeroAndTheMaximum() {
    ActiveEffect winded = new ActiveEffect("winded", 2, 1, 0, 10);
    assertEquals(0, settle(new Vitals(50, 10, 7, 0), 10, NO_REGEN, false, winded).sp());
    assertEquals(10, settle(new Vitals(50, 10, 30, 0), 10, NO_REGEN, false, winded).sp());
    ActiveEffect refreshed = new ActiveEffect("refreshed", 1, 1, 0, 10);
    assertEquals(40, settle(new Vitals(50, 10, 20, 0), 10, NO_REGEN, false, refreshed).sp());
    assertEquals(29, settle(new Vitals(50, 10, 20, 0), 3, NO_REGEN, false, refreshed).sp());
  }

  @Test
  void restingDoesNotMultiplyPeriodicEffects() {
    ActiveEffect poison = new ActiveEffect("poisoned", 1, 1, 0, 10);
    assertEquals(90, settle(new Vitals(100, 10, 10, 0), 10, NO_REGEN, true, poison).hp());
  }

  @Test
  void effectsWithoutAPeriodicPartDoNotTouchVitals() {
    ActiveEffect strong = new ActiveEffect("strong", 3, 1, 0, 100);
    Vitals v = new Vitals(50, 10, 10, 0);
    assertEquals(settle(v, 60, REGEN, false), settle(v, 60, REGEN, false, strong));
  }

  @Test
  void anEffectThatExpiredBeforeTheLastSettlingDoesNothing() {
    ActiveEffect poison = new ActiveEffect("poisoned", 3, 1, 0, 10);
    Vitals v = new Vitals(50, 10, 10, 10);
    assertEquals(new Vitals(50, 10, 10, 40), settle(v, 40, NO_REGEN, false, poison));
  }

  @Test
  void spendingStaminaTakesItAway() {
    Vitals v = new Vitals(50, 10, 10, 3);
    assertEquals(new Vitals(50, 10, 8, 3), v.spendStamina(2));
    assertEquals(new Vitals(50, 10, 0, 3), v.spendStamina(10));
    assertEquals(v, v.spendStamina(0));
    assertThrows(IllegalArgumentException.class, () -> v.spendStamina(11), "more than there is");
    assertThrows(IllegalArgumentException.class, () -> v.spendStamina(-1), "a negative cost");
  }

  @Test
  void hurtingStopsAtZeroAndZeroIsDead() {
    Vitals v = new Vitals(10, 5, 5, 3);
    assertEquals(new Vitals(4, 5, 5, 3), v.hurt(6));
    assertFalse(v.hurt(9).dead());
    assertTrue(v.hurt(10).dead());
    assertEquals(new Vitals(0, 5, 5, 3), v.hurt(1_000));
    assertEquals(v, v.hurt(0));
    assertThrows(IllegalArgumentException.class, () -> v.hurt(-1));
  }

  @Test
  void restoringStopsAtEachMaximum() {
    Vitals v = new Vitals(90, 25, 10, 3);
    assertEquals(new Vitals(100, 28, 40, 3), v.restore(30, 3, 500, STATS));
    assertEquals(v, v.restore(0, 0, 0, STATS));
  }

  @Test
  void clampingLowersOnlyWhatIsAboveItsMaximum() {
    Vitals ok = new Vitals(100, 30, 40, 1);
    assertSame(ok, ok.clamp(STATS));
    assertEquals(new Vitals(100, 5, 40, 1), new Vitals(120, 5, 41, 1).clamp(STATS));
  }

  @Test
  void settlingInStepsEqualsSettlingAtOnceWithoutPeriodicEffects() {
    SplittableRandom rng = new SplittableRandom(41);
    for (int i = 0; i < 10_000; i++) {
      PlayerDefaults base = new PlayerDefaults(12, 25_000, 100, 30, 40, rng.nextInt(0, 12), rng.nextInt(0, 12), rng.nextInt(0, 12));
      Stats stats = new Stats(1, rng.nextInt(1, 200), rng.nextInt(1, 100), rng.nextInt(1, 100), 3, 0, 1, 5, 25_000);
      boolean resting = rng.nextBoolean();
      long a = rng.nextLong(0, 100_000);
      long b = a + rng.nextInt(0, 100);
      long c = b + rng.nextInt(0, 100);
      Vitals v = new Vitals(rng.nextInt(0, 250), rng.nextInt(0, 120), rng.nextInt(0, 120), a);
      List<ActiveEffect> effects = rng.nextBoolean() ? List.of() : List.of(new ActiveEffect("strong", 2, 1, a, c + 10));
      Vitals once = v.settle(c, stats, base, resting, effects, CATALOG);
      Vitals twice = v.settle(b, stats, base, resting, effects, CATALOG).settle(c, stats, base, resting, effects, CATALOG);
      String where = v + " over " + a + " -> " + b + " -> " + c + " with " + base + ", " + stats + ", resting " + resting;
      assertEquals(once, twice, where);
      if (c > a) {
        int factor = resting ? Vitals.RESTING_FACTOR : 1;
        assertEquals(Math.min(stats.hpMax(), v.hp() + factor * multiples(a, c, base.hpRegenTicks())), once.hp(), where);
        assertEquals(Math.min(stats.mpMax(), v.mp() + factor * multiples(a, c, base.mpRegenTicks())), once.mp(), where);
        assertEquals(Math.min(stats.spMax(), v.sp() + factor * multiples(a, c, base.spRegenTicks())), once.sp(), where);
        assertEquals(c, once.asOf(), where);
      }
    }
  }

  @Test
  void settlingInManyStepsEqualsSettlingAtOnceEvenWithPeriodicEffects() {
    SplittableRandom rng = new SplittableRandom(42);
    for (int i = 0; i < 2_000; i++) {
      long start = rng.nextLong(0, 10_000);
      List<ActiveEffect> effects = randomEffects(rng, start);
      Vitals v = new Vitals(rng.nextInt(0, 101), rng.nextInt(0, 31), rng.nextInt(0, 41), start);
      boolean resting = rng.nextBoolean();
      long end = start + rng.nextInt(0, 120);
      Vitals once = v.settle(end, STATS, REGEN, resting, effects, CATALOG);
      Vitals stepped = v;
      for (long t = start; t < end; ) {
        t = Math.min(end, t + rng.nextInt(1, 15));
        stepped = stepped.settle(t, STATS, REGEN, resting, effects, CATALOG);
      }
      assertEquals(once, stepped, v + " from " + start + " to " + end + " under " + effects);
      assertEquals(simulate(v, end, REGEN, resting, effects), once, "tick by tick: " + v + " to " + end + " under " + effects);
    }
  }

  @Test
  void settlingMatchesATickByTickSimulation() {
    SplittableRandom rng = new SplittableRandom(43);
    for (int i = 0; i < 10_000; i++) {
      long start = rng.nextLong(0, 10_000);
      PlayerDefaults base = new PlayerDefaults(12, 25_000, 100, 30, 40, rng.nextInt(0, 8), rng.nextInt(0, 8), rng.nextInt(0, 8));
      List<ActiveEffect> effects = randomEffects(rng, start);
      Vitals v = new Vitals(rng.nextInt(0, 101), rng.nextInt(0, 31), rng.nextInt(0, 41), start);
      boolean resting = rng.nextBoolean();
      long end = start + rng.nextInt(0, 60);
      Vitals settled = v.settle(end, STATS, base, resting, effects, CATALOG);
      String where = v + " to " + end + " under " + effects + " with " + base + (resting ? ", resting" : "");
      assertEquals(simulate(v, end, base, resting, effects), settled, where);
      assertTrue(settled.hp() <= STATS.hpMax() && settled.mp() <= STATS.mpMax() && settled.sp() <= STATS.spMax(), where);
      assertTrue(settled.sp() >= 0 && settled.mp() >= 0, where);
      assertTrue(v.hp() < 1 || settled.hp() >= 1, "periodic harm took a living character to 0: " + where);
    }
  }

  private static List<ActiveEffect> randomEffects(SplittableRandom rng, long start) {
    List<ActiveEffect> effects = new ArrayList<>();
    for (EffectDef def : List.of(POISONED, REGENERATING, WINDED, REFRESHED)) {
      if (rng.nextInt(3) == 0) {
        long since = start + rng.nextInt(-20, 40);
        effects.add(new ActiveEffect(def.id(), rng.nextInt(1, 4), rng.nextInt(1, 4), since, since + rng.nextInt(1, 40)));
      }
    }
    return effects;
  }

  private static long multiples(long from, long to, int every) {
    long n = 0;
    for (long t = from + 1; every > 0 && t <= to; t++) {
      if (t % every == 0) {
        n++;
      }
    }
    return n;
  }

  /** The documented behaviour, one tick at a time: regeneration, then each active effect. */
  private static Vitals simulate(Vitals v, long now, PlayerDefaults base, boolean resting, List<ActiveEffect> effects) {
    int factor = resting ? Vitals.RESTING_FACTOR : 1;
    long h = Math.min(v.hp(), STATS.hpMax());
    long m = Math.min(v.mp(), STATS.mpMax());
    long s = Math.min(v.sp(), STATS.spMax());
    for (long t = v.asOf(); t < now; t++) {
      h = Math.min(STATS.hpMax(), h + factor * multiples(t, t + 1, base.hpRegenTicks()));
      m = Math.min(STATS.mpMax(), m + factor * multiples(t, t + 1, base.mpRegenTicks()));
      s = Math.min(STATS.spMax(), s + factor * multiples(t, t + 1, base.spRegenTicks()));
      for (ActiveEffect e : effects) {
        if (t >= e.since() && t < e.until()) {
          EffectDef def = CATALOG.apply(e.effect());
          long dh = (long) def.hpPerTick() * e.magnitude() * e.stacks();
          if (dh > 0) {
            h = Math.min(STATS.hpMax(), h + dh);
          } else if (dh < 0 && h > 1) {
            h = Math.max(1, h + dh);
          }
          long ds = (long) def.spPerTick() * e.magnitude() * e.stacks();
          s = Math.max(0, Math.min(STATS.spMax(), s + ds));
        }
      }
    }
    return new Vitals((int) h, (int) m, (int) s, Math.max(now, v.asOf()));
  }
}
