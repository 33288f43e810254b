package io.microcosm.world;

/**
 * The five traits of an NPC's character, each 0 to 100 (50 is ordinary). They set an NPC's emotional
 * baseline, how fast its needs for company grow, and how it weighs work, company and danger.
 */
public record Personality(int openness, int conscientiousness, int extraversion, int agreeableness, int neuroticism) {

  public static final Personality ORDINARY = new Personality(50, 50, 50, 50, 50);

  public Personality {
    for (int trait : new int[] {openness, conscientiousness, extraversion, agreeableness, neuroticism}) {
      if (trait < 0 || trait > 100) {
        throw new IllegalArgumentException("personality traits are 0 to 100, was " + trait);
      }
    }
  }

  /** A trait as a fraction, 0.0 to 1.0. */
  public static double fraction(int trait) {
    return trait / 100.0;
  }
}
