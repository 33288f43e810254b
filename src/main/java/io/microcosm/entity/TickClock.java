package io.microcosm.entity;

import java.time.Duration;
import java.time.Instant;

/**
 * The world's time in ticks. Durations in the game (effects, regrowth, respawns, regeneration) are
 * counted in ticks, and entities compute what time did to them when they next need it, so an idle
 * entity costs nothing between ticks.
 */
@FunctionalInterface
public interface TickClock {

  /** Tick 0 of every world: ticks are counted from here so that every node agrees on the number. */
  Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  long now();

  /** Ticks of {@code interval} since {@link #EPOCH} by the system clock. */
  static TickClock wallClock(Duration interval) {
    return of(java.time.Clock.systemUTC(), interval);
  }

  /** Ticks of {@code interval} since {@link #EPOCH} by {@code clock} (a test moves a manual one). */
  static TickClock of(java.time.Clock clock, Duration interval) {
    long millis = interval.toMillis();
    if (millis < 1) {
      throw new IllegalArgumentException("tick interval must be at least 1 ms, was " + interval);
    }
    long epoch = EPOCH.toEpochMilli();
    return () -> Math.floorDiv(clock.millis() - epoch, millis);
  }
}
