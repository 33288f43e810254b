package io.microcosm.world;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The static content of one world, loaded and validated once at start. Immutable. */
public record World(
    String name,
    String title,
    String start,
    PlayerDefaults player,
    Map<String, ZoneDef> zones,
    Map<String, LocationDef> locations,
    Map<String, ItemDef> items) {

  public World {
    zones = Collections.unmodifiableMap(new LinkedHashMap<>(zones));
    locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
    items = Collections.unmodifiableMap(new LinkedHashMap<>(items));
  }

  public Optional<LocationDef> location(String id) {
    return Optional.ofNullable(locations.get(id));
  }

  public Optional<ItemDef> item(String id) {
    return Optional.ofNullable(items.get(id));
  }

  /** The item's name for messages, or its id when the world does not know it. */
  public String itemName(String id) {
    ItemDef def = items.get(id);
    return def == null ? id : def.name();
  }
}
