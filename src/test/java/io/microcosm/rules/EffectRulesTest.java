package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.world.EffectDef;
import io.microcosm.world.EffectGrant;
import io.microcosm.world.Stacking;
import io.microcosm.world.StatBonus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EffectRulesTest {

  private static final EffectDef POISONED = effect("poisoned", Stacking.STACK, 3, new StatBonus(0, -1, 0, 0, 0, 0, 0, 0), -1);
  private static final EffectDef WELL_FED = effect("well-fed", Stacking.REFRESH, 1, new StatBonus(0, 0, 10, 0, 5, 0, 0, 0), 0);
  private static final EffectDef BLESSED = effect("blessed", Stacking.STRONGEST, 1, new StatBonus(2, 1, 0, 0, 0, 0, 1, 3), 0);
  private static final Map<String, EffectDef> EFFECTS =
      Map.of(POISONED.id(), POISONED, WELL_FED.id(), WELL_FED, BLESSED.id(), BLESSED);
  private static final Function<String, EffectDef> CATALOG = EFFECTS::get;

  private static EffectDef effect(String id, Stacking stacking, int maxStacks, StatBonus bonus, int hpPerTick) {
    return new EffectDef(id, id, "", hpPerTick < 0, stacking, maxStacks, bonus, hpPerTick, 0);
  }

  private static List<ActiveEffect> give(List<ActiveEffect> effects, EffectDef def, int magnitude, int ticks, long now) {
    return EffectRules.apply(effects, def, new EffectGrant(def.id(), magnitude, ticks), now);
  }

  private static ActiveEffect only(List<ActiveEffect> effects) {
    assertEquals(1, effects.size(), "expected one effect: " + effects);
    return effects.get(0);
  }

  @Test
  void aNewEffectStartsNowWithOneStack() {
    List<ActiveEffect> effects = give(List.of(), POISONED, 2, 10, 100);
    assertEquals(new ActiveEffect("poisoned", 2, 1, 100, 110), only(effects));
  }

  @Test
  void anEffectIsActiveUntilJustBeforeItsLastTick() {
    ActiveEffect e = new ActiveEffect("poisoned", 1, 1, 100, 110);
    assertFalse(e.activeAt(99), "not yet begun");
    assertTrue(e.activeAt(100), "active from its first tick");
    assertTrue(e.activeAt(109), "active at until - 1");
    assertFalse(e.activeAt(110), "expired at until");
    assertFalse(e.activeAt(111));
  }

  @Test
  void effectsExpireExactlyOnTheirTick() {
    SplittableRandom rng = new SplittableRandom(31);
    for (int i = 0; i < 10_000; i++) {
      long now = rng.nextLong(0, 1_000_000);
      int ticks = rng.nextInt(1, 1_000);
      EffectDef def = List.of(POISONED, WELL_FED, BLESSED).get(rng.nextInt(3));
      List<ActiveEffect> effects = give(List.of(), def, rng.nextInt(1, 5), ticks, now);
      long until = now + ticks;
      assertEquals(until, only(effects).until(), "until of " + ticks + " ticks from " + now);
      assertEquals(1, EffectRules.active(effects, until - 1).size(), "active at until - 1 = " + (until - 1));
      assertTrue(only(effects).activeAt(until - 1));
      assertEquals(List.of(), EffectRules.active(effects, until), "gone at until = " + until);
      assertFalse(only(effects).activeAt(until));
      assertEquals(StatBonus.NONE, EffectRules.bonus(effects, CATALOG, until), "no bonus once expired");
      assertEquals(def.bonus().times(only(effects).strength()), EffectRules.bonus(effects, CATALOG, until - 1),
          "full bonus on the last tick");
    }
  }

  @Test
  void strengthIsMagnitudeTimesStacks() {
    assertEquals(6, new ActiveEffect("poisoned", 2, 3, 0, 10).strength());
    assertEquals(1, new ActiveEffect("poisoned", 1, 1, 0, 10).strength());
  }

  @Test
  void activeKeepsTheSameListWhenNothingExpired() {
    List<ActiveEffect> effects = List.of(new ActiveEffect("a", 1, 1, 0, 10), new ActiveEffect("b", 1, 1, 0, 20));
    assertSame(effects, EffectRules.active(effects, 9));
    assertEquals(List.of(new ActiveEffect("b", 1, 1, 0, 20)), EffectRules.active(effects, 10));
    assertEquals(List.of(), EffectRules.active(effects, 20));
  }

  @Test
  void refreshRenewsTheTimerAndKeepsTheStrongerMagnitude() {
    List<ActiveEffect> effects = give(List.of(), WELL_FED, 2, 100, 0);
    effects = give(effects, WELL_FED, 1, 100, 50);
    assertEquals(new ActiveEffect("well-fed", 2, 1, 0, 150), only(effects), "weaker refresh keeps magnitude 2");
    effects = give(effects, WELL_FED, 3, 100, 60);
    assertEquals(new ActiveEffect("well-fed", 3, 1, 0, 160), only(effects), "stronger refresh raises magnitude");
  }

  @Test
  void refreshNeverShortensTheDuration() {
    List<ActiveEffect> effects = give(List.of(), WELL_FED, 1, 300, 0);
    effects = give(effects, WELL_FED, 1, 10, 5);
    assertEquals(300, only(effects).until(), "a short refresh keeps the longer timer");
  }

  @Test
  void stackAddsAStackUpToTheMaximumAndRenewsTheTimer() {
    List<ActiveEffect> effects = give(List.of(), POISONED, 1, 10, 0);
    effects = give(effects, POISONED, 1, 10, 4);
    assertEquals(new ActiveEffect("poisoned", 1, 2, 0, 14), only(effects));
    effects = give(effects, POISONED, 1, 10, 8);
    assertEquals(new ActiveEffect("poisoned", 1, 3, 0, 18), only(effects));
    effects = give(effects, POISONED, 1, 10, 9);
    assertEquals(new ActiveEffect("poisoned", 1, 3, 0, 19), only(effects), "capped at maxStacks 3, timer renewed");
  }

  @Test
  void stackKeepsTheStrongerMagnitude() {
    List<ActiveEffect> effects = give(List.of(), POISONED, 2, 10, 0);
    effects = give(effects, POISONED, 1, 10, 1);
    assertEquals(2, only(effects).magnitude());
    effects = give(effects, POISONED, 4, 10, 2);
    assertEquals(4, only(effects).magnitude());
    assertEquals(3, only(effects).stacks());
  }

  @Test
  void strongestReplacesWithAStrongerApplication() {
    List<ActiveEffect> effects = give(List.of(), BLESSED, 1, 100, 0);
    effects = give(effects, BLESSED, 2, 10, 50);
    assertEquals(new ActiveEffect("blessed", 2, 1, 50, 60), only(effects), "replaced, even with a shorter timer");
  }

  @Test
  void strongestExtendsWithAnEqualApplication() {
    List<ActiveEffect> effects = give(List.of(), BLESSED, 2, 100, 0);
    effects = give(effects, BLESSED, 2, 100, 50);
    assertEquals(new ActiveEffect("blessed", 2, 1, 0, 150), only(effects));
    effects = give(effects, BLESSED, 2, 10, 60);
    assertEquals(new ActiveEffect("blessed", 2, 1, 0, 150), only(effects), "an equal but shorter one does not shorten");
  }

  @Test
  void strongestIgnoresAWeakerApplication() {
    List<ActiveEffect> effects = give(List.of(), BLESSED, 3, 10, 0);
    ActiveEffect before = only(effects);
    effects = give(effects, BLESSED, 2, 1_000, 5);
    assertEquals(before, only(effects), "a weaker one changes nothing, not even the timer");
  }

  @Test
  void anEffectReappliedAfterExpiringStartsAfresh() {
    for (EffectDef def : List.of(POISONED, WELL_FED, BLESSED)) {
      List<ActiveEffect> effects = give(List.of(), def, 3, 10, 0);
      effects = give(effects, def, 3, 10, 5);
      assertEquals(15, only(effects).until(), def.id());
      effects = give(effects, def, 1, 10, 15);
      ActiveEffect e = only(effects);
      assertEquals(1, e.stacks(), def.id());
      assertEquals(1, e.magnitude(), def.id() + ": the expired magnitude is forgotten");
      assertEquals(e.until() - 10, e.since(), def.id() + ": starts when applied");
    }
  }

  @Test
  void applyingDropsExpiredEffectsAndLeavesOthersAlone() {
    List<ActiveEffect> effects = List.of(new ActiveEffect("well-fed", 1, 1, 0, 10), new ActiveEffect("poisoned", 1, 2, 0, 30));
    List<ActiveEffect> next = give(effects, BLESSED, 1, 5, 10);
    assertEquals(List.of(new ActiveEffect("poisoned", 1, 2, 0, 30), new ActiveEffect("blessed", 1, 1, 10, 15)), next);
    assertEquals(2, effects.size(), "the list given is not changed");
  }

  @Test
  void aGrantNeedsMagnitudeAndTicks() {
    assertThrows(IllegalArgumentException.class, () -> give(List.of(), POISONED, 0, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> give(List.of(), POISONED, 1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> give(List.of(), POISONED, -1, -1, 0));
  }

  @Test
  void bonusesAddUpOverActiveEffectsTimesTheirStrength() {
    List<ActiveEffect> effects = List.of(
        new ActiveEffect("poisoned", 2, 3, 0, 10),
        new ActiveEffect("blessed", 1, 1, 0, 20),
        new ActiveEffect("well-fed", 1, 1, 5, 30));
    assertEquals(new StatBonus(2, 1 - 6, 0, 0, 0, 0, 1, 3), EffectRules.bonus(effects, CATALOG, 0), "well-fed not begun");
    assertEquals(new StatBonus(2, 1 - 6, 10, 0, 5, 0, 1, 3), EffectRules.bonus(effects, CATALOG, 9));
    assertEquals(new StatBonus(2, 1, 10, 0, 5, 0, 1, 3), EffectRules.bonus(effects, CATALOG, 10), "poison gone");
    assertEquals(StatBonus.NONE, EffectRules.bonus(effects, CATALOG, 30));
    assertEquals(StatBonus.NONE, EffectRules.bonus(List.of(), CATALOG, 0));
  }

  @Test
  void removeCuresOneEffectEntirely() {
    List<ActiveEffect> effects = List.of(new ActiveEffect("poisoned", 1, 3, 0, 10), new ActiveEffect("blessed", 1, 1, 0, 20));
    assertEquals(List.of(new ActiveEffect("blessed", 1, 1, 0, 20)), EffectRules.remove(effects, "poisoned"));
    assertEquals(effects, EffectRules.remove(effects, "well-fed"));
  }

  /** A model of the stacking rules as {@link Stacking} documents them, checked against random applications. */
  @Test
  void stackingFollowsItsRulesOverRandomApplications() {
    SplittableRandom rng = new SplittableRandom(32);
    List<EffectDef> defs = List.of(
        POISONED, WELL_FED, BLESSED, effect("bleeding", Stacking.STACK, 5, StatBonus.NONE, -2));
    for (int run = 0; run < 1_000; run++) {
      EffectDef def = defs.get(rng.nextInt(defs.size()));
      List<ActiveEffect> effects = List.of();
      long now = rng.nextLong(0, 1_000);
      for (int step = 0; step < 10; step++) {
        now += rng.nextInt(0, 20);
        int magnitude = rng.nextInt(1, 5);
        int ticks = rng.nextInt(1, 30);
        List<ActiveEffect> live = EffectRules.active(effects, now);
        ActiveEffect old = live.isEmpty() ? null : only(live);
        List<ActiveEffect> next = give(effects, def, magnitude, ticks, now);
        ActiveEffect e = only(next);
        String where = def.id() + " " + old + " + magnitude " + magnitude + " for " + ticks + " at " + now;
        assertTrue(e.activeAt(now), "active right after being applied: " + where);
        assertTrue(e.stacks() >= 1 && e.stacks() <= def.maxStacks(), "stacks within 1.." + def.maxStacks() + ": " + where);
        if (old == null) {
          assertEquals(new ActiveEffect(def.id(), magnitude, 1, now, now + ticks), e, where);
        } else {
          switch (def.stacking()) {
            case REFRESH -> {
              assertEquals(Math.max(old.magnitude(), magnitude), e.magnitude(), where);
              assertEquals(Math.max(old.until(), now + ticks), e.until(), where);
              assertEquals(1, e.stacks(), where);
            }
            case STACK -> {
              assertEquals(Math.max(old.magnitude(), magnitude), e.magnitude(), where);
              assertEquals(Math.max(old.until(), now + ticks), e.until(), where);
              assertEquals(Math.min(def.maxStacks(), old.stacks() + 1), e.stacks(), where);
            }
            case STRONGEST -> {
              if (magnitude > old.magnitude()) {
                assertEquals(new ActiveEffect(def.id(), magnitude, 1, now, now + ticks), e, where);
              } else if (magnitude == old.magnitude()) {
                assertEquals(magnitude, e.magnitude(), where);
                assertEquals(Math.max(old.until(), now + ticks), e.until(), where);
              } else {
                assertEquals(old, e, where);
              }
            }
            default -> throw new AssertionError(def.stacking());
          }
          if (def.stacking() != Stacking.STRONGEST) {
            // a stronger application of a "strongest" effect replaces it, timer and all
            assertTrue(e.until() >= old.until(), "never shortened: " + where);
          }
          assertTrue(e.strength() >= old.strength(), "never weakened: " + where);
        }
        effects = next;
      }
    }
  }

  @Test
  void differentEffectsDoNotInterfere() {
    List<ActiveEffect> effects = new ArrayList<>();
    effects.addAll(give(List.of(), POISONED, 1, 10, 0));
    List<ActiveEffect> next = give(effects, WELL_FED, 2, 50, 1);
    next = give(next, POISONED, 1, 10, 2);
    assertEquals(List.of(new ActiveEffect("poisoned", 1, 2, 0, 12), new ActiveEffect("well-fed", 2, 1, 1, 51)), next);
  }
}
