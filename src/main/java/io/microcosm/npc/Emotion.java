package io.microcosm.npc;

import io.microcosm.entity.CborSerializable;
import io.microcosm.world.Personality;

/**
 * An NPC's emotion: a mood with an intensity from 0 to 1. Events push it ({@link #felt}); with time
 * it fades back to the baseline its personality sets ({@link #settled}), also in one step for any
 * number of ticks.
 */
public record Emotion(Mood mood, double intensity) implements CborSerializable {

  /** Below this a mood that is not the baseline's has faded away. */
  static final double FADED = 0.05;

  public static Emotion baseline(Personality p) {
    if (p.extraversion() + p.agreeableness() >= 150) {
      return new Emotion(Mood.JOY, 0.2);
    }
    if (p.neuroticism() >= 60 && p.extraversion() <= 30) {
      return new Emotion(Mood.SADNESS, 0.15);
    }
    return new Emotion(Mood.CALM, 0.0);
  }

  /** Fraction of the distance to the baseline that fades per tick; anxious characters hold on longer. */
  static double fadeRate(Personality p) {
    return 0.012 * (1.5 - Personality.fraction(p.neuroticism()));
  }

  /** The emotion {@code ticks} later with nothing new felt. */
  public Emotion settled(Personality p, long ticks) {
    if (ticks <= 0) {
      return this;
    }
    Emotion base = baseline(p);
    double keep = Math.exp(-fadeRate(p) * ticks);
    if (mood == base.mood) {
      return new Emotion(mood, base.intensity + (intensity - base.intensity) * keep);
    }
    double left = intensity * keep;
    return left < FADED ? base : new Emotion(mood, left);
  }

  /**
   * After feeling {@code mood} with {@code strength} (0 to 1), tempered by personality: anxious
   * people feel fear and sadness more, agreeable people anger less, extraverts joy more. The same
   * mood grows; a different one takes over when it is at least as strong as what is felt now, and
   * otherwise dampens it.
   */
  public Emotion felt(Mood felt, double strength, Personality p) {
    double s = Math.max(0, Math.min(1, strength * temper(felt, p)));
    if (s == 0) {
      return this;
    }
    if (felt == mood) {
      return new Emotion(mood, Math.min(1, intensity + s * (1 - intensity)));
    }
    if (s >= intensity) {
      return new Emotion(felt, s);
    }
    return new Emotion(mood, Math.max(0, intensity - s / 2));
  }

  /** A weak pull towards the emotion of someone nearby ("resonance"). */
  public Emotion resonated(Emotion other, Personality p) {
    if (other.mood == Mood.CALM || other.intensity < 0.2) {
      return this;
    }
    return felt(other.mood, other.intensity * 0.2 * (0.5 + Personality.fraction(p.agreeableness())), p);
  }

  private static double temper(Mood mood, Personality p) {
    return switch (mood) {
      case FEAR, SADNESS -> 0.6 + 0.8 * Personality.fraction(p.neuroticism());
      case ANGER -> 1.4 - 0.8 * Personality.fraction(p.agreeableness());
      case JOY -> 0.7 + 0.6 * Personality.fraction(p.extraversion());
      case CALM -> 1.0;
    };
  }

  public double of(Mood m) {
    return mood == m ? intensity : 0;
  }
}
