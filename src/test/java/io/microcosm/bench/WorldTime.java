package io.microcosm.bench;

import io.microcosm.entity.TickClock;
import java.time.Duration;

/**
 * The world's clock for a benchmark run: ticks counted like the production wall clock, but their
 * length can change between workloads. The count never goes back, whatever the new pace, so
 * respawns, regrowth and regeneration stay consistent across the change.
 *
 * <p>Closed-loop clients act every few milliseconds, a person every second or two; running world
 * time faster keeps stamina, regrowth and respawns in the same proportion to the actions.
 */
final class WorldTime implements TickClock {

  /** From {@code startNanos} on, tick {@code startTick} and one more every {@code nanosPerTick}. */
  private record Pace(long startNanos, long startTick, long nanosPerTick) {}

  private volatile Pace pace;

  WorldTime(Duration tick) {
    long nanosPerTick = checked(tick);
    long millis = System.currentTimeMillis();
    long start = Math.floorDiv(millis - EPOCH.toEpochMilli(), tick.toMillis());
    this.pace = new Pace(System.nanoTime(), start, nanosPerTick);
  }

  @Override
  public long now() {
    Pace p = pace;
    return p.startTick() + Math.max(0, System.nanoTime() - p.startNanos()) / p.nanosPerTick();
  }

  /** From now on a tick lasts {@code tick}; the count goes on from the current tick. */
  synchronized void setTick(Duration tick) {
    long nanosPerTick = checked(tick);
    long nanos = System.nanoTime();
    Pace p = pace;
    long current = p.startTick() + Math.max(0, nanos - p.startNanos()) / p.nanosPerTick();
    pace = new Pace(nanos, current, nanosPerTick);
  }

  Duration tick() {
    return Duration.ofNanos(pace.nanosPerTick());
  }

  private static long checked(Duration tick) {
    if (tick.toMillis() < 1) {
      throw new IllegalArgumentException("a tick must last at least 1 ms, not " + tick);
    }
    return tick.toNanos();
  }
}
