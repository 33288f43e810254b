package io.microcosm.rules;

import io.microcosm.world.EffectDef;
import io.microcosm.world.EffectGrant;
import io.microcosm.world.StatBonus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Buffs and debuffs: applying one by its stacking rule, expiry, and what they add up to. */
public final class EffectRules {

  private EffectRules() {}

  /**
   * The effects after {@code grant} is applied at tick {@code now}, by the effect's stacking rule.
   * Expired effects are dropped on the way.
   */
  public static List<ActiveEffect> apply(List<ActiveEffect> effects, EffectDef def, EffectGrant grant, long now) {
    if (grant.magnitude() < 1 || grant.ticks() < 1) {
      throw new IllegalArgumentException("an effect needs magnitude >= 1 and ticks >= 1, was " + grant);
    }
    List<ActiveEffect> next = new ArrayList<>(active(effects, now));
    long until = now + grant.ticks();
    int i = indexOf(next, def.id());
    if (i < 0) {
      next.add(new ActiveEffect(def.id(), grant.magnitude(), 1, now, until));
      return List.copyOf(next);
    }
    ActiveEffect old = next.get(i);
    ActiveEffect updated = switch (def.stacking()) {
      case REFRESH -> new ActiveEffect(def.id(), Math.max(old.magnitude(), grant.magnitude()), 1, old.since(),
          Math.max(old.until(), until));
      case STACK -> new ActiveEffect(def.id(), Math.max(old.magnitude(), grant.magnitude()),
          Math.min(def.maxStacks(), old.stacks() + 1), old.since(), Math.max(old.until(), until));
      case STRONGEST -> grant.magnitude() > old.magnitude()
          ? new ActiveEffect(def.id(), grant.magnitude(), 1, now, until)
          : grant.magnitude() == old.magnitude()
              ? new ActiveEffect(def.id(), old.magnitude(), 1, old.since(), Math.max(old.until(), until))
              : old;
    };
    next.set(i, updated);
    return List.copyOf(next);
  }

  /** The effects still active at {@code now}. */
  public static List<ActiveEffect> active(List<ActiveEffect> effects, long now) {
    boolean allActive = true;
    for (ActiveEffect e : effects) {
      allActive &= now < e.until();
    }
    return allActive ? effects : effects.stream().filter(e -> now < e.until()).toList();
  }

  /** Everything the effects active at {@code now} add to derived statistics. */
  public static StatBonus bonus(List<ActiveEffect> effects, Function<String, EffectDef> catalog, long now) {
    StatBonus sum = StatBonus.NONE;
    for (ActiveEffect e : effects) {
      if (e.activeAt(now)) {
        sum = sum.plus(catalog.apply(e.effect()).bonus().times(e.strength()));
      }
    }
    return sum;
  }

  /** Removes {@code effect} entirely (a cure). */
  public static List<ActiveEffect> remove(List<ActiveEffect> effects, String effect) {
    return effects.stream().filter(e -> !e.effect().equals(effect)).toList();
  }

  private static int indexOf(List<ActiveEffect> effects, String id) {
    for (int i = 0; i < effects.size(); i++) {
      if (effects.get(i).effect().equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
