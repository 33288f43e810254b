package io.microcosm.location;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How a location behaves when many are present, from {@code microcosm.location} in the configuration.
 *
 * <p>Announcing each arrival to everyone present costs the square of the crowd: a thousand
 * characters joining at one place would push half a million messages. Above {@code size} occupants
 * a location instead gathers arrivals and departures and announces them together once per
 * {@code interval}; and what someone sees on looking names at most {@code listed} of those present
 * (with the total), so a view stays small however full the place is.
 *
 * @param size occupants above which arrivals and departures are announced together
 * @param interval how often such a crowded place announces who came and went
 * @param listed how many of those present a view names
 */
public record Crowds(int size, Duration interval, int listed) {

  /** As shipped: crowds above 12, announced every 2 seconds; views name 20. */
  public static final Crowds DEFAULT = new Crowds(12, Duration.ofSeconds(2), 20);

  public Crowds {
    if (size < 1) {
      throw new IllegalArgumentException("microcosm.location.crowd-size must be >= 1, was " + size);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("microcosm.location.crowd-interval must be positive, was " + interval);
    }
    if (listed < 1) {
      throw new IllegalArgumentException("microcosm.location.view-occupants must be >= 1, was " + listed);
    }
  }

  public static Crowds fromConfig(Config config) {
    Config c = config.getConfig("microcosm.location");
    return new Crowds(c.getInt("crowd-size"), c.getDuration("crowd-interval"), c.getInt("view-occupants"));
  }

  boolean crowded(int present) {
    return present > size;
  }
}
