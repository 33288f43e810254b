package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.microcosm.rules.StandingRules.Tier;
import io.microcosm.world.FactionDef;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandingRulesTest {

  static final Map<String, FactionDef> FACTIONS = new LinkedHashMap<>();

  static {
    FACTIONS.put("folk", new FactionDef("folk", "the Folk", "", Map.of("order", 40, "guild", 10), 10));
    FACTIONS.put("order", new FactionDef("order", "the Order", "", Map.of("folk", 40, "guild", -20), 0));
    FACTIONS.put("guild", new FactionDef("guild", "the Guild", "", Map.of("folk", 10, "order", -20), 0));
  }

  @Test
  void tiers_cover_the_range_in_bands() {
    assertEquals(Tier.HOSTILE, StandingRules.tierOf(-100));
    assertEquals(Tier.HOSTILE, StandingRules.tierOf(-60));
    assertEquals(Tier.UNFRIENDLY, StandingRules.tierOf(-59));
    assertEquals(Tier.UNFRIENDLY, StandingRules.tierOf(-20));
    assertEquals(Tier.NEUTRAL, StandingRules.tierOf(-19));
    assertEquals(Tier.NEUTRAL, StandingRules.tierOf(19));
    assertEquals(Tier.FRIENDLY, StandingRules.tierOf(20));
    assertEquals(Tier.FRIENDLY, StandingRules.tierOf(59));
    assertEquals(Tier.HONOURED, StandingRules.tierOf(60));
    assertEquals(Tier.HONOURED, StandingRules.tierOf(100));
  }

  @Test
  void a_deed_carries_to_friends_and_against_rivals_by_relation() {
    assertEquals(Map.of("order", 10, "folk", 4, "guild", -2), StandingRules.spread(FACTIONS, "order", 10));
    assertEquals(Map.of("guild", 10, "folk", 1, "order", -2), StandingRules.spread(FACTIONS, "guild", 10));
    assertEquals(Map.of("order", 2), StandingRules.spread(FACTIONS, "order", 2), "small deeds stay with the faction");
    assertEquals(Map.of(), StandingRules.spread(FACTIONS, "nobody", 10));
  }

  @Test
  void standing_starts_at_the_default_and_stays_in_range() {
    assertEquals(10, StandingRules.of(FACTIONS, Map.of(), "folk"));
    Map<String, Integer> s = StandingRules.apply(FACTIONS, Map.of(), Map.of("folk", 5, "order", -300));
    assertEquals(15, s.get("folk"));
    assertEquals(-100, s.get("order"));
    assertEquals(100, StandingRules.apply(FACTIONS, s, Map.of("folk", 500)).get("folk"));
  }
}
