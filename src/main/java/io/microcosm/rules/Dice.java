package io.microcosm.rules;

import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Where the game's randomness comes from. Every roll is drawn from a generator seeded by the
 * entity's seed and the command's id, and that seed is stored with the outcome, so a replay can
 * recompute any outcome and a retried command rolls exactly as before.
 */
public final class Dice {

  private Dice() {}

  /** A stable seed for an entity, from the world's seed and the entity's id. */
  public static long entitySeed(long worldSeed, String entityId) {
    long h = worldSeed ^ 0x9E3779B97F4A7C15L;
    for (int i = 0; i < entityId.length(); i++) {
      h = mix(h + entityId.charAt(i));
    }
    return h;
  }

  /** The seed of the rolls for one command. */
  public static long rollSeed(long entitySeed, UUID commandId) {
    return mix(entitySeed ^ mix(commandId.getMostSignificantBits()) ^ commandId.getLeastSignificantBits());
  }

  /** The seed of what an entity does of its own accord at world tick {@code tick}. */
  public static long tickSeed(long entitySeed, long tick) {
    return mix(entitySeed ^ mix(tick ^ 0x632BE59BD9B4E019L));
  }

  public static SplittableRandom roll(long rollSeed) {
    return new SplittableRandom(rollSeed);
  }

  /** True with {@code percent} % probability. */
  public static boolean chance(SplittableRandom rng, int percent) {
    return percent > 0 && (percent >= 100 || rng.nextInt(100) < percent);
  }

  // The finaliser of SplitMix64: spreads every input bit over the output.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
