package io.microcosm.language;

import io.microcosm.location.LocationEntity.ExitView;
import io.microcosm.location.LocationEntity.LocationView;
import io.microcosm.location.LocationEntity.NodeView;
import io.microcosm.rules.Equipment;
import io.microcosm.rules.Inventory;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.EquipSlot;
import io.microcosm.world.LocationDef;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Contexts in the shipped Vale, as a player named Ada would see them, built without actors. */
final class ValeContexts {

  static final World VALE = WorldLoader.load("vale");
  static final String SELF = "Ada";

  private ValeContexts() {}

  /** The location as it is when the world begins, with {@code extraGround} lying there as well. */
  static LocationView view(String location, Map<String, Integer> extraGround, List<String> occupants) {
    LocationDef def = VALE.locations().get(location);
    if (def == null) {
      throw new IllegalArgumentException("no location " + location);
    }
    Map<String, Integer> ground = new LinkedHashMap<>(def.items());
    extraGround.forEach((item, n) -> ground.merge(item, n, Integer::sum));
    List<ExitView> exits = def.exits().values().stream()
        .map(x -> new ExitView(x.direction(), x.target(), x.blocked(), x.locked()))
        .toList();
    List<NodeView> nodes = def.nodes().stream()
        .map(id -> new NodeView(id, VALE.nodes().get(id).max(), VALE.nodes().get(id).max()))
        .toList();
    List<ItemStack> items = ground.entrySet().stream().map(e -> new ItemStack(e.getKey(), e.getValue())).toList();
    return new LocationView(def.id(), def.name(), def.description(), exits, occupants, occupants.size(), items, def.creatures(), nodes,
        def.stations());
  }

  static Context at(String location, Map<String, Integer> extraGround, Map<String, Integer> pack,
      Map<EquipSlot, String> worn, String... others) {
    List<String> occupants = new java.util.ArrayList<>(List.of(SELF));
    occupants.addAll(List.of(others));
    return Context.of(SELF, view(location, extraGround, occupants), new Inventory(pack), new Equipment(worn));
  }

  /** The prepared contexts the corpus names. */
  static Context named(String key) {
    return switch (key) {
      case "riverbank" -> at("vale.riverbank", ordered("torch", 1, "branch", 3),
          ordered("copper-ore", 3, "bread", 1, "healing-draught", 2, "rusty-sword", 1, "fishing-rod", 1),
          Map.of(EquipSlot.HEAD, "leather-cap"), "Bob");
      case "smithy" -> at("vale.smithy", Map.of(),
          ordered("copper-ingot", 4, "iron-ingot", 3, "branch", 5, "leather", 2, "copper-ore", 2, "coal", 1),
          Map.of(EquipSlot.MAIN_HAND, "rusty-sword"));
      case "clearing" -> at("wilds.clearing", Map.of(),
          ordered("healing-draught", 1, "roast-meat", 2, "copper-sword", 1, "wolf-pelt", 2),
          Map.of(EquipSlot.MAIN_HAND, "rusty-sword", EquipSlot.BODY, "leather-jerkin"));
      case "entrance" -> at("mines.entrance", Map.of(),
          ordered("copper-ore", 4, "iron-ore", 3, "coal", 2, "copper-pickaxe", 1, "apple", 2),
          Map.of(), "Mira");
      case "gallery" -> at("mines.flooded-gallery", Map.of(), ordered("copper-pickaxe", 1), Map.of());
      case "orchard" -> at("vale.orchard", Map.of(), ordered("apple", 1), Map.of());
      case "heath" -> at("wilds.heath", Map.of(), ordered("copper-sickle", 1, "antivenom", 1),
          Map.of(EquipSlot.MAIN_HAND, "copper-sword", EquipSlot.HEAD, "copper-helm"));
      case "herbalist" -> at("vale.herbalist", Map.of(), ordered("healwort", 7, "fairy-cap", 2, "venom-sac", 1),
          Map.of());
      case "yard" -> at("vale.tavern-yard", Map.of(), ordered("raw-meat", 3, "raw-trout", 1, "herb-tea", 1), Map.of());
      case "mill" -> at("vale.mill", Map.of(), ordered("fishing-rod", 1), Map.of());
      case "square" -> at("vale.square", Map.of(), ordered("apple", 2, "copper-sword", 1, "iron-sword", 1),
          Map.of(), "Bob", "Mira");
      case "edge" -> at("vale.forest-edge", Map.of(), Map.of(), Map.of());
      default -> throw new IllegalArgumentException("no prepared context " + key);
    };
  }

  /** A map that keeps the order it is written in, as a pack does. */
  static Map<String, Integer> ordered(Object... itemsAndCounts) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < itemsAndCounts.length; i += 2) {
      out.put((String) itemsAndCounts[i], (Integer) itemsAndCounts[i + 1]);
    }
    return out;
  }
}
