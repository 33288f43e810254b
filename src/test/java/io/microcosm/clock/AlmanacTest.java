package io.microcosm.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlmanacTest {

  private final Calendar calendar = new Calendar(1, 7);

  @Test
  void tick_zero_is_the_first_minute_of_spring_and_the_seasons_turn_every_seven_days() {
    WorldTime start = calendar.at(0);
    assertEquals(1, start.day());
    assertEquals(Season.SPRING, start.season());
    assertEquals("00:00", start.clock());
    assertEquals(WorldTime.DayPhase.NIGHT, start.phase());
    WorldTime noon = calendar.at(12 * 60);
    assertEquals("12:00", noon.clock());
    assertEquals(WorldTime.DayPhase.DAY, noon.phase());
    assertEquals(WorldTime.DayPhase.DAWN, calendar.at(5 * 60 + 30).phase());
    assertEquals(WorldTime.DayPhase.DUSK, calendar.at(20 * 60).phase());
    assertEquals(Season.SUMMER, calendar.at(7 * 1440).season());
    assertEquals(8, calendar.at(7 * 1440).day());
    assertEquals(1, calendar.at(7 * 1440).dayOfSeason());
    assertEquals(Season.WINTER, calendar.at(27 * 1440 + 1439).season());
    WorldTime nextYear = calendar.at(28 * 1440);
    assertEquals(Season.SPRING, nextYear.season());
    assertEquals(2, nextYear.year());
    assertEquals(28 * 1440, calendar.tickOf(29, 0));
  }

  @Test
  void a_calendar_refuses_impossible_settings_naming_the_key() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Calendar(0, 7));
    assertTrue(e.getMessage().contains("minutes-per-tick"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Calendar(1, 0));
    assertTrue(e.getMessage().contains("days-per-season"), e.getMessage());
  }

  @Test
  void weather_is_the_same_for_the_same_seed_zone_and_tick_and_changes_only_between_periods() {
    WeatherModel a = new WeatherModel(1729, calendar, 60, 65);
    WeatherModel b = new WeatherModel(1729, calendar, 60, 65);
    WeatherModel other = new WeatherModel(1730, calendar, 60, 65);
    int differ = 0;
    for (long tick = 0; tick < 28 * 1440; tick += 7) {
      assertEquals(a.at("vale", tick), b.at("vale", tick));
      assertEquals(a.at("vale", tick), a.at("vale", tick - tick % 60), "weather holds for a whole period");
      if (a.at("vale", tick) != other.at("vale", tick)) {
        differ++;
      }
    }
    assertTrue(differ > 100, "another seed gives other weather; differed at " + differ + " samples");
  }

  @Test
  void a_year_of_weather_follows_the_seasons() {
    WeatherModel model = new WeatherModel(1729, calendar, 60, 65);
    Map<Season, Map<Weather, Integer>> seen = new EnumMap<>(Season.class);
    int changes = 0;
    Weather last = null;
    // Four years, every period, in two zones: 2 x 4 x 28 x 24 = 5,376 periods.
    for (String zone : List.of("vale", "wilds")) {
      for (long tick = 0; tick < 4 * 28 * 1440; tick += 60) {
        Weather w = model.at(zone, tick);
        seen.computeIfAbsent(calendar.at(tick).season(), s -> new EnumMap<>(Weather.class)).merge(w, 1, Integer::sum);
        if (last != null && w != last) {
          changes++;
        }
        last = w;
      }
    }
    for (Season season : List.of(Season.SPRING, Season.SUMMER, Season.AUTUMN)) {
      assertFalse(seen.get(season).containsKey(Weather.SNOW), "no snow in " + season + ": " + seen.get(season));
    }
    assertTrue(seen.get(Season.WINTER).getOrDefault(Weather.SNOW, 0) > 100, "winter brings snow: " + seen.get(Season.WINTER));
    assertTrue(share(seen, Season.SUMMER, Weather.CLEAR) > share(seen, Season.WINTER, Weather.CLEAR) + 0.15,
        "summer is clearer than winter: " + seen);
    assertTrue(share(seen, Season.AUTUMN, Weather.FOG) > share(seen, Season.SUMMER, Weather.FOG),
        "autumn is foggier than summer: " + seen);
    assertTrue(changes > 1000 && changes < 4500, "weather changes, but holds for a while: " + changes + " changes");
  }

  private static double share(Map<Season, Map<Weather, Integer>> seen, Season season, Weather weather) {
    Map<Weather, Integer> counts = seen.get(season);
    int all = counts.values().stream().mapToInt(Integer::intValue).sum();
    return counts.getOrDefault(weather, 0) / (double) all;
  }

  @Test
  void a_world_event_is_under_way_from_its_start_hour_for_its_hours_on_its_days_only() {
    Perturbation raid = new Perturbation("wolf-raid", "a wolf raid", Set.of("wilds"), null, 2, 6, 20, 6, null, 0,
        Set.of("wolf"), 15, "begins", "ends");
    assertFalse(raid.activeAt(calendar.tickOf(2, 19 * 60 + 59), calendar));
    assertTrue(raid.activeAt(calendar.tickOf(2, 20 * 60), calendar));
    assertTrue(raid.activeAt(calendar.tickOf(3, 1 * 60 + 59), calendar), "it runs on past midnight");
    assertFalse(raid.activeAt(calendar.tickOf(3, 2 * 60), calendar));
    assertFalse(raid.activeAt(calendar.tickOf(5, 21 * 60), calendar), "not on other days");
    assertTrue(raid.activeAt(calendar.tickOf(8, 21 * 60), calendar), "again six days later");
    assertFalse(raid.activeAt(calendar.tickOf(1, 21 * 60), calendar), "never before its first day");
    assertTrue(raid.touches("wilds"));
    assertFalse(raid.touches("vale"));

    Perturbation festival = new Perturbation("harvest", "harvest", Set.of(), Season.AUTUMN, 1, 1, 8, 2, null, 50,
        Set.of(), 0, "b", "e");
    assertFalse(festival.activeAt(calendar.tickOf(3, 9 * 60), calendar), "day 3 is spring");
    assertTrue(festival.activeAt(calendar.tickOf(15, 9 * 60), calendar), "day 15 is autumn");
  }

  @Test
  void conditions_combine_the_weather_with_the_events_under_way() {
    Perturbation storm = new Perturbation("storm-front", "a storm front", Set.of("vale"), null, 1, 1, 0, 24, Weather.STORM,
        0, Set.of(), 0, "b", "e");
    Perturbation festival = new Perturbation("festival", "a festival", Set.of(), null, 1, 1, 0, 24, null, 50,
        Set.of("wolf"), 10, "b", "e");
    Almanac almanac = new Almanac(calendar, new WeatherModel(1, calendar, 60, 65), List.of(storm, festival));
    Conditions vale = almanac.conditions("vale", 100);
    assertEquals(Weather.STORM, vale.weather());
    assertEquals(List.of("storm-front", "festival"), vale.events());
    assertEquals(Weather.STORM.gatherPercent() + 50, vale.gatherPercent());
    assertEquals(Set.of("wolf"), vale.aggressiveKinds());
    assertEquals(10, vale.roamPercent());
    Conditions mines = almanac.conditions("mines", 100);
    assertEquals(List.of("festival"), mines.events());
    assertEquals(new WeatherModel(1, calendar, 60, 65).at("mines", 100), mines.weather());
  }

  @Test
  void the_shipped_configuration_schedules_the_vales_events_and_other_worlds_have_none() {
    World vale = WorldLoader.load("vale");
    Almanac almanac = Almanac.fromConfig(MicrocosmConfig.load(), vale);
    List<String> ids = new ArrayList<>(almanac.events().stream().map(Perturbation::id).toList());
    assertEquals(List.of("storm-front", "wolf-raid", "harvest-festival", "market-day"), ids);
    Almanac keep = Almanac.fromConfig(MicrocosmConfig.load(), io.microcosm.testkit.TestWorlds.keep());
    assertTrue(keep.events().isEmpty());
    // Over four game years each event happens, in its own zones only.
    Map<String, Set<String>> zonesSeen = new java.util.HashMap<>();
    for (long tick = 0; tick < 4 * 28 * 1440; tick += 30) {
      for (String zone : vale.zones().keySet()) {
        for (String e : almanac.conditions(zone, tick).events()) {
          zonesSeen.computeIfAbsent(e, k -> new java.util.TreeSet<>()).add(zone);
        }
      }
    }
    assertEquals(Set.of("vale", "wilds", "highlands"), zonesSeen.get("storm-front"));
    assertEquals(Set.of("wilds"), zonesSeen.get("wolf-raid"));
    assertEquals(Set.of("vale"), zonesSeen.get("harvest-festival"));
    assertEquals(Set.of("vale"), zonesSeen.get("market-day"));
  }

  @Test
  void a_bad_world_event_is_refused_naming_the_event_and_what_is_wrong() {
    World vale = WorldLoader.load("vale");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Almanac.fromConfig(
        MicrocosmConfig.load(ConfigFactory.parseString(
            "microcosm.world-events.vale = [{id = hail, name = hail, every-days = 3, start-hour = 2, hours = 2,"
                + " weather = hail, begins = b, ends = e}]")), vale));
    assertTrue(e.getMessage().contains("'hail'") && e.getMessage().contains("weather")
        && e.getMessage().contains(Weather.allowedValues()), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Almanac.fromConfig(
        MicrocosmConfig.load(ConfigFactory.parseString(
            "microcosm.world-events.vale = [{id = flood, name = flood, zones = [atlantis], every-days = 3,"
                + " start-hour = 2, hours = 2, begins = b, ends = e}]")), vale));
    assertTrue(e.getMessage().contains("'flood'") && e.getMessage().contains("atlantis"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Almanac.fromConfig(
        MicrocosmConfig.load(ConfigFactory.parseString(
            "microcosm.world-events.vale = [{id = fair, name = fair, every-days = 3, start-hour = 25, hours = 2,"
                + " begins = b, ends = e}]")), vale));
    assertTrue(e.getMessage().contains("'fair'") && e.getMessage().contains("start-hour"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Almanac.fromConfig(
        MicrocosmConfig.load(ConfigFactory.parseString(
            "microcosm.world-events.vale = [{id = fair, name = fair, start-hour = 2, hours = 2, begins = b, ends = e}]")),
        vale));
    assertTrue(e.getMessage().contains("'fair'") && e.getMessage().contains("every-days"), e.getMessage());
  }
}
