package io.microcosm.zone;

import com.typesafe.config.Config;

/**
 * How zones tick their residents, from {@code microcosm.zone}.
 *
 * @param lodEvery while no player is in a zone, residents that allow it are ticked only every this
 *     many ticks (1: every tick); they catch up on the ticks between at once
 * @param maxCatchUp at most this many of the latest ticks are lived after a long pause (the world was
 *     down, or a zone was asleep); older ones pass without anyone acting in them
 */
public record ZoneSettings(int lodEvery, long maxCatchUp) {

  public ZoneSettings {
    if (lodEvery < 1) {
      throw new IllegalArgumentException("microcosm.zone.lod-every must be >= 1, was " + lodEvery);
    }
    if (maxCatchUp < lodEvery) {
      throw new IllegalArgumentException(
          "microcosm.zone.max-catch-up must be at least lod-every (" + lodEvery + "), was " + maxCatchUp);
    }
  }

  public static ZoneSettings fromConfig(Config config) {
    Config c = config.getConfig("microcosm.zone");
    return new ZoneSettings(c.getInt("lod-every"), c.getLong("max-catch-up"));
  }
}
