package io.microcosm.npc;

/**
 * Time of day from world ticks: tick 0 is midnight of day 0. It must agree with the world clock's
 * day length ({@code microcosm.npc.ticks-per-day}).
 */
public record DayCycle(long ticksPerDay) {

  public DayCycle {
    if (ticksPerDay < 24) {
      throw new IllegalArgumentException("a day must have at least 24 ticks, was " + ticksPerDay);
    }
  }

  public int hourOf(long tick) {
    return (int) (Math.floorMod(tick, ticksPerDay) * 24 / ticksPerDay);
  }

  public long dayOf(long tick) {
    return Math.floorDiv(tick, ticksPerDay);
  }

  public boolean isNight(long tick) {
    int h = hourOf(tick);
    return h >= 22 || h < 6;
  }
}
