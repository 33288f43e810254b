package io.microcosm.rules;

import io.microcosm.entity.CborSerializable;
import io.microcosm.world.EffectDef;
import io.microcosm.world.PlayerDefaults;
import java.util.List;
import java.util.function.Function;

/**
 * Health, mana and stamina as they were at tick {@code asOf}. What time does to them (regeneration,
 * periodic effects) is computed by {@link #settle} when it matters, so nothing has to tick an idle
 * character. The maxima are not kept here: they follow from {@link Stats}.
 *
 * <p>Regeneration is aligned to the world's ticks: with one point every {@code n} ticks, a point
 * arrives whenever a multiple of {@code n} passes, whoever is counting. Resting triples it.
 */
public record Vitals(int hp, int mp, int sp, long asOf) implements CborSerializable {

  public static final int RESTING_FACTOR = 3;

  public static Vitals full(Stats stats, long now) {
    return new Vitals(stats.hpMax(), stats.mpMax(), stats.spMax(), now);
  }

  /**
   * These vitals carried forward to {@code now}: regeneration at the rates of {@code base}, and each
   * tick of every periodic effect. Periodic harm never takes hit points below 1; nothing rises
   * above the maxima of {@code stats}.
   */
  public Vitals settle(
      long now, Stats stats, PlayerDefaults base, boolean resting, List<ActiveEffect> effects,
      Function<String, EffectDef> catalog) {
    if (now <= asOf) {
      return clamp(stats);
    }
    int factor = resting ? RESTING_FACTOR : 1;
    long periodicEnd = asOf;
    for (ActiveEffect e : effects) {
      if (catalog.apply(e.effect()).periodic() && e.until() > asOf) {
        periodicEnd = Math.max(periodicEnd, Math.min(e.until(), now));
      }
    }
    long h = hp;
    long m = mp;
    long s = sp;
    // Tick by tick only while a periodic effect runs; effects are short, so this loop is too.
    for (long t = asOf; t < periodicEnd; t++) {
      h = Math.min(stats.hpMax(), h + factor * gained(t, t + 1, base.hpRegenTicks()));
      m = Math.min(stats.mpMax(), m + factor * gained(t, t + 1, base.mpRegenTicks()));
      s = Math.min(stats.spMax(), s + factor * gained(t, t + 1, base.spRegenTicks()));
      for (ActiveEffect e : effects) {
        if (e.activeAt(t)) {
          EffectDef def = catalog.apply(e.effect());
          if (def.hpPerTick() != 0) {
            long next = h + (long) def.hpPerTick() * e.strength();
            h = def.hpPerTick() < 0 ? Math.max(Math.min(h, 1), next) : Math.min(stats.hpMax(), next);
          }
          if (def.spPerTick() != 0) {
            s = Math.max(0, Math.min(stats.spMax(), s + (long) def.spPerTick() * e.strength()));
          }
        }
      }
    }
    h = Math.min(stats.hpMax(), h + factor * gained(periodicEnd, now, base.hpRegenTicks()));
    m = Math.min(stats.mpMax(), m + factor * gained(periodicEnd, now, base.mpRegenTicks()));
    s = Math.min(stats.spMax(), s + factor * gained(periodicEnd, now, base.spRegenTicks()));
    return new Vitals((int) Math.max(h, Math.min(hp, 0)), (int) m, (int) s, now);
  }

  /** Points regenerated between ticks {@code from} (inclusive) and {@code to} (exclusive). */
  static long gained(long from, long to, int every) {
    return every <= 0 || to <= from ? 0 : Math.floorDiv(to, every) - Math.floorDiv(from, every);
  }

  /** Stamina spent; the caller has checked there is enough. */
  public Vitals spendStamina(int cost) {
    if (cost < 0 || cost > sp) {
      throw new IllegalArgumentException("cannot spend " + cost + " stamina with " + sp);
    }
    return new Vitals(hp, mp, sp - cost, asOf);
  }

  /** Hit points lost, down to 0. */
  public Vitals hurt(int damage) {
    if (damage < 0) {
      throw new IllegalArgumentException("damage must be >= 0, was " + damage);
    }
    return new Vitals(Math.max(0, hp - damage), mp, sp, asOf);
  }

  /** Points restored, each up to its maximum. */
  public Vitals restore(int hpGain, int mpGain, int spGain, Stats stats) {
    return new Vitals(Math.min(stats.hpMax(), hp + hpGain), Math.min(stats.mpMax(), mp + mpGain),
        Math.min(stats.spMax(), sp + spGain), asOf);
  }

  public Vitals clamp(Stats stats) {
    if (hp <= stats.hpMax() && mp <= stats.mpMax() && sp <= stats.spMax()) {
      return this;
    }
    return new Vitals(Math.min(hp, stats.hpMax()), Math.min(mp, stats.mpMax()), Math.min(sp, stats.spMax()), asOf);
  }

  public boolean dead() {
    return hp <= 0;
  }
}
