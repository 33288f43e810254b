package io.microcosm.clock;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The weather of every zone, seeded by the world and the zone. Weather holds for a period of
 * {@code periodTicks} and then either stays (with {@code persistPercent} %) or is drawn afresh from
 * the season's odds. Periods are grouped in fronts of {@link #PERIODS_PER_FRONT}; each front starts
 * from its own seed, so the weather at any tick is computed in a few steps without replaying
 * history, and is the same on every node, in every replay and after every restart.
 */
public final class WeatherModel {

  public static final int PERIODS_PER_FRONT = 12;

  /** Odds of each weather by season, in percent (each row adds up to 100). */
  private static final Map<Season, int[]> ODDS = new EnumMap<>(Map.of(
      //                  CLEAR CLOUDY FOG RAIN STORM SNOW
      Season.SPRING, new int[] {35, 25, 10, 25, 5, 0},
      Season.SUMMER, new int[] {55, 20, 5, 12, 8, 0},
      Season.AUTUMN, new int[] {25, 25, 20, 22, 8, 0},
      Season.WINTER, new int[] {20, 25, 15, 5, 5, 30}));

  private final long worldSeed;
  private final Calendar calendar;
  private final int periodTicks;
  private final int persistPercent;

  public WeatherModel(long worldSeed, Calendar calendar, int periodTicks, int persistPercent) {
    if (periodTicks < 1) {
      throw new IllegalArgumentException("microcosm.weather.period-ticks must be >= 1, was " + periodTicks);
    }
    if (persistPercent < 0 || persistPercent > 100) {
      throw new IllegalArgumentException("microcosm.weather.persist-percent must be 0..100, was " + persistPercent);
    }
    this.worldSeed = worldSeed;
    this.calendar = calendar;
    this.periodTicks = periodTicks;
    this.persistPercent = persistPercent;
  }

  public int periodTicks() {
    return periodTicks;
  }

  /** The percent odds of each weather in {@code season}, in {@link Weather} order. */
  public static int odds(Season season, Weather weather) {
    return ODDS.get(season)[weather.ordinal()];
  }

  public Weather at(String zone, long tick) {
    long period = Math.floorDiv(Math.max(0, tick), periodTicks);
    long front = Math.floorDiv(period, PERIODS_PER_FRONT);
    long first = front * PERIODS_PER_FRONT;
    SplittableRandom rng = new SplittableRandom(seed(zone, front));
    Weather weather = draw(calendar.at(first * periodTicks).season(), rng);
    for (long p = first + 1; p <= period; p++) {
      // Both numbers are drawn every step, so one period's outcome never shifts the next one's dice.
      int stay = rng.nextInt(100);
      Weather fresh = draw(calendar.at(p * periodTicks).season(), rng);
      if (stay >= persistPercent) {
        weather = fresh;
      }
    }
    // Snow melts into rain outside winter, wherever the front came from.
    Season now = calendar.at(tick).season();
    return weather == Weather.SNOW && now != Season.WINTER ? Weather.RAIN : weather;
  }

  private static Weather draw(Season season, SplittableRandom rng) {
    int roll = rng.nextInt(100);
    int[] odds = ODDS.get(season);
    for (Weather w : Weather.values()) {
      roll -= odds[w.ordinal()];
      if (roll < 0) {
        return w;
      }
    }
    return Weather.CLEAR;
  }

  private long seed(String zone, long front) {
    long h = worldSeed ^ 0x5DEECE66DL;
    for (int i = 0; i < zone.length(); i++) {
      h = h * 31 + zone.charAt(i);
    }
    return new SplittableRandom(h ^ (front * 0x9E3779B97F4A7C15L)).nextLong();
  }
}
