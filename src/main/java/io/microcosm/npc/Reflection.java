package io.microcosm.npc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Insights drawn from recent memories once their summed importance passes a threshold (the
 * Generative Agents mechanism, by rule instead of a language model): about the characters that
 * keep coming up, good or bad; about going hungry; about danger; else about what mattered most.
 * Every insight cites the memories it was drawn from.
 */
public final class Reflection {

  private Reflection() {}

  /** At most this many insights per reflection. */
  static final int MAX_INSIGHTS = 3;
  /** Reflection looks at this many of the latest observations and dialogues. */
  static final int WINDOW = 30;

  public static boolean due(MemoryStream stream, int threshold) {
    return stream.importanceSinceReflection() >= threshold;
  }

  /**
   * @param names the name of a character or place by id, for the insight's words
   */
  public static List<Memory> insights(MemoryStream stream, long now, Function<String, String> names) {
    List<Memory> recent = new ArrayList<>();
    List<Memory> all = stream.memories();
    for (int i = all.size() - 1; i >= 0 && recent.size() < WINDOW; i--) {
      if (all.get(i).type() != MemoryType.REFLECTION) {
        recent.add(0, all.get(i));
      }
    }
    List<Memory> out = new ArrayList<>();
    Map<String, List<Memory>> bySubject = new LinkedHashMap<>();
    for (Memory m : recent) {
      for (String who : m.about()) {
        if (who.contains(".npc.") || !who.contains(".")) {
          bySubject.computeIfAbsent(who, k -> new ArrayList<>()).add(m);
        }
      }
    }
    bySubject.entrySet().stream()
        .filter(e -> e.getValue().size() >= 2)
        .sorted((a, b) -> Integer.compare(weight(b.getValue()), weight(a.getValue())))
        .limit(2)
        .forEach(e -> {
          int valence = e.getValue().stream().mapToInt(Memory::valence).sum();
          String name = names.apply(e.getKey());
          String text = valence > 0 ? name + " has been good to me; I can count on " + name + "."
              : valence < 0 ? name + " has given me trouble; I should be wary of " + name + "."
              : "I keep meeting " + name + "; " + name + " is part of my days now.";
          out.add(insight(now, text, List.of(e.getKey()), Integer.signum(valence), e.getValue()));
        });
    List<Memory> hunger = recent.stream().filter(m -> m.text().contains("hungry") || m.text().contains("no food")).toList();
    if (hunger.size() >= 2 && out.size() < MAX_INSIGHTS) {
      out.add(insight(now, "I have gone hungry too often lately; I must keep more food by me.", List.of(), -1, hunger));
    }
    List<Memory> danger = recent.stream().filter(m -> m.importance() >= Importance.DANGER && m.valence() < 0).toList();
    if (!danger.isEmpty() && out.size() < MAX_INSIGHTS) {
      out.add(insight(now, "These are dangerous days; I should keep close to home.", List.of(), -1, danger));
    }
    if (out.isEmpty() && !recent.isEmpty()) {
      Memory top = recent.stream().max((a, b) -> a.importance() != b.importance()
          ? Integer.compare(a.importance(), b.importance()) : Long.compare(a.id(), b.id())).get();
      out.add(insight(now, "What stays with me lately: " + lowerFirst(top.text()), top.about(), top.valence(), List.of(top)));
    }
    return out;
  }

  private static int weight(List<Memory> ms) {
    return ms.stream().mapToInt(Memory::importance).sum();
  }

  private static Memory insight(long now, String text, List<String> about, int valence, List<Memory> evidence) {
    int importance = (int) Math.min(10, Math.round(evidence.stream().mapToInt(Memory::importance).average().orElse(1)) + 1);
    return new Memory(0, now, MemoryType.REFLECTION, importance, text, about, valence,
        evidence.stream().map(Memory::id).toList());
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
