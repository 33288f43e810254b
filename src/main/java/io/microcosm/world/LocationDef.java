package io.microcosm.world;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A location from world data: its exits and the items lying there when the world begins. */
public record LocationDef(
    String id, String zone, String name, String description, Map<Direction, ExitDef> exits, Map<String, Integer> items) {

  public LocationDef {
    exits = exits.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(exits));
    items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
  }
}
