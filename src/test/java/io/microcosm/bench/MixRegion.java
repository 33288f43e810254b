package io.microcosm.bench;

import io.microcosm.world.Aggression;
import io.microcosm.world.CreatureKindDef;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.ExitDef;
import io.microcosm.world.LocationDef;
import io.microcosm.world.World;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the players of the mix workload roam: the places reachable from the world's start through
 * open exits whose creatures are all prey for a new character (not aggressive, at most
 * {@link #MAX_PREY_LEVEL}), with the shortest walk between any two of them. Computed once from the
 * world data and shared by every client; immutable.
 */
final class MixRegion {

  static final int MAX_PREY_LEVEL = 1;

  private final World world;
  private final Set<String> locations;
  /** from, then to: the first exit of a shortest walk that stays inside the region. */
  private final Map<String, Map<String, ExitDef>> firstStep = new HashMap<>();
  private final Map<String, Map<String, Integer>> distance = new HashMap<>();
  private final Map<String, List<ExitDef>> exits = new HashMap<>();

  private MixRegion(World world, Set<String> locations) {
    this.world = world;
    this.locations = Collections.unmodifiableSet(locations);
    for (String from : world.locations().keySet()) {
      exits.put(from, world.locations().get(from).exits().values().stream()
          .filter(x -> x.passable() && locations.contains(x.target()))
          .toList());
      walksFrom(from);
    }
  }

  static MixRegion of(World world) {
    Set<String> region = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>();
    if (safe(world, world.start())) {
      region.add(world.start());
      queue.add(world.start());
    }
    while (!queue.isEmpty()) {
      LocationDef here = world.locations().get(queue.poll());
      for (ExitDef exit : here.exits().values()) {
        if (exit.passable() && !region.contains(exit.target()) && safe(world, exit.target())) {
          region.add(exit.target());
          queue.add(exit.target());
        }
      }
    }
    return new MixRegion(world, region);
  }

  /** Only prey lives here. */
  private static boolean safe(World world, String location) {
    return world.location(location).map(l -> l.creatures().stream().allMatch(id -> isPrey(world, id))).orElse(false);
  }

  private static boolean isPrey(World world, String creature) {
    CreatureSpawn spawn = world.creatures().get(creature);
    if (spawn == null) {
      return false;
    }
    CreatureKindDef kind = world.kindOf(spawn);
    return kind.level() <= MAX_PREY_LEVEL && kind.aggression() != Aggression.AGGRESSIVE;
  }

  private void walksFrom(String from) {
    Map<String, ExitDef> first = new HashMap<>();
    Map<String, Integer> hops = new HashMap<>();
    hops.put(from, 0);
    Deque<String> queue = new ArrayDeque<>(List.of(from));
    while (!queue.isEmpty()) {
      String at = queue.poll();
      for (ExitDef exit : world.locations().get(at).exits().values()) {
        String next = exit.target();
        if (exit.passable() && locations.contains(next) && !hops.containsKey(next)) {
          hops.put(next, hops.get(at) + 1);
          first.put(next, at.equals(from) ? exit : first.get(at));
          queue.add(next);
        }
      }
    }
    firstStep.put(from, first);
    distance.put(from, hops);
  }

  World world() {
    return world;
  }

  /** In the order they were found, nearest the start first. */
  Set<String> locations() {
    return locations;
  }

  boolean contains(String location) {
    return locations.contains(location);
  }

  /** Exits from {@code from} that lead into the region. */
  List<ExitDef> exits(String from) {
    return exits.getOrDefault(from, List.of());
  }

  /** Walks from {@code from} to {@code to}, or {@link Integer#MAX_VALUE} when there is no way. */
  int distance(String from, String to) {
    return distance.getOrDefault(from, Map.of()).getOrDefault(to, Integer.MAX_VALUE);
  }

  /** The first exit of a shortest walk, or null when already there or there is no way. */
  ExitDef stepToward(String from, String to) {
    return firstStep.getOrDefault(from, Map.of()).get(to);
  }

  /** The creatures whose home is in the region. */
  List<String> creatures() {
    List<String> all = new ArrayList<>();
    locations.forEach(l -> all.addAll(world.locations().get(l).creatures()));
    return all;
  }

  int nodeCount() {
    return locations.stream().mapToInt(l -> world.locations().get(l).nodes().size()).sum();
  }

  int stationCount() {
    return locations.stream().mapToInt(l -> world.locations().get(l).stations().size()).sum();
  }
}
