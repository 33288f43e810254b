package io.microcosm.rules;

import io.microcosm.entity.CborSerializable;

/**
 * Health, mana and stamina, current and maximum. Stamina recovers with time: {@code spSince} is the
 * moment from which recovery is counted, so recovery is computed when needed instead of ticking.
 */
public record Vitals(int hp, int hpMax, int mp, int mpMax, int sp, int spMax, long spSince) implements CborSerializable {

  public static Vitals full(int hp, int mp, int sp, long now) {
    return new Vitals(hp, hp, mp, mp, sp, sp, now);
  }

  /** Stamina at {@code now}, recovering {@code regenPerMinute} points a minute up to the maximum. */
  public int staminaAt(long now, int regenPerMinute) {
    return recovered(now, regenPerMinute).sp;
  }

  /** These vitals with stamina recovered up to {@code now}, keeping the unspent part of a minute. */
  public Vitals recovered(long now, int regenPerMinute) {
    if (sp >= spMax || regenPerMinute <= 0 || now <= spSince) {
      return sp >= spMax ? new Vitals(hp, hpMax, mp, mpMax, sp, spMax, Math.max(spSince, now)) : this;
    }
    long elapsed = now - spSince;
    long gained = elapsed * regenPerMinute / 60_000;
    if (gained == 0) {
      return this;
    }
    if (sp + gained >= spMax) {
      return new Vitals(hp, hpMax, mp, mpMax, spMax, spMax, now);
    }
    // Rounded down: at most a millisecond per recovery goes to the player, and boundaries stay exact.
    long used = gained * 60_000 / regenPerMinute;
    return new Vitals(hp, hpMax, mp, mpMax, (int) (sp + gained), spMax, spSince + used);
  }

  /** Spends stamina at {@code now}; the caller has checked there is enough. */
  public Vitals spendStamina(int cost, long now, int regenPerMinute) {
    if (cost < 0) {
      throw new IllegalArgumentException("stamina cost must be >= 0, was " + cost);
    }
    Vitals current = recovered(now, regenPerMinute);
    if (current.sp < cost) {
      throw new IllegalStateException("cannot spend " + cost + " stamina, only " + current.sp + " left");
    }
    long since = current.sp >= spMax ? now : current.spSince;
    return new Vitals(hp, hpMax, mp, mpMax, current.sp - cost, spMax, since);
  }
}
