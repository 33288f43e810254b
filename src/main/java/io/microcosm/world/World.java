package io.microcosm.world;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The static content of one world, loaded and validated once at start. Immutable.
 *
 * @param start where new characters appear
 * @param home where characters wake after dying
 * @param seed mixed into every entity's dice, so two worlds with different seeds roll differently
 * @param npcs the people of the world, by id
 * @param lore what NPCs can tell about, by id
 */
public record World(
    String name,
    String title,
    String start,
    String home,
    long seed,
    PlayerDefaults player,
    Map<String, ZoneDef> zones,
    Map<String, LocationDef> locations,
    Map<String, ItemDef> items,
    Map<String, EffectDef> effects,
    Map<String, NodeKindDef> nodes,
    Map<String, StationDef> stations,
    Map<String, RecipeDef> recipes,
    Map<String, CreatureKindDef> creatureKinds,
    Map<String, CreatureSpawn> creatures,
    Map<String, NpcDef> npcs,
    Map<String, FactionDef> factions,
    Map<String, LoreDef> lore,
    Map<String, QuestDef> quests) {

  /** A world without quests. */
  public World(String name, String title, String start, String home, long seed, PlayerDefaults player,
      Map<String, ZoneDef> zones, Map<String, LocationDef> locations, Map<String, ItemDef> items,
      Map<String, EffectDef> effects, Map<String, NodeKindDef> nodes, Map<String, StationDef> stations,
      Map<String, RecipeDef> recipes, Map<String, CreatureKindDef> creatureKinds, Map<String, CreatureSpawn> creatures,
      Map<String, NpcDef> npcs, Map<String, FactionDef> factions, Map<String, LoreDef> lore) {
    this(name, title, start, home, seed, player, zones, locations, items, effects, nodes, stations, recipes,
        creatureKinds, creatures, npcs, factions, lore, Map.of());
  }

  public World {
    zones = frozen(zones);
    locations = frozen(locations);
    items = frozen(items);
    effects = frozen(effects);
    nodes = frozen(nodes);
    stations = frozen(stations);
    recipes = frozen(recipes);
    creatureKinds = frozen(creatureKinds);
    creatures = frozen(creatures);
    npcs = frozen(npcs);
    factions = frozen(factions);
    lore = frozen(lore);
    quests = frozen(quests);
  }

  /** A world without NPCs, factions or lore. */
  public World(String name, String title, String start, String home, long seed, PlayerDefaults player,
      Map<String, ZoneDef> zones, Map<String, LocationDef> locations, Map<String, ItemDef> items,
      Map<String, EffectDef> effects, Map<String, NodeKindDef> nodes, Map<String, StationDef> stations,
      Map<String, RecipeDef> recipes, Map<String, CreatureKindDef> creatureKinds, Map<String, CreatureSpawn> creatures) {
    this(name, title, start, home, seed, player, zones, locations, items, effects, nodes, stations, recipes,
        creatureKinds, creatures, Map.of(), Map.of(), Map.of(), Map.of());
  }

  /** A world of places and items only. */
  public World(String name, String title, String start, PlayerDefaults player, Map<String, ZoneDef> zones,
      Map<String, LocationDef> locations, Map<String, ItemDef> items) {
    this(name, title, start, start, 0L, player, zones, locations, items, Map.of(), Map.of(), Map.of(), Map.of(),
        Map.of(), Map.of());
  }

  private static <V> Map<String, V> frozen(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  public Optional<LocationDef> location(String id) {
    return Optional.ofNullable(locations.get(id));
  }

  public Optional<ItemDef> item(String id) {
    return Optional.ofNullable(items.get(id));
  }

  public Optional<RecipeDef> recipe(String id) {
    return Optional.ofNullable(recipes.get(id));
  }

  public Optional<NodeKindDef> node(String id) {
    return Optional.ofNullable(nodes.get(id));
  }

  public Optional<EffectDef> effect(String id) {
    return Optional.ofNullable(effects.get(id));
  }

  public Optional<CreatureSpawn> creature(String id) {
    return Optional.ofNullable(creatures.get(id));
  }

  public Optional<NpcDef> npc(String id) {
    return Optional.ofNullable(npcs.get(id));
  }

  public CreatureKindDef kindOf(CreatureSpawn spawn) {
    return creatureKinds.get(spawn.kind());
  }

  /** The item's name for messages, or its id when the world does not know it. */
  public String itemName(String id) {
    ItemDef def = items.get(id);
    return def == null ? id : def.name();
  }
}
