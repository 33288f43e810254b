package io.microcosm.clock;

import io.microcosm.entity.CborSerializable;

/**
 * What a tick means on the world's calendar.
 *
 * @param day days since the world's first tick, counting from 1
 * @param minuteOfDay 0 .. 1439, game minutes since midnight
 * @param year counting from 1
 * @param dayOfSeason counting from 1
 */
public record WorldTime(
    long tick, long day, int minuteOfDay, Season season, int dayOfSeason, long year, DayPhase phase)
    implements CborSerializable {

  /** The part of the day, for schedules and for what players are told. */
  public enum DayPhase {
    NIGHT, DAWN, DAY, DUSK;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static DayPhase of(int minuteOfDay) {
      int hour = minuteOfDay / 60;
      if (hour >= 5 && hour < 7) {
        return DAWN;
      } else if (hour >= 7 && hour < 19) {
        return DAY;
      } else if (hour >= 19 && hour < 21) {
        return DUSK;
      }
      return NIGHT;
    }
  }

  public int hour() {
    return minuteOfDay / 60;
  }

  public int minute() {
    return minuteOfDay % 60;
  }

  /** {@code 14:05}. */
  public String clock() {
    return String.format(java.util.Locale.ROOT, "%02d:%02d", hour(), minute());
  }
}
