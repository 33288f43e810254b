package io.microcosm.npc;

import io.microcosm.entity.CborSerializable;
import io.microcosm.npc.NpcEntity.*;
import io.microcosm.rules.Inventory;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.NpcActivity;
import io.microcosm.world.NpcDef;
import io.microcosm.world.Personality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an NPC's mind holds: plain data, changed only by applying its events. Needs and
 * emotion are stored as of tick {@code asOf} and carried forward on demand ({@link #settledTo}), so
 * quiet ticks cost nothing and are never persisted.
 *
 * @param location where it is; null until it is first placed
 * @param activity what it has been doing since {@code asOf}
 * @param rationDay the last day its household provisioned it
 * @param forageFailedAt the last tick it found no food where it looked
 * @param lastChatAt the last tick it talked with someone
 * @param goalsMade how many goals it ever set, for their ids
 */
public record Mind(
    String location, NpcActivity activity, long asOf, Needs needs, Emotion emotion, Inventory pack, MemoryStream memory,
    Map<String, Relationship> relationships, List<Goal> goals, long rationDay, long forageFailedAt, long lastChatAt,
    String weather, int goalsMade) implements CborSerializable {

  public Mind {
    relationships = Map.copyOf(relationships);
    goals = List.copyOf(goals);
  }

  /** How an NPC begins: at no place yet, fairly fed and rested, with its data's pack and feelings for others. */
  public static Mind initial(NpcDef def) {
    Map<String, Relationship> relationships = new LinkedHashMap<>();
    def.affinities().forEach((other, affinity) ->
        relationships.put(other, new Relationship(affinity, affinity > 0 ? 30 + affinity / 2 : 10, affinity < 0 ? -affinity : 0)));
    return new Mind(null, NpcActivity.IDLE, 0, new Needs(80, 85, 70, Needs.MAX), Emotion.baseline(def.personality()),
        new Inventory(def.pack()), MemoryStream.EMPTY, relationships, List.of(), -1, Long.MIN_VALUE / 2,
        Long.MIN_VALUE / 2, null, 0);
  }

  public boolean placed() {
    return location != null;
  }

  /** Needs and emotion carried forward to {@code tick}; nothing else changes. */
  public Mind settledTo(long tick, Personality p) {
    if (tick <= asOf) {
      return this;
    }
    long dt = tick - asOf;
    return new Mind(location, activity, tick, needs.settled(activity, p, dt), emotion.settled(p, dt), pack, memory,
        relationships, goals, rationDay, forageFailedAt, lastChatAt, weather, goalsMade);
  }

  public Relationship relationTo(String other) {
    return relationships.getOrDefault(other, Relationship.NEUTRAL);
  }

  /** Applies one event: first carries the mind forward to the event's tick, then makes its change. */
  public Mind apply(Event e, NpcDef def, int memoryCapacity) {
    Mind m = settledTo(e.tick(), def.personality());
    if (e instanceof Placed x) {
      return m.with(x.location(), m.activity, m.needs, m.emotion, m.pack);
    } else if (e instanceof ActivityChosen x) {
      return m.with(m.location, x.activity(), m.needs, m.emotion, m.pack);
    } else if (e instanceof Moved x) {
      return m.with(x.to(), m.activity, m.needs, m.emotion, m.pack);
    } else if (e instanceof Provisioned x) {
      Inventory pack = m.pack;
      for (ItemStack s : x.items()) {
        pack = pack.add(s.item(), s.quantity());
      }
      Mind p = m.with(m.location, m.activity, m.needs, m.emotion, pack);
      return new Mind(p.location, p.activity, p.asOf, p.needs, p.emotion, p.pack, p.memory, p.relationships, p.goals,
          x.day(), p.forageFailedAt, p.lastChatAt, p.weather, p.goalsMade);
    } else if (e instanceof Ate x) {
      return m.with(m.location, m.activity, m.needs.fed(x.nourishment()), m.emotion, m.pack.remove(x.item(), 1));
    } else if (e instanceof Got x) {
      return m.with(m.location, m.activity, m.needs, m.emotion, m.pack.add(x.item(), x.quantity()));
    } else if (e instanceof Felt x) {
      return m.with(m.location, m.activity, m.needs, m.emotion.felt(x.mood(), x.strength(), def.personality()), m.pack);
    } else if (e instanceof Shaken x) {
      return m.with(m.location, m.activity, m.needs.shaken(x.amount()), m.emotion, m.pack);
    } else if (e instanceof Socialised x) {
      Mind s = m.with(m.location, m.activity, m.needs.withCompany(x.amount()), m.emotion, m.pack);
      return new Mind(s.location, s.activity, s.asOf, s.needs, s.emotion, s.pack, s.memory, s.relationships, s.goals,
          s.rationDay, s.forageFailedAt, x.tick(), s.weather, s.goalsMade);
    } else if (e instanceof Remembered x) {
      return m.withMemory(m.memory.add(x.memory(), memoryCapacity));
    } else if (e instanceof Reflected x) {
      return m.withMemory(m.memory.reflected(x.insights(), memoryCapacity));
    } else if (e instanceof RelationChanged x) {
      Map<String, Relationship> r = new LinkedHashMap<>(m.relationships);
      r.put(x.other(), m.relationTo(x.other()).changed(x.affinity(), x.trust(), x.rivalry()));
      return new Mind(m.location, m.activity, m.asOf, m.needs, m.emotion, m.pack, m.memory, r, m.goals, m.rationDay,
          m.forageFailedAt, m.lastChatAt, m.weather, m.goalsMade);
    } else if (e instanceof GoalSet x) {
      List<Goal> goals = new ArrayList<>(m.goals);
      goals.add(x.goal());
      return m.withGoals(goals, m.goalsMade + 1);
    } else if (e instanceof GoalProgressed x) {
      List<Goal> goals = new ArrayList<>();
      for (Goal g : m.goals) {
        Goal left = g.id().equals(x.goal()) ? g.less(x.received()) : g;
        if (left.quantity() > 0) {
          goals.add(left);
        }
      }
      return m.withGoals(goals, m.goalsMade);
    } else if (e instanceof GoalDropped x) {
      return m.withGoals(m.goals.stream().filter(g -> !g.id().equals(x.goal())).toList(), m.goalsMade);
    } else if (e instanceof ForageFailed x) {
      return new Mind(m.location, m.activity, m.asOf, m.needs, m.emotion, m.pack, m.memory, m.relationships, m.goals,
          m.rationDay, x.tick(), m.lastChatAt, m.weather, m.goalsMade);
    } else if (e instanceof WeatherNoticed x) {
      return new Mind(m.location, m.activity, m.asOf, m.needs, m.emotion, m.pack, m.memory, m.relationships, m.goals,
          m.rationDay, m.forageFailedAt, m.lastChatAt, x.weather(), m.goalsMade);
    } else if (e instanceof Talked || e instanceof Fought) {
      return m;
    }
    throw new IllegalArgumentException("unknown event " + e);
  }

  private Mind with(String location, NpcActivity activity, Needs needs, Emotion emotion, Inventory pack) {
    return new Mind(location, activity, asOf, needs, emotion, pack, memory, relationships, goals, rationDay,
        forageFailedAt, lastChatAt, weather, goalsMade);
  }

  private Mind withMemory(MemoryStream memory) {
    return new Mind(location, activity, asOf, needs, emotion, pack, memory, relationships, goals, rationDay,
        forageFailedAt, lastChatAt, weather, goalsMade);
  }

  private Mind withGoals(List<Goal> goals, int made) {
    return new Mind(location, activity, asOf, needs, emotion, pack, memory, relationships, goals, rationDay,
        forageFailedAt, lastChatAt, weather, made);
  }
}
