package io.microcosm.clock;

import com.typesafe.config.Config;

/**
 * Turns ticks into the world's time of day, day count and season. Tick 0 is the first minute of
 * day 1, spring, year 1. A pure function of the tick: every node and every replay agrees.
 *
 * @param minutesPerTick game minutes that pass in one tick (1: a tick of one second makes a game day
 *     last 24 real minutes)
 * @param daysPerSeason game days in a season; a year is four seasons
 */
public record Calendar(int minutesPerTick, int daysPerSeason) {

  public static final int MINUTES_PER_DAY = 24 * 60;

  public Calendar {
    if (minutesPerTick < 1 || minutesPerTick > MINUTES_PER_DAY) {
      throw new IllegalArgumentException(
          "microcosm.clock.minutes-per-tick must be 1.." + MINUTES_PER_DAY + ", was " + minutesPerTick);
    }
    if (daysPerSeason < 1) {
      throw new IllegalArgumentException("microcosm.clock.days-per-season must be >= 1, was " + daysPerSeason);
    }
  }

  public static Calendar fromConfig(Config config) {
    Config c = config.getConfig("microcosm.clock");
    return new Calendar(c.getInt("minutes-per-tick"), c.getInt("days-per-season"));
  }

  public WorldTime at(long tick) {
    long minutes = Math.multiplyExact(Math.max(0, tick), (long) minutesPerTick);
    long day = minutes / MINUTES_PER_DAY;
    int minuteOfDay = (int) (minutes % MINUTES_PER_DAY);
    long seasonIndex = day / daysPerSeason;
    Season season = Season.values()[(int) (seasonIndex % 4)];
    return new WorldTime(tick, day + 1, minuteOfDay, season, (int) (day % daysPerSeason) + 1, seasonIndex / 4 + 1,
        WorldTime.DayPhase.of(minuteOfDay));
  }

  /** Ticks in one game day (rounded up when a tick does not divide the day). */
  public long ticksPerDay() {
    return (MINUTES_PER_DAY + minutesPerTick - 1) / minutesPerTick;
  }

  /** The first tick of game day {@code day} (counting from 1) at {@code minuteOfDay}. */
  public long tickOf(long day, int minuteOfDay) {
    long minutes = (day - 1) * MINUTES_PER_DAY + minuteOfDay;
    return (minutes + minutesPerTick - 1) / minutesPerTick;
  }
}
