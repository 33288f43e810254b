package io.microcosm.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gameplay files (effects, nodes, recipes, creatures) and the whole-world checks, on a small
 * complete world. Every broken case changes that world in one place.
 *
 * <p>The world: the square (start) leads west to the shrine (home), east to the smithy (a pickaxe on
 * the floor, a forge and a workbench) and north to the forest (an oak tree, two wolves), which leads
 * east into the mines: the entrance (a rat and a wolf) and the tunnel (a copper vein that needs a
 * pickaxe, two rats). Copper ore is smelted into ingots at the forge; ingots and an oak log make a
 * sword there; wolf pelts make a fur hat at the workbench; two logs make a maul anywhere.
 */
class WorldGameplayDataTest {

  private static final String WORLD = """
      {"name": "full", "title": "Full", "start": "vale.square", "home": "vale.shrine", "seed": 1729,
       "zones": ["vale", "mines"]}
      """;
  private static final String ITEMS = """
      {"items": [
        {"id": "apple", "name": "apple", "kind": "food", "weight": 0.2, "stackLimit": 20,
         "use": {"hp": 5, "effects": [{"effect": "well-fed", "ticks": 300}]}},
        {"id": "antidote", "name": "antidote", "kind": "potion", "weight": 0.1, "use": {"hp": 10, "mp": 2, "sp": 3}},
        {"id": "pickaxe", "name": "pickaxe", "kind": "tool", "weight": 4,
         "tool": {"kind": "pickaxe", "power": 2}, "equip": {"slot": "tool"}},
        {"id": "copper-ore", "name": "copper ore", "kind": "material", "weight": 1.5, "stackLimit": 20},
        {"id": "copper-ingot", "name": "copper ingot", "kind": "material", "weight": 1, "stackLimit": 10},
        {"id": "oak-log", "name": "oak log", "kind": "material", "weight": 3, "stackLimit": 5},
        {"id": "copper-sword", "name": "copper sword", "kind": "weapon", "weight": 2.5,
         "equip": {"slot": "main-hand", "minLevel": 2, "attack": 6, "crit": 5}},
        {"id": "maul", "name": "oak maul", "kind": "weapon", "weight": 6,
         "equip": {"slot": "main-hand", "twoHanded": true, "attack": 9, "defense": -1}},
        {"id": "wolf-pelt", "name": "wolf pelt", "kind": "material", "weight": 1},
        {"id": "fur-hat", "name": "fur hat", "kind": "armour", "weight": 0.5,
         "equip": {"slot": "head", "defense": 1, "hp": 10, "carry": 1.5}},
        {"id": "trinket", "name": "trinket", "weight": 0.1}
      ]}
      """;
  private static final String EFFECTS = """
      {"effects": [
        {"id": "poisoned", "name": "poisoned", "harmful": true, "stacking": "stack", "maxStacks": 3, "hpPerTick": -1},
        {"id": "well-fed", "name": "well fed", "description": "Full and content.", "spPerTick": 1,
         "bonus": {"attack": 1, "carry": 2.5}}
      ]}
      """;
  private static final String NODES = """
      {"nodes": [
        {"id": "copper-vein", "name": "copper vein", "aliases": ["vein"], "verb": "mine", "item": "copper-ore",
         "tool": "pickaxe", "max": 8, "regrowTicks": 60, "stamina": 3, "exp": 4, "minLevel": 2},
        {"id": "oak-tree", "name": "oak tree", "item": "oak-log", "max": 3, "regrowTicks": 120}
      ]}
      """;
  private static final String RECIPES = """
      {"stations": [
         {"id": "forge", "name": "forge", "aliases": ["furnace"]},
         {"id": "workbench", "name": "workbench", "description": "A scarred bench."}
       ],
       "recipes": [
         {"id": "smelt-copper", "name": "copper ingot", "inputs": {"copper-ore": 2}, "outputs": {"copper-ingot": 1},
          "station": "forge", "exp": 5},
         {"id": "copper-sword", "name": "copper sword", "inputs": {"copper-ingot": 3, "oak-log": 1},
          "outputs": {"copper-sword": 1}, "station": "forge", "minLevel": 2, "stamina": 5, "exp": 20},
         {"id": "fur-hat", "name": "fur hat", "inputs": {"wolf-pelt": 2}, "outputs": {"fur-hat": 1}, "station": "workbench"},
         {"id": "maul", "name": "oak maul", "inputs": {"oak-log": 2}, "outputs": {"maul": 1}}
       ]}
      """;
  private static final String CREATURES = """
      {"creatures": [
        {"id": "wolf", "name": "grey wolf", "aliases": ["wolf"], "level": 3, "hp": 40, "attack": 8, "defense": 2,
         "aggression": "aggressive", "exp": 30, "respawnTicks": 120,
         "loot": [{"item": "wolf-pelt", "percent": 80, "min": 1, "max": 2}],
         "onHit": {"effect": "poisoned", "ticks": 10, "percent": 15}},
        {"id": "rat", "name": "rat", "level": 1, "hp": 6, "respawnTicks": 30}
      ]}
      """;
  private static final String SQUARE = """
      {"id": "vale.square", "name": "the square", "items": {"apple": 3},
       "exits": {"north": "vale.forest", "east": "vale.smithy", "west": "vale.shrine"}}
      """;
  private static final String SHRINE = """
      {"id": "vale.shrine", "name": "the shrine", "exits": {"east": "vale.square"}}
      """;
  private static final String SMITHY = """
      {"id": "vale.smithy", "name": "the smithy", "exits": {"west": "vale.square"},
       "items": {"pickaxe": 1}, "stations": ["forge", "workbench"]}
      """;
  private static final String FOREST = """
      {"id": "vale.forest", "name": "the forest", "exits": {"south": "vale.square", "east": "mines.entrance"},
       "nodes": ["oak-tree"], "creatures": {"wolf": 2}}
      """;
  private static final String ENTRANCE = """
      {"id": "mines.entrance", "name": "the mine entrance", "exits": {"west": "vale.forest", "in": "mines.tunnel"},
       "creatures": {"rat": 1, "wolf": 1}}
      """;
  private static final String TUNNEL = """
      {"id": "mines.tunnel", "name": "the tunnel", "exits": {"out": "mines.entrance"},
       "nodes": ["copper-vein"], "creatures": {"rat": 2}}
      """;

  @TempDir Path dir;

  @BeforeEach
  void writeCompleteWorld() {
    write("world.json", WORLD);
    write("items.json", ITEMS);
    write("effects.json", EFFECTS);
    write("nodes.json", NODES);
    write("recipes.json", RECIPES);
    write("creatures.json", CREATURES);
    writeZone("vale", SQUARE, SHRINE, SMITHY, FOREST);
    writeZone("mines", ENTRANCE, TUNNEL);
  }

  private void write(String relativePath, String text) {
    try {
      Path file = dir.resolve(relativePath);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeZone(String zone, String... locations) {
    write("zones/" + zone + ".json",
        "{\"id\": \"" + zone + "\", \"name\": \"" + zone + "\", \"locations\": [\n" + String.join(",\n", locations) + "]}");
  }

  /** Changes one place of a written file; the text to change must occur exactly once. */
  private void change(String relativePath, String from, String to) {
    write(relativePath, once(read(relativePath), from, to));
  }

  /** {@code text} with {@code from}, which must occur exactly once, replaced by {@code to}. */
  private static String once(String text, String from, String to) {
    int at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) {
      fail("'" + from + "' should occur exactly once in:\n" + text);
    }
    return text.replace(from, to);
  }

  private String read(String relativePath) {
    try {
      return Files.readString(dir.resolve(relativePath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private World load() {
    return WorldLoader.load("full", WorldSource.directory(dir));
  }

  private WorldValidationException loadFails() {
    return assertThrows(WorldValidationException.class, this::load);
  }

  /** Asserts that one reported problem names this file, entry and field, and that the message shows it. */
  private WorldProblem assertProblem(
      WorldValidationException e, String file, String entry, String field, String messagePart) {
    String path = dir.resolve(file).toString();
    for (WorldProblem p : e.problems()) {
      if (p.file().equals(path) && Objects.equals(p.entry(), entry) && Objects.equals(p.field(), field)
          && p.message().contains(messagePart)) {
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        return p;
      }
    }
    return fail("no problem in " + file + " / " + entry + " / " + field + " saying '" + messagePart + "' among:\n" + e.getMessage());
  }

  /** One change to the complete world and the single problem it must cause. */
  record Case(String file, String from, String to, String problemFile, String entry, String field, String message) {

    static Case of(String file, String from, String to, String entry, String field, String message) {
      return new Case(file, from, to, file, entry, field, message);
    }

    @Override
    public String toString() {
      return file + ": " + from + " -> " + to;
    }
  }

  private void assertOnlyProblem(Case c) {
    change(c.file(), c.from(), c.to());
    WorldValidationException e = loadFails();
    assertProblem(e, c.problemFile(), c.entry(), c.field(), c.message());
    assertEquals(1, e.problems().size(), e.getMessage());
  }

  @Nested
  class TheCompleteWorld {

    @Test
    void loadsWithHomeAndSeed() {
      World w = load();
      assertEquals("vale.square", w.start());
      assertEquals("vale.shrine", w.home());
      assertEquals(1729L, w.seed());
      assertEquals(List.of("vale", "mines"), List.copyOf(w.zones().keySet()));
    }

    @Test
    void readsItemsWithKindsEquipToolsAndUses() {
      World w = load();

      ItemDef apple = w.item("apple").orElseThrow();
      assertEquals(ItemKind.FOOD, apple.kind());
      assertEquals(new UseDef(5, 0, 0, List.of(new EffectGrant("well-fed", 1, 300))), apple.use());
      assertNull(apple.equip());
      assertNull(apple.tool());
      assertEquals(new UseDef(10, 2, 3, List.of()), w.item("antidote").orElseThrow().use());

      ItemDef pickaxe = w.item("pickaxe").orElseThrow();
      assertEquals(new ToolDef("pickaxe", 2), pickaxe.tool());
      assertEquals(new EquipDef(EquipSlot.TOOL, false, 1, StatBonus.NONE), pickaxe.equip());

      assertEquals(new EquipDef(EquipSlot.MAIN_HAND, false, 2, new StatBonus(6, 0, 0, 0, 0, 0, 0, 5)),
          w.item("copper-sword").orElseThrow().equip());
      assertEquals(new EquipDef(EquipSlot.MAIN_HAND, true, 1, new StatBonus(9, -1, 0, 0, 0, 0, 0, 0)),
          w.item("maul").orElseThrow().equip());
      assertEquals(new EquipDef(EquipSlot.HEAD, false, 1, new StatBonus(0, 1, 10, 0, 0, 1_500, 0, 0)),
          w.item("fur-hat").orElseThrow().equip(), "carry is given in kilograms and kept in grams");

      ItemDef trinket = w.item("trinket").orElseThrow();
      assertEquals(ItemKind.MISC, trinket.kind(), "kind defaults to misc");
      assertNull(trinket.equip());
      assertNull(trinket.tool());
      assertNull(trinket.use());
    }

    @Test
    void readsEffects() {
      World w = load();
      assertEquals(new EffectDef("poisoned", "poisoned", "", true, Stacking.STACK, 3, StatBonus.NONE, -1, 0),
          w.effect("poisoned").orElseThrow());
      assertEquals(new EffectDef("well-fed", "well fed", "Full and content.", false, Stacking.REFRESH, 1,
          new StatBonus(1, 0, 0, 0, 0, 2_500, 0, 0), 0, 1), w.effect("well-fed").orElseThrow());
    }

    @Test
    void readsNodesWithTheirDefaults() {
      World w = load();
      assertEquals(new NodeKindDef("copper-vein", "copper vein", List.of("vein"), "", "mine", "copper-ore", "pickaxe",
          8, 60, 3, 4, 2), w.node("copper-vein").orElseThrow());
      assertEquals(new NodeKindDef("oak-tree", "oak tree", List.of(), "", "gather", "oak-log", null, 3, 120, 1, 0, 1),
          w.node("oak-tree").orElseThrow());
    }

    @Test
    void readsStationsAndRecipes() {
      World w = load();
      assertEquals(List.of("forge", "workbench"), List.copyOf(w.stations().keySet()));
      assertEquals(new StationDef("forge", "forge", List.of("furnace"), ""), w.stations().get("forge"));
      assertEquals("A scarred bench.", w.stations().get("workbench").description());

      RecipeDef sword = w.recipe("copper-sword").orElseThrow();
      assertEquals(new RecipeDef("copper-sword", "copper sword", List.of(), Map.of("copper-ingot", 3, "oak-log", 1),
          Map.of("copper-sword", 1), "forge", 2, 5, 20), sword);
      assertEquals(List.of("copper-ingot", "oak-log"), List.copyOf(sword.inputs().keySet()), "inputs keep their order");
      assertEquals(new RecipeDef("maul", "oak maul", List.of(), Map.of("oak-log", 2), Map.of("maul", 1), null, 1, 1, 0),
          w.recipe("maul").orElseThrow(), "no station: craft anywhere; level 1, 1 stamina, no experience by default");
    }

    @Test
    void readsCreatureKinds() {
      World w = load();
      assertEquals(new CreatureKindDef("wolf", "grey wolf", List.of("wolf"), "", 3, 40, 8, 2, Aggression.AGGRESSIVE, 30,
          List.of(new LootDrop("wolf-pelt", 80, 1, 2)), 120, new EffectGrant("poisoned", 1, 10), 15),
          w.creatureKinds().get("wolf"));
      assertEquals(new CreatureKindDef("rat", "rat", List.of(), "", 1, 6, 0, 0, Aggression.DEFENSIVE, 0, List.of(), 30,
          null, 0), w.creatureKinds().get("rat"));
    }

    @Test
    void numbersCreaturesPerZoneAndKindInFileOrder() {
      World w = load();
      assertEquals(List.of("vale.wolf.1", "vale.wolf.2", "mines.rat.1", "mines.wolf.1", "mines.rat.2", "mines.rat.3"),
          List.copyOf(w.creatures().keySet()));
      assertEquals(new CreatureSpawn("mines.rat.3", "rat", "mines.tunnel"), w.creature("mines.rat.3").orElseThrow());
      assertEquals(new CreatureSpawn("mines.wolf.1", "wolf", "mines.entrance"), w.creature("mines.wolf.1").orElseThrow());
      assertEquals("grey wolf", w.kindOf(w.creature("vale.wolf.2").orElseThrow()).name());

      assertEquals(List.of("vale.wolf.1", "vale.wolf.2"), w.location("vale.forest").orElseThrow().creatures());
      assertEquals(List.of("mines.rat.1", "mines.wolf.1"), w.location("mines.entrance").orElseThrow().creatures());
      assertEquals(List.of("mines.rat.2", "mines.rat.3"), w.location("mines.tunnel").orElseThrow().creatures());
      assertEquals(List.of(), w.location("vale.square").orElseThrow().creatures());
    }

    @Test
    void placesNodesAndStations() {
      World w = load();
      assertEquals(List.of("oak-tree"), w.location("vale.forest").orElseThrow().nodes());
      assertEquals(List.of("copper-vein"), w.location("mines.tunnel").orElseThrow().nodes());
      assertEquals(List.of("forge", "workbench"), w.location("vale.smithy").orElseThrow().stations());
      assertEquals(List.of(), w.location("vale.square").orElseThrow().stations());
    }
  }

  @Nested
  class OptionalFiles {

    @Test
    void homeDefaultsToTheStartAndSeedToZero() {
      change("world.json", "\"home\": \"vale.shrine\", \"seed\": 1729,", "");
      World w = load();
      assertEquals("vale.square", w.home());
      assertEquals(0L, w.seed());
    }

    @Test
    void aBrokenOptionalFileIsAProblem() {
      write("effects.json", "{\"effects\": [");
      assertProblem(loadFails(), "effects.json", null, null, "not valid JSON");
    }

    @Test
    void anOptionalFileWithoutItsListIsAProblem() {
      write("nodes.json", "{\"node\": []}");
      assertProblem(loadFails(), "nodes.json", null, "nodes", "is required");
    }

    @Test
    void aRecipesFileNeedsStationsOrRecipes() {
      write("recipes.json", "{}");
      assertProblem(loadFails(), "recipes.json", null, null, "needs a 'stations' or a 'recipes' list");
    }

    @Test
    void aMissingOptionalFileOnlyMattersThroughWhatNamesIt() {
      try {
        Files.delete(dir.resolve("creatures.json"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      WorldValidationException e = loadFails();
      assertProblem(e, "zones/vale.json", "location 'vale.forest'", "creatures.wolf",
          "unknown creature kind 'wolf' (creatures.json defines none)");
      assertProblem(e, "zones/mines.json", "location 'mines.entrance'", "creatures.rat", "unknown creature kind 'rat'");
      assertProblem(e, "zones/mines.json", "location 'mines.entrance'", "creatures.wolf", "unknown creature kind 'wolf'");
      assertProblem(e, "zones/mines.json", "location 'mines.tunnel'", "creatures.rat", "unknown creature kind 'rat'");
      assertEquals(4, e.problems().size(), e.getMessage());
    }
  }

  static Stream<Case> badReferences() {
    return Stream.of(
        Case.of("world.json", "\"home\": \"vale.shrine\"", "\"home\": \"vale.temple\"",
            null, "home", "unknown location 'vale.temple'"),
        Case.of("zones/mines.json", "\"in\": \"mines.tunnel\"", "\"in\": \"mines.shaft\"",
            "location 'mines.entrance'", "exits.in", "unknown exit target 'mines.shaft'"),
        Case.of("zones/vale.json", "\"items\": {\"pickaxe\": 1}", "\"items\": {\"shovel\": 1}",
            "location 'vale.smithy'", "items.shovel", "unknown item 'shovel'"),
        Case.of("zones/vale.json", "\"nodes\": [\"oak-tree\"]", "\"nodes\": [\"pine-tree\"]",
            "location 'vale.forest'", "nodes", "unknown node kind 'pine-tree'"),
        Case.of("zones/vale.json", "[\"forge\", \"workbench\"]", "[\"forge\", \"loom\"]",
            "location 'vale.smithy'", "stations", "unknown station 'loom'"),
        Case.of("zones/vale.json", "\"creatures\": {\"wolf\": 2}", "\"creatures\": {\"bear\": 2}",
            "location 'vale.forest'", "creatures.bear", "unknown creature kind 'bear'"),
        Case.of("nodes.json", "\"item\": \"oak-log\"", "\"item\": \"pine-log\"",
            "node 'oak-tree'", "item", "unknown item 'pine-log'"),
        Case.of("nodes.json", "\"tool\": \"pickaxe\"", "\"tool\": \"drill\"",
            "node 'copper-vein'", "tool", "no item is a tool of kind 'drill'"),
        Case.of("recipes.json", "\"inputs\": {\"wolf-pelt\": 2}", "\"inputs\": {\"bear-pelt\": 2}",
            "recipe 'fur-hat'", "inputs.bear-pelt", "unknown item 'bear-pelt'"),
        Case.of("recipes.json", "\"outputs\": {\"fur-hat\": 1}", "\"outputs\": {\"fur-cap\": 1}",
            "recipe 'fur-hat'", "outputs.fur-cap", "unknown item 'fur-cap'"),
        Case.of("recipes.json", "\"station\": \"workbench\"", "\"station\": \"loom\"",
            "recipe 'fur-hat'", "station", "unknown station 'loom'"),
        Case.of("creatures.json", "\"item\": \"wolf-pelt\"", "\"item\": \"wolf-tail\"",
            "creature 'wolf'", "loot[0].item", "unknown item 'wolf-tail'"),
        Case.of("creatures.json", "\"effect\": \"poisoned\"", "\"effect\": \"venom\"",
            "creature 'wolf'", "onHit.effect", "unknown effect 'venom'"),
        Case.of("items.json", "\"effect\": \"well-fed\"", "\"effect\": \"sated\"",
            "item 'apple'", "use.effects[0].effect", "unknown effect 'sated'"));
  }

  /** A bad reference is reported once, and does not also show up as an unreachable place or unobtainable input. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("badReferences")
  void aBadReferenceIsNamedOnce(Case c) {
    assertOnlyProblem(c);
  }

  static Stream<Case> numbersOutOfRange() {
    return Stream.of(
        Case.of("creatures.json", "\"level\": 3", "\"level\": 21", "creature 'wolf'", "level", "from 1 to 20, was 21"),
        Case.of("creatures.json", "\"level\": 1", "\"level\": 0", "creature 'rat'", "level", "from 1 to 20, was 0"),
        Case.of("creatures.json", "\"level\": 1, ", "", "creature 'rat'", "level", "is required"),
        Case.of("items.json", "\"minLevel\": 2", "\"minLevel\": 21", "item 'copper-sword'", "equip.minLevel", "from 1 to 20"),
        Case.of("nodes.json", "\"minLevel\": 2", "\"minLevel\": 0", "node 'copper-vein'", "minLevel", "from 1 to 20"),
        Case.of("recipes.json", "\"minLevel\": 2", "\"minLevel\": 25", "recipe 'copper-sword'", "minLevel", "from 1 to 20"),
        Case.of("creatures.json", "\"percent\": 80", "\"percent\": 0", "creature 'wolf'", "loot[0].percent",
            "from 1 to 100, was 0"),
        Case.of("creatures.json", "\"percent\": 80", "\"percent\": 101", "creature 'wolf'", "loot[0].percent", "from 1 to 100"),
        Case.of("creatures.json", "\"percent\": 15", "\"percent\": 101", "creature 'wolf'", "onHit.percent", "from 0 to 100"),
        Case.of("items.json", "\"crit\": 5", "\"crit\": 150", "item 'copper-sword'", "equip.crit", "from -100 to 100"),
        Case.of("creatures.json", "\"min\": 1", "\"min\": 0", "creature 'wolf'", "loot[0].min", ">= 1, was 0"),
        Case.of("creatures.json", "\"min\": 1, \"max\": 2", "\"min\": 3, \"max\": 2", "creature 'wolf'", "loot[0].max",
            "must not be less than min (3), was 2"),
        Case.of("creatures.json", "\"hp\": 40", "\"hp\": 0", "creature 'wolf'", "hp", ">= 1, was 0"),
        Case.of("creatures.json", "\"attack\": 8", "\"attack\": -1", "creature 'wolf'", "attack", ">= 0, was -1"),
        Case.of("creatures.json", "\"defense\": 2", "\"defense\": -2", "creature 'wolf'", "defense", ">= 0, was -2"),
        Case.of("creatures.json", "\"exp\": 30", "\"exp\": -30", "creature 'wolf'", "exp", ">= 0"),
        Case.of("creatures.json", "\"respawnTicks\": 120", "\"respawnTicks\": 0", "creature 'wolf'", "respawnTicks", ">= 1"),
        Case.of("creatures.json", "\"ticks\": 10, ", "", "creature 'wolf'", "onHit.ticks", "is required"),
        Case.of("nodes.json", "\"max\": 8", "\"max\": 0", "node 'copper-vein'", "max", ">= 1, was 0"),
        Case.of("nodes.json", "\"regrowTicks\": 60", "\"regrowTicks\": 0", "node 'copper-vein'", "regrowTicks", ">= 1"),
        Case.of("nodes.json", "\"stamina\": 3", "\"stamina\": -1", "node 'copper-vein'", "stamina", ">= 0, was -1"),
        Case.of("nodes.json", "\"exp\": 4", "\"exp\": -4", "node 'copper-vein'", "exp", ">= 0"),
        Case.of("recipes.json", "\"exp\": 20", "\"exp\": -1", "recipe 'copper-sword'", "exp", ">= 0"),
        Case.of("recipes.json", "\"stamina\": 5", "\"stamina\": -5", "recipe 'copper-sword'", "stamina", ">= 0"),
        Case.of("effects.json", "\"maxStacks\": 3", "\"maxStacks\": 0", "effect 'poisoned'", "maxStacks", ">= 1, was 0"),
        Case.of("effects.json", "\"stacking\": \"stack\"", "\"stacking\": \"refresh\"", "effect 'poisoned'", "maxStacks",
            "only a 'stack' effect can have more than one stack, this one is 'refresh'"),
        Case.of("items.json", "\"hp\": 5", "\"hp\": -5", "item 'apple'", "use.hp", ">= 0, was -5"),
        Case.of("items.json", "\"ticks\": 300", "\"ticks\": 0", "item 'apple'", "use.effects[0].ticks", ">= 1, was 0"),
        Case.of("items.json", "\"effect\": \"well-fed\",", "\"effect\": \"well-fed\", \"magnitude\": 0,", "item 'apple'",
            "use.effects[0].magnitude", ">= 1, was 0"),
        Case.of("items.json", "\"power\": 2", "\"power\": -2", "item 'pickaxe'", "tool.power", ">= 0, was -2"),
        Case.of("items.json", "\"slot\": \"main-hand\", \"twoHanded\": true", "\"slot\": \"off-hand\", \"twoHanded\": true",
            "item 'maul'", "equip.twoHanded", "only a main-hand item can be two-handed, this one is worn on off-hand"),
        Case.of("items.json", "\"twoHanded\": true", "\"twoHanded\": \"yes\"", "item 'maul'", "equip.twoHanded",
            "must be true or false"),
        Case.of("items.json", "\"equip\": {\"slot\": \"tool\"}", "\"equip\": {}", "item 'pickaxe'", "equip.slot",
            "is required; allowed: " + EquipSlot.allowedValues()),
        Case.of("world.json", "\"seed\": 1729", "\"seed\": 17.29", null, "seed", "must be a whole number, was 17.29"),
        Case.of("zones/vale.json", "\"creatures\": {\"wolf\": 2}", "\"creatures\": {\"wolf\": 0}", "location 'vale.forest'",
            "creatures.wolf", "count must be a whole number >= 1, was 0"),
        Case.of("zones/vale.json", "\"nodes\": [\"oak-tree\"]", "\"nodes\": [\"oak-tree\", \"oak-tree\"]",
            "location 'vale.forest'", "nodes", "node kind 'oak-tree' is listed twice"),
        Case.of("zones/vale.json", "[\"forge\", \"workbench\"]", "[\"forge\", \"forge\", \"workbench\"]",
            "location 'vale.smithy'", "stations", "station 'forge' is listed twice"),
        Case.of("recipes.json", "\"inputs\": {\"copper-ore\": 2}", "\"inputs\": {}", "recipe 'smelt-copper'", "inputs",
            "needs at least one item"),
        Case.of("recipes.json", ", \"outputs\": {\"maul\": 1}", "", "recipe 'maul'", "outputs", "is required"),
        Case.of("recipes.json", "\"copper-ore\": 2", "\"copper-ore\": 0", "recipe 'smelt-copper'", "inputs.copper-ore",
            "count must be a whole number >= 1, was 0"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numbersOutOfRange")
  void aValueOutOfRangeIsNamed(Case c) {
    assertOnlyProblem(c);
  }

  static Stream<Case> unknownChoices() {
    return Stream.of(
        Case.of("items.json", "\"kind\": \"food\"", "\"kind\": \"fruit\"", "item 'apple'", "kind",
            "unknown kind 'fruit'; allowed: " + ItemKind.allowedValues()),
        Case.of("items.json", "\"slot\": \"head\"", "\"slot\": \"belt\"", "item 'fur-hat'", "equip.slot",
            "unknown slot 'belt'; allowed: " + EquipSlot.allowedValues()),
        Case.of("items.json", "\"slot\": \"main-hand\", \"minLevel\"", "\"slot\": \"main hand\", \"minLevel\"",
            "item 'copper-sword'", "equip.slot", "unknown slot 'main hand'; allowed: " + EquipSlot.allowedValues()),
        Case.of("effects.json", "\"stacking\": \"stack\"", "\"stacking\": \"pile\"", "effect 'poisoned'", "stacking",
            "unknown stacking 'pile'; allowed: " + Stacking.allowedValues()),
        Case.of("creatures.json", "\"aggression\": \"aggressive\"", "\"aggression\": \"Aggressive\"", "creature 'wolf'",
            "aggression", "unknown aggression 'Aggressive'; allowed: " + Aggression.allowedValues()));
  }

  /** Data files spell the values exactly as listed, and a wrong one is answered with the list. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("unknownChoices")
  void anUnknownValueIsRefusedListingTheAllowedOnes(Case c) {
    if (c.file().equals("effects.json")) {
      // poisoned keeps three stacks, which only 'stack' allows; keep the one problem under test
      change("effects.json", "\"maxStacks\": 3, ", "");
    }
    assertOnlyProblem(c);
  }

  static Stream<Case> duplicateIds() {
    return Stream.of(
        Case.of("effects.json", "\"id\": \"well-fed\"", "\"id\": \"poisoned\"", "effect 'poisoned'", "id",
            "duplicate effect id 'poisoned'"),
        Case.of("nodes.json", "\"id\": \"oak-tree\"", "\"id\": \"copper-vein\"", "node 'copper-vein'", "id",
            "duplicate node id 'copper-vein'"),
        Case.of("recipes.json", "\"id\": \"workbench\"", "\"id\": \"forge\"", "station 'forge'", "id",
            "duplicate station id 'forge'"),
        Case.of("recipes.json", "\"id\": \"maul\"", "\"id\": \"fur-hat\"", "recipe 'fur-hat'", "id",
            "duplicate recipe id 'fur-hat'"),
        Case.of("creatures.json", "\"id\": \"rat\"", "\"id\": \"wolf\"", "creature 'wolf'", "id",
            "duplicate creature id 'wolf'"));
  }

  /** The second entry is left out; what named it may then be reported too, so only the duplicate is asserted. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("duplicateIds")
  void aDuplicateIdIsNamed(Case c) {
    change(c.file(), c.from(), c.to());
    assertProblem(loadFails(), c.problemFile(), c.entry(), c.field(), c.message());
  }

  static Stream<Case> misspeltFields() {
    return Stream.of(
        Case.of("items.json", "\"twoHanded\": true", "\"twohanded\": true", "item 'maul'", "equip.twohanded",
            "is not a known field here; known: attack, carry"),
        Case.of("world.json", "\"seed\"", "\"sead\"", null, "sead", "is not a known field here"),
        Case.of("creatures.json", "\"id\": \"rat\"", "\"id\": \"rat\", \"hitpoints\": 3", "creature 'rat'", "hitpoints",
            "is not a known field here"));
  }

  /** A misspelt field would otherwise be ignored without a word, and its default silently used. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("misspeltFields")
  void aFieldNobodyReadsIsReported(Case c) {
    assertOnlyProblem(c);
  }

  @Test
  void aStationAndARecipeMayShareAnId() {
    change("recipes.json", "\"id\": \"maul\"", "\"id\": \"forge\"");
    assertEquals("oak maul", load().recipe("forge").orElseThrow().name());
  }

  @Nested
  class Reachability {

    @Test
    void aPlaceBehindABlockedExitCannotBeReached() {
      assertOnlyProblem(Case.of("zones/vale.json", "\"west\": \"vale.shrine\"",
          "\"west\": {\"to\": \"vale.shrine\", \"blocked\": \"Rubble fills the arch.\"}",
          "location 'vale.shrine'", null, "cannot be reached from the start 'vale.square' through open exits"));
    }

    @Test
    void aPlaceBehindALockedExitCannotBeReached() {
      assertOnlyProblem(Case.of("zones/mines.json", "\"in\": \"mines.tunnel\"",
          "\"in\": {\"to\": \"mines.tunnel\", \"locked\": \"The gate is locked.\"}",
          "location 'mines.tunnel'", null, "cannot be reached from the start"));
    }

    @Test
    void aPlaceNoExitLeadsToCannotBeReached() {
      writeZone("vale", SQUARE, SHRINE, SMITHY, FOREST, """
          {"id": "vale.attic", "name": "the attic", "exits": {"down": "vale.square"}}
          """);
      WorldValidationException e = loadFails();
      assertProblem(e, "zones/vale.json", "location 'vale.attic'", null, "cannot be reached from the start 'vale.square'");
      assertEquals(1, e.problems().size(), "an unreachable place is not also reported as having no way back");
    }

    @Test
    void aOneWayTrapHasNoWayBack() {
      writeZone("vale", once(SQUARE, "\"west\": \"vale.shrine\"", "\"west\": \"vale.shrine\", \"down\": \"vale.pit\""),
          SHRINE, SMITHY, FOREST, """
          {"id": "vale.pit", "name": "a pit", "description": "Smooth walls, far too steep to climb."}
          """);
      WorldValidationException e = loadFails();
      assertProblem(e, "zones/vale.json", "location 'vale.pit'", null,
          "there is no way back to the start 'vale.square' through open exits");
      assertEquals(1, e.problems().size(), e.getMessage());
    }

    @Test
    void aLockedWayOutLeavesNoWayBack() {
      assertOnlyProblem(Case.of("zones/vale.json", "\"exits\": {\"east\": \"vale.square\"}",
          "\"exits\": {\"east\": {\"to\": \"vale.square\", \"locked\": \"The door has swung shut.\"}}",
          "location 'vale.shrine'", null, "there is no way back to the start"));
    }

    @Test
    void everyPlaceBeyondATrapHasNoWayBack() {
      // the roof falls in behind whoever enters the tunnel; a gallery below leads back to the tunnel only
      writeZone("mines", ENTRANCE,
          once(TUNNEL, "\"exits\": {\"out\": \"mines.entrance\"}",
              "\"exits\": {\"out\": {\"to\": \"mines.entrance\", \"blocked\": \"The roof has come down.\"}, "
                  + "\"down\": \"mines.gallery\"}"), """
          {"id": "mines.gallery", "name": "the gallery", "exits": {"up": "mines.tunnel"}}
          """);
      WorldValidationException e = loadFails();
      assertProblem(e, "zones/mines.json", "location 'mines.tunnel'", null, "there is no way back");
      assertProblem(e, "zones/mines.json", "location 'mines.gallery'", null, "there is no way back");
      assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void aSecondOpenWayInIsEnough() {
      change("zones/vale.json", "\"west\": \"vale.shrine\"",
          "\"west\": {\"to\": \"vale.shrine\", \"locked\": \"Locked.\"}, \"northwest\": \"vale.shrine\"");
      assertEquals("vale.shrine", load().home());
    }
  }

  @Nested
  class Obtainability {

    @Test
    void aToolOnlyOneRecipeChainAwayIsEnough() {
      // no pickaxe lies around; it is made from a log, which unlocks the copper vein, ore, ingots, the sword
      change("zones/vale.json", "\"items\": {\"pickaxe\": 1}, ", "");
      change("recipes.json", "\"recipes\": [", """
          "recipes": [
           {"id": "pickaxe", "name": "pickaxe", "inputs": {"oak-log": 1}, "outputs": {"pickaxe": 1}, "station": "workbench"},
          """);
      World w = load();
      assertTrue(w.recipe("pickaxe").isPresent());
    }

    @Test
    void aRecipeInputThatCannotBeObtainedIsNamed() {
      change("recipes.json", "\"inputs\": {\"oak-log\": 2}", "\"inputs\": {\"oak-log\": 2, \"trinket\": 1}");
      WorldValidationException e = loadFails();
      WorldProblem p = assertProblem(e, "recipes.json", "recipe 'maul'", "inputs.trinket", "'trinket' cannot be obtained");
      assertEquals(1, e.problems().size(), e.getMessage());
      assertTrue(p.toString().contains("recipe 'maul', field 'inputs.trinket'"), p.toString());
    }

    @Test
    void aNodeWhoseToolCannotBeObtainedYieldsNothing() {
      change("zones/vale.json", "\"items\": {\"pickaxe\": 1}, ", "");
      WorldValidationException e = loadFails();
      assertProblem(e, "recipes.json", "recipe 'smelt-copper'", "inputs.copper-ore", "'copper-ore' cannot be obtained");
      assertProblem(e, "recipes.json", "recipe 'copper-sword'", "inputs.copper-ingot", "'copper-ingot' cannot be obtained");
      assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void aNodeThatStandsNowhereYieldsNothing() {
      change("zones/vale.json", "\"nodes\": [\"oak-tree\"], ", "");
      WorldValidationException e = loadFails();
      assertProblem(e, "recipes.json", "recipe 'copper-sword'", "inputs.oak-log", "'oak-log' cannot be obtained");
      assertProblem(e, "recipes.json", "recipe 'maul'", "inputs.oak-log", "'oak-log' cannot be obtained");
      assertEquals(2, e.problems().size(), e.getMessage());
    }

    @Test
    void aRecipeWhoseStationStandsNowhereMakesNothing() {
      // ore can be mined, but without a forge it is never smelted, and no sword is made
      assertOnlyProblem(new Case("zones/vale.json", "[\"forge\", \"workbench\"]", "[\"workbench\"]",
          "recipes.json", "recipe 'copper-sword'", "inputs.copper-ingot", "'copper-ingot' cannot be obtained"));
    }

    @Test
    void lootOfACreatureThatLivesNowhereCannotBeObtained() {
      change("zones/vale.json", "\"creatures\": {\"wolf\": 2}", "\"creatures\": {\"rat\": 2}");
      change("zones/mines.json", "{\"rat\": 1, \"wolf\": 1}", "{\"rat\": 1}");
      WorldValidationException e = loadFails();
      assertProblem(e, "recipes.json", "recipe 'fur-hat'", "inputs.wolf-pelt", "'wolf-pelt' cannot be obtained");
      assertEquals(1, e.problems().size(), e.getMessage());
    }

    @Test
    void aCycleOfRecipesDoesNotBootstrapItself() {
      // the pickaxe now needs an ingot, which needs ore, which needs the pickaxe
      change("zones/vale.json", "\"items\": {\"pickaxe\": 1}, ", "");
      change("recipes.json", "\"recipes\": [", """
          "recipes": [
           {"id": "pickaxe", "name": "pickaxe", "inputs": {"copper-ingot": 1}, "outputs": {"pickaxe": 1}},
          """);
      WorldValidationException e = loadFails();
      assertProblem(e, "recipes.json", "recipe 'pickaxe'", "inputs.copper-ingot", "cannot be obtained");
      assertProblem(e, "recipes.json", "recipe 'smelt-copper'", "inputs.copper-ore", "cannot be obtained");
      assertProblem(e, "recipes.json", "recipe 'copper-sword'", "inputs.copper-ingot", "cannot be obtained");
      assertEquals(3, e.problems().size(), e.getMessage());
    }
  }
}
