package io.microcosm.bench;

import io.microcosm.world.ExitDef;
import io.microcosm.world.LocationDef;
import io.microcosm.world.NodeKindDef;
import io.microcosm.world.World;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the WebSocket bots may walk and what they may gather: the places of the start's zone that
 * can be reached from the start by open exits of the ordinary cost ({@link #WALKING_STAMINA}; climbs
 * and scrambles that cost more are left out), with the resource nodes
 * there that need no tool (in the Vale: copper nuggets and fallen branches at the riverbank, apples
 * and herbs in the orchard...), and for every place the first step towards the nearest such node.
 */
final class BotMap {

  /** The stamina an ordinary exit costs; bots take no dearer ones. */
  static final int WALKING_STAMINA = 1;

  /** One way out of a place: the direction a player types and where it leads. */
  record Way(String direction, String to) {}

  private final String start;
  private final Map<String, List<Way>> ways = new LinkedHashMap<>();
  private final Map<String, List<String>> handNodes = new LinkedHashMap<>();
  private final Map<String, Way> towardsNodes = new LinkedHashMap<>();

  private BotMap(String start) {
    this.start = start;
  }

  static BotMap of(World world) {
    BotMap map = new BotMap(world.start());
    String zone = world.locations().get(world.start()).zone();
    Deque<String> open = new ArrayDeque<>(List.of(world.start()));
    while (!open.isEmpty()) {
      String here = open.poll();
      if (map.ways.containsKey(here)) {
        continue;
      }
      LocationDef def = world.locations().get(here);
      List<Way> out = new ArrayList<>();
      for (ExitDef exit : def.exits().values()) {
        LocationDef there = world.locations().get(exit.target());
        if (exit.passable() && exit.staminaCost() <= WALKING_STAMINA && there != null && there.zone().equals(zone)) {
          out.add(new Way(exit.direction().label(), exit.target()));
          open.add(exit.target());
        }
      }
      map.ways.put(here, List.copyOf(out));
      List<String> nodes = new ArrayList<>();
      for (String node : def.nodes()) {
        NodeKindDef kind = world.nodes().get(node);
        if (kind != null && (kind.tool() == null || kind.tool().isBlank()) && kind.minLevel() <= 1) {
          nodes.add(node);
        }
      }
      map.handNodes.put(here, List.copyOf(nodes));
    }
    map.ways.keySet().forEach(place -> map.firstStepToNodes(place).ifPresent(w -> map.towardsNodes.put(place, w)));
    return map;
  }

  String start() {
    return start;
  }

  int places() {
    return ways.size();
  }

  /** Places with a node to gather by hand, and those nodes. */
  Map<String, List<String>> gatheringPlaces() {
    Map<String, List<String>> places = new LinkedHashMap<>();
    handNodes.forEach((place, nodes) -> {
      if (!nodes.isEmpty()) {
        places.put(place, nodes);
      }
    });
    return places;
  }

  /** The ways out of {@code place}; none for a place off the map (the bot then only looks and talks). */
  List<Way> ways(String place) {
    return ways.getOrDefault(place, List.of());
  }

  List<String> handNodes(String place) {
    return handNodes.getOrDefault(place, List.of());
  }

  /** The first step of a shortest walk from {@code place} to a place with a node to gather by hand. */
  Optional<Way> towardsNodes(String place) {
    return Optional.ofNullable(towardsNodes.get(place));
  }

  private Optional<Way> firstStepToNodes(String from) {
    Map<String, Way> firstStep = new LinkedHashMap<>();
    Deque<String> open = new ArrayDeque<>(List.of(from));
    firstStep.put(from, null);
    while (!open.isEmpty()) {
      String here = open.poll();
      if (!here.equals(from) && !handNodes(here).isEmpty()) {
        return Optional.of(firstStep.get(here));
      }
      for (Way way : ways(here)) {
        if (!firstStep.containsKey(way.to())) {
          firstStep.put(way.to(), here.equals(from) ? way : firstStep.get(here));
          open.add(way.to());
        }
      }
    }
    return Optional.empty();
  }
}
