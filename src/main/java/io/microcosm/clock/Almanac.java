package io.microcosm.clock;

import com.typesafe.config.Config;
import io.microcosm.world.World;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The world's almanac: for any zone and tick, the time of day, the season, the weather and the world
 * events under way. A pure function of the world's seed, the configuration and the tick, so the
 * clock, the zones, locations and creatures all read the same answer without asking each other, a
 * zone that catches up computes exactly what it would have seen tick by tick, and replays agree.
 */
public final class Almanac {

  private final Calendar calendar;
  private final WeatherModel weather;
  private final List<Perturbation> events;

  public Almanac(Calendar calendar, WeatherModel weather, List<Perturbation> events) {
    this.calendar = calendar;
    this.weather = weather;
    this.events = List.copyOf(events);
  }

  /** From {@code microcosm.clock}, {@code microcosm.weather} and {@code microcosm.world-events.<world>}. */
  public static Almanac fromConfig(Config config, World world) {
    Calendar calendar = Calendar.fromConfig(config);
    Config w = config.getConfig("microcosm.weather");
    List<Perturbation> events = Perturbation.fromConfig(config, world.name());
    for (Perturbation p : events) {
      for (String zone : p.zones()) {
        if (!world.zones().containsKey(zone)) {
          throw new IllegalArgumentException("microcosm.world-events '" + p.id() + "': zone '" + zone
              + "' is not in world '" + world.name() + "' (zones: " + String.join(", ", world.zones().keySet()) + ")");
        }
      }
      for (String kind : p.aggressiveKinds()) {
        if (!world.creatureKinds().containsKey(kind)) {
          throw new IllegalArgumentException("microcosm.world-events '" + p.id() + "': creature kind '" + kind
              + "' is not in world '" + world.name() + "'");
        }
      }
    }
    return new Almanac(calendar, new WeatherModel(world.seed(), calendar, w.getInt("period-ticks"),
        w.getInt("persist-percent")), events);
  }

  /** One game minute a tick, seasons of seven days, hourly weather, no world events. */
  public static Almanac calm(World world) {
    Calendar calendar = new Calendar(1, 7);
    return new Almanac(calendar, new WeatherModel(world.seed(), calendar, 60, 65), List.of());
  }

  public Calendar calendar() {
    return calendar;
  }

  public WeatherModel weatherModel() {
    return weather;
  }

  public List<Perturbation> events() {
    return events;
  }

  public Optional<Perturbation> event(String id) {
    return events.stream().filter(e -> e.id().equals(id)).findFirst();
  }

  public WorldTime time(long tick) {
    return calendar.at(tick);
  }

  public Conditions conditions(String zone, long tick) {
    List<String> active = new ArrayList<>();
    Weather sky = null;
    int gather = 0;
    int roam = 0;
    Set<String> aggressive = new HashSet<>();
    for (Perturbation p : events) {
      if (p.touches(zone) && p.activeAt(tick, calendar)) {
        active.add(p.id());
        if (sky == null && p.weather() != null) {
          sky = p.weather();
        }
        gather += p.gatherPercent();
        roam += p.roamPercent();
        aggressive.addAll(p.aggressiveKinds());
      }
    }
    if (sky == null) {
      sky = weather.at(zone, tick);
    }
    return new Conditions(zone, calendar.at(tick), sky, active, sky.gatherPercent() + gather, aggressive, roam);
  }
}
