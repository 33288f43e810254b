package io.microcosm.world;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A quest from world data: offered by {@code giver}, done when every objective is, turned in by
 * talking to the giver again.
 *
 * @param minStanding the standing with the giver's faction a player needs to be offered it
 */
public record QuestDef(String id, String title, String giver, String text, List<Objective> objectives, Rewards rewards,
    int minStanding) {

  public QuestDef {
    objectives = List.copyOf(objectives);
  }

  /** What an objective asks. */
  public enum Kind {
    /** talk to the NPC {@code target} */
    TALK,
    /** gather {@code count} of the item {@code target} */
    GATHER,
    /** craft {@code count} of the item {@code target} */
    CRAFT,
    /** kill {@code count} creatures of the kind {@code target} */
    KILL,
    /** give {@code count} of the item {@code target} to the NPC {@code to} */
    DELIVER,
    /** stand at the location {@code target} */
    REACH;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Kind> parse(String label) {
      for (Kind k : values()) {
        if (k.label().equals(label)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  /** @param to the NPC to deliver to (deliver only), else null */
  public record Objective(Kind kind, String target, int count, String to) {}

  /** @param items item id to count, into the pack; @param standing faction id to points */
  public record Rewards(int exp, Map<String, Integer> items, Map<String, Integer> standing) {

    public Rewards {
      items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
      standing = Collections.unmodifiableMap(new LinkedHashMap<>(standing));
    }
  }
}
