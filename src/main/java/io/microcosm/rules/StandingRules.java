package io.microcosm.rules;

import io.microcosm.world.FactionDef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A player's standing with a faction: -100 to 100, read as a named tier. Deeds for one faction
 * carry over to the others by their relations: a faction that regards it at {@code r} (-100..100)
 * moves by {@code r} percent of the change, rounded towards zero, so friends gain a little and
 * rivals lose a little.
 */
public final class StandingRules {

  public static final int MIN = -100;
  public static final int MAX = 100;

  /** Standing gained with an NPC's faction for handing it a gift. */
  public static final int GIFT = 1;
  /** Standing gained with an NPC's faction for each unit that meets its need. */
  public static final int HELP_PER_UNIT = 2;

  /** Named bands of standing, lowest first. */
  public enum Tier {
    HOSTILE(MIN), UNFRIENDLY(-59), NEUTRAL(-19), FRIENDLY(20), HONOURED(60);

    /** The lowest standing in the band. */
    public final int from;

    Tier(int from) {
      this.from = from;
    }

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private StandingRules() {}

  public static int clamp(int standing) {
    return Math.max(MIN, Math.min(MAX, standing));
  }

  public static Tier tierOf(int standing) {
    Tier tier = Tier.HOSTILE;
    for (Tier t : Tier.values()) {
      if (standing >= t.from) {
        tier = t;
      }
    }
    return tier;
  }

  /**
   * The changes a deed worth {@code delta} with {@code faction} makes, by faction id: the faction
   * itself, then every other that has a relation to it. Factions left unmoved are absent.
   */
  public static Map<String, Integer> spread(Map<String, FactionDef> factions, String faction, int delta) {
    Map<String, Integer> changes = new LinkedHashMap<>();
    if (delta == 0 || !factions.containsKey(faction)) {
      return changes;
    }
    changes.put(faction, delta);
    for (FactionDef other : factions.values()) {
      Integer relation = other.relations().get(faction);
      if (other.id().equals(faction) || relation == null) {
        continue;
      }
      int moved = delta * relation / 100;
      if (moved != 0) {
        changes.put(other.id(), moved);
      }
    }
    return changes;
  }

  /** Standing after {@code changes}, starting from each faction's default where none is kept yet. */
  public static Map<String, Integer> apply(Map<String, FactionDef> factions, Map<String, Integer> standing,
      Map<String, Integer> changes) {
    Map<String, Integer> next = new LinkedHashMap<>(standing);
    changes.forEach((faction, delta) -> {
      FactionDef def = factions.get(faction);
      int from = next.getOrDefault(faction, def == null ? 0 : def.standing());
      next.put(faction, clamp(from + delta));
    });
    return next;
  }

  /** The standing with {@code faction}: the kept value, else the faction's default. */
  public static int of(Map<String, FactionDef> factions, Map<String, Integer> standing, String faction) {
    Integer kept = standing.get(faction);
    if (kept != null) {
      return kept;
    }
    FactionDef def = factions.get(faction);
    return def == null ? 0 : def.standing();
  }
}
