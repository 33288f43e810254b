package io.microcosm.clock;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A scheduled world event (a storm front, a wolf raid, a harvest festival, market day) from
 * {@code microcosm.world-events.<world>}: it begins on day {@code firstDay} at {@code startHour} and then
 * every {@code everyDays} days (in {@code season} only, when one is given), and lasts {@code hours}
 * game hours. While it lasts it may force the weather, change gathering yields, make creatures of
 * some kinds aggressive and restless; players in its zones are told when it begins and ends.
 *
 * @param zones the zones it touches; empty for every zone
 * @param season the only season it happens in, or null for any
 * @param weather the weather it brings, or null to leave the weather alone
 * @param gatherPercent added to gathering yields while it lasts
 * @param aggressiveKinds creature kinds that attack players on sight while it lasts
 * @param roamPercent added to the creatures' chance of wandering off each tick
 */
public record Perturbation(
    String id, String name, Set<String> zones, Season season, int firstDay, int everyDays, int startHour, int hours,
    Weather weather, int gatherPercent, Set<String> aggressiveKinds, int roamPercent, String begins, String ends) {

  public Perturbation {
    zones = Set.copyOf(zones);
    aggressiveKinds = Set.copyOf(aggressiveKinds);
    String where = "microcosm.world-events '" + id + "'";
    if (id == null || !id.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("microcosm.world-events: id must be lower-case letters, digits and '-', was '"
          + id + "'");
    }
    if (firstDay < 1) {
      throw new IllegalArgumentException(where + ": first-day must be >= 1, was " + firstDay);
    }
    if (everyDays < 1) {
      throw new IllegalArgumentException(where + ": every-days must be >= 1, was " + everyDays);
    }
    if (startHour < 0 || startHour > 23) {
      throw new IllegalArgumentException(where + ": start-hour must be 0..23, was " + startHour);
    }
    if (hours < 1 || hours > 24 * everyDays) {
      throw new IllegalArgumentException(where + ": hours must be 1.." + 24 * everyDays
          + " (it may not overlap its own next time), was " + hours);
    }
  }

  public boolean touches(String zone) {
    return zones.isEmpty() || zones.contains(zone);
  }

  /** Whether it is under way at {@code tick}. */
  public boolean activeAt(long tick, Calendar calendar) {
    WorldTime now = calendar.at(tick);
    long minutesNow = (now.day() - 1) * Calendar.MINUTES_PER_DAY + now.minuteOfDay();
    long spanDays = (hours + startHour) / 24 + 1;
    for (long day = now.day(); day >= Math.max(firstDay, now.day() - spanDays); day--) {
      if ((day - firstDay) % everyDays != 0) {
        continue;
      }
      if (season != null && calendar.at(calendar.tickOf(day, 0)).season() != season) {
        continue;
      }
      long start = (day - 1) * Calendar.MINUTES_PER_DAY + startHour * 60L;
      if (minutesNow >= start && minutesNow < start + hours * 60L) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads the list at {@code microcosm.world-events.<world>} (none if absent), with errors that name
   * the entry and the key.
   */
  public static List<Perturbation> fromConfig(Config config, String world) {
    List<Perturbation> events = new ArrayList<>();
    String path = "microcosm.world-events." + world;
    if (!config.hasPath(path)) {
      return List.of();
    }
    List<? extends Config> entries = config.getConfigList(path);
    for (int i = 0; i < entries.size(); i++) {
      Config e = entries.get(i);
      String id = e.hasPath("id") ? e.getString("id") : "#" + (i + 1);
      try {
        events.add(new Perturbation(
            e.getString("id"),
            e.getString("name"),
            Set.copyOf(e.hasPath("zones") ? e.getStringList("zones") : List.of()),
            e.hasPath("season") ? parse(id, "season", e.getString("season"), Season.parse(e.getString("season")).orElse(null),
                Season.allowedValues()) : null,
            e.hasPath("first-day") ? e.getInt("first-day") : 1,
            e.getInt("every-days"),
            e.getInt("start-hour"),
            e.getInt("hours"),
            e.hasPath("weather") ? parse(id, "weather", e.getString("weather"), Weather.parse(e.getString("weather")).orElse(null),
                Weather.allowedValues()) : null,
            e.hasPath("gather-percent") ? e.getInt("gather-percent") : 0,
            Set.copyOf(e.hasPath("aggressive-kinds") ? e.getStringList("aggressive-kinds") : List.of()),
            e.hasPath("roam-percent") ? e.getInt("roam-percent") : 0,
            e.getString("begins"),
            e.getString("ends")));
      } catch (ConfigException ex) {
        throw new IllegalArgumentException("microcosm.world-events '" + id + "': " + ex.getMessage(), ex);
      }
    }
    long distinct = events.stream().map(Perturbation::id).distinct().count();
    if (distinct != events.size()) {
      throw new IllegalArgumentException("microcosm.world-events: every event needs its own id");
    }
    return List.copyOf(events);
  }

  private static <T> T parse(String id, String key, String text, T value, String allowed) {
    if (value == null) {
      throw new IllegalArgumentException(
          "microcosm.world-events '" + id + "': " + key + " '" + text + "' is not one of: " + allowed);
    }
    return value;
  }
}
