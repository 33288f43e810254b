package io.microcosm.testkit;

import io.microcosm.world.Aggression;
import io.microcosm.world.CreatureKindDef;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.Direction;
import io.microcosm.world.EffectDef;
import io.microcosm.world.EffectGrant;
import io.microcosm.world.EquipDef;
import io.microcosm.world.EquipSlot;
import io.microcosm.world.ExitDef;
import io.microcosm.world.ItemDef;
import io.microcosm.world.ItemKind;
import io.microcosm.world.LocationDef;
import io.microcosm.world.LootDrop;
import io.microcosm.world.NodeKindDef;
import io.microcosm.world.PlayerDefaults;
import io.microcosm.world.RecipeDef;
import io.microcosm.world.Stacking;
import io.microcosm.world.StatBonus;
import io.microcosm.world.StationDef;
import io.microcosm.world.ToolDef;
import io.microcosm.world.UseDef;
import io.microcosm.world.World;
import io.microcosm.world.ZoneDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small world with every kind of gameplay content, whose numbers tests can reason about.
 *
 * <pre>
 *   camp.mine (copper vein, silver vein, forge)
 *       | north/south
 *   camp.clearing (start and home; herb patch, workbench; a rat with 1 HP)
 *       | east/west
 *   camp.den (a wolf that poisons; a troll nobody survives)
 * </pre>
 * A new player has 6 slots, carries 20 kg, has 50 HP, 10 MP, 30 SP and regenerates nothing.
 */
public final class CampWorld {

  public static final String CLEARING = "camp.clearing";
  public static final String MINE = "camp.mine";
  public static final String DEN = "camp.den";
  public static final String RAT = "camp.rat.1";
  public static final String WOLF = "camp.wolf.1";
  public static final String TROLL = "camp.troll.1";

  private CampWorld() {}

  public static World create() {
    Map<String, ItemDef> items = new LinkedHashMap<>();
    add(items, plain("copper-ore", "copper ore", 1_000, 10, ItemKind.MATERIAL));
    add(items, plain("silver-ore", "silver ore", 1_000, 10, ItemKind.MATERIAL));
    add(items, plain("herb", "herb", 100, 20, ItemKind.MATERIAL));
    add(items, plain("pelt", "rat pelt", 200, 10, ItemKind.MATERIAL));
    add(items, plain("ingot", "copper ingot", 1_000, 10, ItemKind.MATERIAL));
    add(items, new ItemDef("pickaxe", "pickaxe", List.of("pick"), 3_000, 1, "", ItemKind.TOOL,
        new EquipDef(EquipSlot.TOOL, false, 1, bonus(0, 0, 0, 1)), new ToolDef("pickaxe", 2), null));
    add(items, new ItemDef("copper-sword", "copper sword", List.of("sword"), 2_000, 1, "", ItemKind.WEAPON,
        new EquipDef(EquipSlot.MAIN_HAND, false, 1, bonus(6, 0, 0, 0)), null, null));
    add(items, new ItemDef("great-axe", "great axe", List.of(), 5_000, 1, "", ItemKind.WEAPON,
        new EquipDef(EquipSlot.MAIN_HAND, true, 1, bonus(12, 0, 0, 0)), null, null));
    add(items, new ItemDef("war-hammer", "war hammer", List.of(), 6_000, 1, "", ItemKind.WEAPON,
        new EquipDef(EquipSlot.MAIN_HAND, true, 5, bonus(20, 0, 0, 0)), null, null));
    add(items, new ItemDef("buckler", "buckler", List.of(), 2_000, 1, "", ItemKind.ARMOUR,
        new EquipDef(EquipSlot.OFF_HAND, false, 1, bonus(0, 2, 0, 0)), null, null));
    add(items, new ItemDef("cap", "leather cap", List.of("cap"), 500, 1, "", ItemKind.ARMOUR,
        new EquipDef(EquipSlot.HEAD, false, 1, bonus(0, 1, 5, 0)), null, null));
    add(items, new ItemDef("hood", "wool hood", List.of(), 300, 1, "", ItemKind.ARMOUR,
        new EquipDef(EquipSlot.HEAD, false, 1, bonus(0, 1, 0, 0)), null, null));
    add(items, new ItemDef("salve", "healing salve", List.of(), 100, 10, "", ItemKind.POTION, null, null,
        new UseDef(20, 0, 5, List.of())));
    add(items, new ItemDef("tonic", "strength tonic", List.of(), 200, 5, "", ItemKind.POTION, null, null,
        new UseDef(0, 0, 0, List.of(new EffectGrant("strength", 2, 30)))));
    add(items, new ItemDef("stew", "stew", List.of(), 500, 5, "", ItemKind.FOOD, null, null,
        new UseDef(5, 0, 10, List.of(new EffectGrant("well-fed", 1, 100)))));

    Map<String, EffectDef> effects = new LinkedHashMap<>();
    effects.put("poisoned", new EffectDef("poisoned", "poisoned", "", true, Stacking.STACK, 3, StatBonus.NONE, -1, 0));
    effects.put("strength", new EffectDef("strength", "strong", "", false, Stacking.STRONGEST, 1,
        bonus(3, 0, 0, 0), 0, 0));
    effects.put("well-fed", new EffectDef("well-fed", "well fed", "", false, Stacking.REFRESH, 1,
        new StatBonus(0, 0, 10, 0, 0, 0, 0, 0), 0, 0));

    Map<String, NodeKindDef> nodes = new LinkedHashMap<>();
    nodes.put("herb-patch", new NodeKindDef("herb-patch", "herb patch", List.of("herbs"), "", "pick", "herb", null,
        3, 10, 1, 1, 1));
    nodes.put("copper-vein", new NodeKindDef("copper-vein", "copper vein", List.of("vein"), "", "mine", "copper-ore",
        "pickaxe", 2, 50, 2, 5, 1));
    nodes.put("silver-vein", new NodeKindDef("silver-vein", "silver vein", List.of(), "", "mine", "silver-ore",
        "pickaxe", 5, 50, 2, 10, 5));

    Map<String, StationDef> stations = new LinkedHashMap<>();
    stations.put("workbench", new StationDef("workbench", "workbench", List.of(), ""));
    stations.put("forge", new StationDef("forge", "forge", List.of(), ""));

    Map<String, RecipeDef> recipes = new LinkedHashMap<>();
    recipes.put("copper-sword", new RecipeDef("copper-sword", "copper sword", List.of("sword"),
        Map.of("copper-ore", 2), Map.of("copper-sword", 1), "workbench", 1, 3, 30));
    recipes.put("salve", new RecipeDef("salve", "healing salve", List.of(), Map.of("herb", 2), Map.of("salve", 1),
        null, 1, 1, 2));
    recipes.put("ingot", new RecipeDef("ingot", "copper ingot", List.of(), Map.of("copper-ore", 1), Map.of("ingot", 1),
        "forge", 1, 1, 3));
    recipes.put("silver-ring", new RecipeDef("silver-ring", "silver ring", List.of(), Map.of("silver-ore", 1),
        Map.of("ingot", 1), null, 4, 1, 3));

    Map<String, CreatureKindDef> kinds = new LinkedHashMap<>();
    kinds.put("rat", new CreatureKindDef("rat", "cellar rat", List.of("rat"), "", 1, 1, 1, 0, Aggression.PASSIVE, 5,
        List.of(new LootDrop("pelt", 100, 1, 1)), 50, null, 0));
    kinds.put("wolf", new CreatureKindDef("wolf", "grey wolf", List.of("wolf"), "", 2, 20, 6, 1, Aggression.DEFENSIVE, 60,
        List.of(new LootDrop("pelt", 100, 2, 2)), 100, new EffectGrant("poisoned", 1, 5), 100));
    kinds.put("troll", new CreatureKindDef("troll", "cave troll", List.of("troll"), "", 10, 5_000, 500, 50,
        Aggression.DEFENSIVE, 500, List.of(), 100, null, 0));

    Map<String, CreatureSpawn> creatures = new LinkedHashMap<>();
    creatures.put(RAT, new CreatureSpawn(RAT, "rat", CLEARING));
    creatures.put(WOLF, new CreatureSpawn(WOLF, "wolf", DEN));
    creatures.put(TROLL, new CreatureSpawn(TROLL, "troll", DEN));

    Map<String, LocationDef> locations = new LinkedHashMap<>();
    locations.put(CLEARING, new LocationDef(CLEARING, "camp", "the clearing", "A ring of stones around ashes.",
        Map.of(Direction.NORTH, exit(Direction.NORTH, MINE), Direction.EAST, exit(Direction.EAST, DEN)),
        Map.of("pickaxe", 1, "great-axe", 1, "war-hammer", 1, "buckler", 1, "cap", 1, "hood", 1),
        List.of("herb-patch"), List.of("workbench"), List.of(RAT)));
    locations.put(MINE, new LocationDef(MINE, "camp", "the mine", "Timbers hold up a low roof.",
        Map.of(Direction.SOUTH, exit(Direction.SOUTH, CLEARING)), Map.of(),
        List.of("copper-vein", "silver-vein"), List.of("forge"), List.of()));
    locations.put(DEN, new LocationDef(DEN, "camp", "the den", "Bones litter the floor.",
        Map.of(Direction.WEST, exit(Direction.WEST, CLEARING)), Map.of(),
        List.of(), List.of(), List.of(WOLF, TROLL)));

    return new World("camp", "The Camp", CLEARING, CLEARING, 42L,
        new PlayerDefaults(6, 20_000, 50, 10, 30, 0, 0, 0),
        Map.of("camp", new ZoneDef("camp", "The Camp", "")), locations, items, effects, nodes, stations, recipes, kinds,
        creatures);
  }

  private static void add(Map<String, ItemDef> items, ItemDef item) {
    items.put(item.id(), item);
  }

  private static ItemDef plain(String id, String name, int grams, int stack, ItemKind kind) {
    return new ItemDef(id, name, List.of(), grams, stack, "", kind, null, null, null);
  }

  private static StatBonus bonus(int attack, int defense, int hpMax, int gather) {
    return new StatBonus(attack, defense, hpMax, 0, 0, 0, gather, 0);
  }

  private static ExitDef exit(Direction direction, String target) {
    return new ExitDef(direction, target, null, null, 1);
  }
}
