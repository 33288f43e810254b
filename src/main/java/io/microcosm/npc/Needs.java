package io.microcosm.npc;

import io.microcosm.entity.CborSerializable;
import io.microcosm.world.NpcActivity;
import io.microcosm.world.Personality;

/**
 * How well each of an NPC's needs is met, from 0 (at its worst) to 100 (fully met). Needs change
 * at a steady rate per tick that depends only on the activity, so their value at any later tick is
 * computed in one step ({@link #settled}) and never has to be stored tick by tick.
 */
public record Needs(double hunger, double energy, double social, double safety) implements CborSerializable {

  public static final double MAX = 100;
  public static final Needs FULL = new Needs(MAX, MAX, MAX, MAX);

  /** The needs {@code ticks} later, the NPC having done {@code activity} throughout. */
  public Needs settled(NpcActivity activity, Personality personality, long ticks) {
    if (ticks <= 0) {
      return this;
    }
    boolean asleep = activity == NpcActivity.SLEEP;
    double hungerRate = asleep ? -0.04 : -0.08;
    double energyRate = switch (activity) {
      case SLEEP -> 0.25;
      case WORK -> -0.1;
      default -> -0.07;
    };
    // extraverts miss company sooner; in company the need is met slowly, chats meet it faster
    double socialRate = activity == NpcActivity.SOCIALISE ? 0.15
        : asleep ? -0.02 : -0.03 - 0.05 * Personality.fraction(personality.extraversion());
    double safetyRate = activity == NpcActivity.SEEK_SAFETY ? 1.0 : 0.3;
    return new Needs(
        clamp(hunger + hungerRate * ticks), clamp(energy + energyRate * ticks),
        clamp(social + socialRate * ticks), clamp(safety + safetyRate * ticks));
  }

  public Needs fed(double amount) {
    return new Needs(clamp(hunger + amount), energy, social, safety);
  }

  public Needs withCompany(double amount) {
    return new Needs(hunger, energy, clamp(social + amount), safety);
  }

  public Needs shaken(double amount) {
    return new Needs(hunger, energy, social, clamp(safety - amount));
  }

  /** How pressing a need is, 0 (met) to 1 (at its worst), rising steeply as it runs low. */
  public static double urgency(double met) {
    double lack = (MAX - met) / MAX;
    return lack * lack;
  }

  public double lowest() {
    return Math.min(Math.min(hunger, energy), Math.min(social, safety));
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(MAX, v));
  }
}
