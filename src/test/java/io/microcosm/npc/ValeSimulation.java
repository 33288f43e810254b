package io.microcosm.npc;

import io.microcosm.location.LocationEntity.LocationView;
import io.microcosm.location.LocationEntity.NodeView;
import io.microcosm.npc.NpcEntity.Event;
import io.microcosm.npc.NpcMind.ChatWith;
import io.microcosm.npc.NpcMind.HarvestNode;
import io.microcosm.npc.NpcMind.Intent;
import io.microcosm.npc.NpcMind.Perception;
import io.microcosm.npc.NpcMind.Step;
import io.microcosm.npc.NpcMind.TakeFood;
import io.microcosm.npc.NpcMind.Walk;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.ExitDef;
import io.microcosm.world.LocationDef;
import io.microcosm.world.NodeKindDef;
import io.microcosm.world.NpcActivity;
import io.microcosm.world.NpcDef;
import io.microcosm.world.World;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The minds of a world's NPCs driven tick by tick without actors: a small stand-in for the
 * locations answers their intents by the same rules (exits must be open, nodes hold what they hold,
 * the ground what lies on it). Deterministic for a given world.
 */
public final class ValeSimulation {

  final World world;
  final NpcMind minds;
  public final Map<String, Mind> mind = new LinkedHashMap<>();
  final Map<String, Perception> seen = new HashMap<>();
  final Map<String, java.util.Set<String>> occupants = new HashMap<>();
  final Map<String, Map<String, Integer>> ground = new HashMap<>();
  /** Node stock by "location/node", and the tick its next unit grows. */
  final Map<String, int[]> stock = new HashMap<>();
  final Map<String, Long> nextGrowth = new HashMap<>();
  long lamport = 1;
  /** Sees every event applied, with the NPC's id. */
  BiConsumer<String, Event> observer = (npc, e) -> { };

  public ValeSimulation(World world, NpcMind.Settings settings) {
    this.world = world;
    this.minds = new NpcMind(world, settings);
    for (LocationDef loc : world.locations().values()) {
      ground.put(loc.id(), new LinkedHashMap<>(loc.items()));
      occupants.put(loc.id(), new java.util.LinkedHashSet<>());
    }
    for (NpcDef def : world.npcs().values()) {
      Mind m = Mind.initial(def);
      m = apply(def, m, List.of(new NpcEntity.Placed(lamport, NpcMind.stepId(def.id(), 0, "appear"), 0, def.home())));
      mind.put(def.id(), m);
      occupants.get(def.home()).add(def.id());
    }
    for (NpcDef def : world.npcs().values()) {
      seen.put(def.id(), Perception.of(view(def.home()), def.id()));
    }
  }

  public void run(long from, long to) {
    for (long t = from; t <= to; t++) {
      for (NpcDef def : world.npcs().values()) {
        tick(def, t);
      }
    }
  }

  void tick(NpcDef def, long t) {
    Step step = minds.step(def, mind.get(def.id()), t, seen.get(def.id()), null, lamport++);
    Mind m = apply(def, mind.get(def.id()), step.events());
    mind.put(def.id(), m);
    if (step.intent() != null) {
      mind.put(def.id(), apply(def, m, outcome(def, m, t, step.intent())));
    }
  }

  Mind apply(NpcDef def, Mind m, List<Event> events) {
    for (Event e : events) {
      m = m.apply(e, def, minds.settings().memoryCapacity());
      observer.accept(def.id(), e);
    }
    return m;
  }

  private List<Event> outcome(NpcDef def, Mind m, long t, Intent intent) {
    String here = m.location();
    if (intent instanceof Walk w) {
      ExitDef exit = world.locations().get(here).exits().get(w.direction());
      if (exit == null || !exit.passable()) {
        return minds.afterWalkRefused(def, m, t, lamport, w.commandId(), w.direction(), "closed");
      }
      occupants.get(here).remove(def.id());
      occupants.get(exit.target()).add(def.id());
      LocationView v = view(exit.target());
      seen.put(def.id(), Perception.of(v, def.id()));
      return minds.afterWalk(def, m, t, lamport, w.commandId(), here, v);
    }
    if (intent instanceof HarvestNode h) {
      int left = remaining(here, h.node(), t);
      if (left == 0) {
        return minds.isFood(h.item()) ? minds.afterFoodRefused(def, m, t, lamport, h.commandId()) : List.of();
      }
      int q = Math.min(left, Math.min(2, h.maxUnits()));
      take(here, h.node(), q, t);
      seen.put(def.id(), Perception.of(view(here), def.id()));
      return minds.afterGot(def, m, t, lamport, h.commandId(), h.item(), q, here);
    }
    if (intent instanceof TakeFood f) {
      int there = ground.get(here).getOrDefault(f.item(), 0);
      if (there < f.quantity()) {
        return minds.afterFoodRefused(def, m, t, lamport, f.commandId());
      }
      ground.get(here).merge(f.item(), -f.quantity(), Integer::sum);
      ground.get(here).remove(f.item(), 0);
      seen.put(def.id(), Perception.of(view(here), def.id()));
      return minds.afterGot(def, m, t, lamport, f.commandId(), f.item(), f.quantity(), here);
    }
    if (intent instanceof ChatWith c) {
      Mind other = mind.get(c.npc());
      NpcDef otherDef = world.npcs().get(c.npc());
      if (!here.equals(other.location()) || other.activity() == NpcActivity.SLEEP) {
        return List.of();
      }
      mind.put(c.npc(), apply(otherDef, other, minds.afterChat(otherDef, other, t, lamport, c.commandId(), def.id(), m.emotion())));
      return minds.afterChat(def, m, t, lamport, NpcMind.stepId(def.id(), t, "said"), c.npc(), other.emotion());
    }
    if (intent instanceof NpcMind.Fight) {
      // No beast that attacks people lives where the Vale's watch goes; a stand-in would go here.
      return List.of();
    }
    throw new IllegalArgumentException(String.valueOf(intent));
  }

  private int remaining(String loc, String node, long t) {
    NodeKindDef kind = world.nodes().get(node);
    String key = loc + "/" + node;
    int[] s = stock.computeIfAbsent(key, k -> new int[] {kind.max()});
    long next = nextGrowth.getOrDefault(key, Long.MAX_VALUE);
    while (s[0] < kind.max() && t >= next) {
      s[0]++;
      next += kind.regrowTicks();
    }
    nextGrowth.put(key, s[0] < kind.max() ? next : Long.MAX_VALUE);
    return s[0];
  }

  private void take(String loc, String node, int q, long t) {
    String key = loc + "/" + node;
    int[] s = stock.get(key);
    if (s[0] == world.nodes().get(node).max()) {
      nextGrowth.put(key, t + world.nodes().get(node).regrowTicks());
    }
    s[0] -= q;
  }

  LocationView view(String id) {
    LocationDef loc = world.locations().get(id);
    List<ItemStack> items = new ArrayList<>();
    ground.get(id).forEach((item, q) -> items.add(new ItemStack(item, q)));
    List<NodeView> nodes = loc.nodes().stream()
        .map(n -> new NodeView(n, stock.containsKey(id + "/" + n) ? stock.get(id + "/" + n)[0] : world.nodes().get(n).max(),
            world.nodes().get(n).max()))
        .toList();
    List<String> here = occupants.get(id).stream().limit(64).toList();
    return new LocationView(id, loc.name(), loc.description(), List.of(), here, occupants.get(id).size(), items,
        loc.creatures(), nodes, loc.stations());
  }
}
