package io.microcosm.world;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A location from world data.
 *
 * @param items what lies on the ground when the world begins
 * @param nodes the resource node kinds here (at most one node of each kind)
 * @param stations the crafting stations here
 * @param creatures ids of the creatures whose home this is
 */
public record LocationDef(
    String id, String zone, String name, String description, Map<Direction, ExitDef> exits, Map<String, Integer> items,
    List<String> nodes, List<String> stations, List<String> creatures) {

  public LocationDef {
    exits = exits.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(exits));
    items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
    nodes = List.copyOf(nodes);
    stations = List.copyOf(stations);
    creatures = List.copyOf(creatures);
  }

  /** A location with no nodes, stations or creatures. */
  public LocationDef(
      String id, String zone, String name, String description, Map<Direction, ExitDef> exits, Map<String, Integer> items) {
    this(id, zone, name, description, exits, items, List.of(), List.of(), List.of());
  }
}
