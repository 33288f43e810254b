package io.microcosm.npc;

import io.microcosm.world.Direction;
import io.microcosm.world.ExitDef;
import io.microcosm.world.LocationDef;
import io.microcosm.world.World;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first step of the shortest walk between two places through open exits, from world data. An
 * exit that turns out closed is refused by the location, as for anyone. Computed once per target.
 */
public final class Routes {

  private final World world;
  private final Map<String, Map<String, Direction>> towards = new ConcurrentHashMap<>();

  public Routes(World world) {
    this.world = world;
  }

  /** Which way to go from {@code from} to get closer to {@code to}; empty when there or when there is no way. */
  public Optional<Direction> nextStep(String from, String to) {
    if (from.equals(to)) {
      return Optional.empty();
    }
    return Optional.ofNullable(towards.computeIfAbsent(to, this::firstSteps).get(from));
  }

  /** Walking distance in steps, or -1 when there is no way. */
  public int distance(String from, String to) {
    int steps = 0;
    String at = from;
    while (!at.equals(to)) {
      Optional<Direction> d = nextStep(at, to);
      if (d.isEmpty() || steps > world.locations().size()) {
        return -1;
      }
      at = world.locations().get(at).exits().get(d.get()).target();
      steps++;
    }
    return steps;
  }

  /** Breadth-first backwards from the target: for each place, the exit that starts a shortest walk. */
  private Map<String, Direction> firstSteps(String target) {
    Map<String, Map<String, Direction>> into = new HashMap<>();
    for (LocationDef loc : world.locations().values()) {
      for (ExitDef exit : loc.exits().values()) {
        if (exit.passable()) {
          into.computeIfAbsent(exit.target(), k -> new HashMap<>()).putIfAbsent(loc.id(), exit.direction());
        }
      }
    }
    Map<String, Direction> first = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    queue.add(target);
    java.util.Set<String> seen = new java.util.HashSet<>();
    seen.add(target);
    while (!queue.isEmpty()) {
      String at = queue.poll();
      // sorted so that equally short walks are chosen the same way on every node
      into.getOrDefault(at, Map.of()).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
        if (seen.add(e.getKey())) {
          first.put(e.getKey(), e.getValue());
          queue.add(e.getKey());
        }
      });
    }
    return first;
  }
}
