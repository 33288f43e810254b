package io.microcosm.npc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import org.junit.jupiter.api.Test;

/** NPC schedules keep the world clock's day: unset, the day follows the clock; set apart from it, the node refuses. */
class NpcSettingsTest {

  private static Config config(String overrides) {
    return MicrocosmConfig.load(ConfigFactory.parseString(overrides));
  }

  @Test
  void the_npc_day_follows_the_clock_when_not_set() {
    assertEquals(1440, NpcEntity.settingsFrom(config("")).day().ticksPerDay());
    assertEquals(720, NpcEntity.settingsFrom(config("microcosm.clock.minutes-per-tick = 2")).day().ticksPerDay());
    assertEquals(96, NpcEntity.settingsFrom(config("microcosm.clock.minutes-per-tick = 15")).day().ticksPerDay());
  }

  @Test
  void a_day_set_to_agree_with_the_clock_is_accepted() {
    assertEquals(720, NpcEntity.settingsFrom(config("""
        microcosm.clock.minutes-per-tick = 2
        microcosm.npc.ticks-per-day = 720
        """)).day().ticksPerDay());
  }

  @Test
  void a_day_that_disagrees_with_the_clock_is_refused_with_both_figures() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpcEntity.settingsFrom(config("""
        microcosm.clock.minutes-per-tick = 2
        microcosm.npc.ticks-per-day = 1440
        """)));
    assertTrue(e.getMessage().contains("1440") && e.getMessage().contains("720"), e.getMessage());
  }
}
