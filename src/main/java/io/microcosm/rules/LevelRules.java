package io.microcosm.rules;

/**
 * Experience and levels. Level {@code L} needs {@code 25 * (L - 1) * L} experience in total, so each
 * level costs 50 more than the one before; the curve is strictly increasing.
 */
public final class LevelRules {

  public static final int MAX_LEVEL = 20;

  private LevelRules() {}

  /** Total experience needed to reach {@code level} (0 for level 1). */
  public static long expToReach(int level) {
    if (level < 1 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("level must be 1.." + MAX_LEVEL + ", was " + level);
    }
    return 25L * (level - 1) * level;
  }

  /** The level that {@code exp} total experience gives. */
  public static int levelFor(long exp) {
    int level = 1;
    while (level < MAX_LEVEL && exp >= expToReach(level + 1)) {
      level++;
    }
    return level;
  }

  /** Experience still missing to the next level, or 0 at the top level. */
  public static long expToNext(long exp) {
    int level = levelFor(exp);
    return level == MAX_LEVEL ? 0 : expToReach(level + 1) - exp;
  }

  /**
   * Experience after dying: a tenth of what was gained towards the next level is lost, never a
   * level itself.
   */
  public static long afterDeath(long exp) {
    long floor = expToReach(levelFor(exp));
    return exp - (exp - floor) / 10;
  }
}
