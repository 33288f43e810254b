package io.microcosm.player;

import io.microcosm.world.QuestDef.Kind;
import io.microcosm.world.QuestDef.Objective;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A player's quests: those accepted and not yet done, with the progress of each objective, and the
 * ids of those completed. Progress comes from the player's own events (see {@link #progressed}), so
 * it is persisted with the deed that makes it, once.
 *
 * @param active by quest id, in the order accepted
 * @param completed quest ids, oldest first
 */
public record QuestLog(Map<String, Active> active, List<String> completed) {

  public static final QuestLog EMPTY = new QuestLog(Map.of(), List.of());

  public QuestLog {
    active = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(active == null ? Map.of() : active));
    completed = List.copyOf(completed == null ? List.of() : completed);
  }

  /**
   * An accepted quest. Its objectives are copied in when accepted, so a replay does not depend on
   * today's quest data; emergent ones (an NPC's need) exist nowhere else.
   *
   * @param progress how much of each objective is done, capped at its count
   */
  public record Active(String id, String title, String giver, boolean emergent, List<Objective> objectives,
      List<Integer> progress) {

    public Active {
      objectives = List.copyOf(objectives);
      progress = List.copyOf(progress);
    }

    public boolean done() {
      for (int i = 0; i < objectives.size(); i++) {
        if (progress.get(i) < objectives.get(i).count()) {
          return false;
        }
      }
      return true;
    }

    Active advanced(Kind kind, String target, String to, int amount) {
      List<Integer> next = new ArrayList<>(progress);
      boolean moved = false;
      for (int i = 0; i < objectives.size(); i++) {
        Objective o = objectives.get(i);
        if (o.kind() == kind && o.target().equals(target) && (to == null || to.equals(o.to()))
            && next.get(i) < o.count()) {
          next.set(i, Math.min(o.count(), next.get(i) + amount));
          moved = true;
        }
      }
      return moved ? new Active(id, title, giver, emergent, objectives, next) : this;
    }
  }

  public boolean isActive(String quest) {
    return active.containsKey(quest);
  }

  public boolean isCompleted(String quest) {
    return completed.contains(quest);
  }

  QuestLog accepted(Active quest) {
    Map<String, Active> next = new LinkedHashMap<>(active);
    next.put(quest.id(), quest);
    return new QuestLog(next, completed);
  }

  QuestLog abandoned(String quest) {
    Map<String, Active> next = new LinkedHashMap<>(active);
    next.remove(quest);
    return new QuestLog(next, completed);
  }

  QuestLog finished(String quest) {
    Map<String, Active> next = new LinkedHashMap<>(active);
    next.remove(quest);
    List<String> done = new ArrayList<>(completed);
    if (!done.contains(quest)) {
      done.add(quest);
    }
    return new QuestLog(next, done);
  }

  /** Every active quest moved on by a deed of {@code kind} about {@code target} (and {@code to}, for deliveries). */
  QuestLog progressed(Kind kind, String target, String to, int amount) {
    if (active.isEmpty() || amount <= 0) {
      return this;
    }
    Map<String, Active> next = new LinkedHashMap<>();
    active.forEach((id, q) -> next.put(id, q.advanced(kind, target, to, amount)));
    return new QuestLog(next, completed);
  }

  /** The quests of {@code giver} whose objectives are all done. */
  List<Active> readyFor(String giver, Function<Active, Boolean> filter) {
    return active.values().stream().filter(q -> q.giver().equals(giver) && q.done() && filter.apply(q)).toList();
  }
}
