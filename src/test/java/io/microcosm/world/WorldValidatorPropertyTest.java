package io.microcosm.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The whole-world checks on many random worlds, each compared with a plain, separately written
 * answer: reachability with a transitive closure over an adjacency matrix, obtainability by rounds
 * in which each round only builds on what the previous round could obtain.
 */
class WorldValidatorPropertyTest {

  private static final int WORLDS = 400;
  private static final WorldSource SOURCE = WorldSource.directory(Path.of("random"));
  private static final PlayerDefaults PLAYER = new PlayerDefaults(10, 10_000, 10, 10, 10, 0, 0, 0);
  private static final Map<String, ZoneDef> ZONES = Map.of("z", new ZoneDef("z", "Z", ""));

  private static String place(int i) {
    return "z.p" + i;
  }

  private static World world(Map<String, LocationDef> locations, Map<String, ItemDef> items,
      Map<String, NodeKindDef> nodes, Map<String, StationDef> stations, Map<String, RecipeDef> recipes,
      Map<String, CreatureKindDef> kinds, Map<String, CreatureSpawn> spawns) {
    return new World("random", "Random", place(0), place(0), 0L, PLAYER, ZONES, locations, items, Map.of(), nodes,
        stations, recipes, kinds, spawns);
  }

  @Test
  void reachabilityAgreesWithTheTransitiveClosure() {
    for (long seed = 0; seed < WORLDS; seed++) {
      Random random = new Random(seed);
      int n = 1 + random.nextInt(8);
      boolean[][] reach = new boolean[n][n];
      Map<String, LocationDef> locations = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        reach[i][i] = true;
        Map<Direction, ExitDef> exits = new EnumMap<>(Direction.class);
        for (Direction d : Direction.values()) {
          if (n == 1 || random.nextInt(6) != 0) {
            continue;
          }
          int to = (i + 1 + random.nextInt(n - 1)) % n;
          int state = random.nextInt(5);
          String blocked = state == 0 ? "blocked" : null;
          String locked = state == 1 ? "locked" : null;
          exits.put(d, new ExitDef(d, place(to), blocked, locked, 1));
          if (state > 1) {
            reach[i][to] = true;
          }
        }
        locations.put(place(i), new LocationDef(place(i), "z", "p" + i, "", exits, Map.of()));
      }
      for (int k = 0; k < n; k++) {
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            reach[i][j] |= reach[i][k] && reach[k][j];
          }
        }
      }
      Set<String> unreached = new TreeSet<>();
      Set<String> stranded = new TreeSet<>();
      for (int i = 0; i < n; i++) {
        if (!reach[0][i]) {
          unreached.add("location '" + place(i) + "'");
        } else if (!reach[i][0]) {
          stranded.add("location '" + place(i) + "'");
        }
      }

      List<WorldProblem> problems = WorldValidator.check(
          world(locations, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of()), SOURCE);

      assertEquals(unreached, entriesSaying(problems, "cannot be reached from the start"), "seed " + seed);
      assertEquals(stranded, entriesSaying(problems, "there is no way back to the start"), "seed " + seed);
      assertEquals(unreached.size() + stranded.size(), problems.size(), "seed " + seed + ": " + problems);
    }
  }

  private static Set<String> entriesSaying(List<WorldProblem> problems, String words) {
    Set<String> entries = new TreeSet<>();
    for (WorldProblem p : problems) {
      if (p.message().contains(words)) {
        entries.add(p.entry());
      }
    }
    return entries;
  }

  /**
   * One place holds a random part of the items on its floor, a random part of the node kinds, one of
   * the two stations and some of the creature kinds; some items are tools; recipes turn random items
   * into others, cycles included.
   */
  @Test
  void obtainabilityAgreesWithRoundByRoundDerivation() {
    for (long seed = 0; seed < WORLDS; seed++) {
      Random random = new Random(seed);
      int itemCount = 1 + random.nextInt(10);
      List<String> itemIds = new ArrayList<>();
      Map<String, ItemDef> items = new LinkedHashMap<>();
      List<String> toolKinds = new ArrayList<>();
      for (int i = 0; i < itemCount; i++) {
        String id = "i" + i;
        ToolDef tool = random.nextInt(4) == 0 ? new ToolDef("t" + random.nextInt(3), 1) : null;
        if (tool != null) {
          toolKinds.add(tool.kind());
        }
        itemIds.add(id);
        items.put(id, new ItemDef(id, id, List.of(), 100, 1, "", ItemKind.MISC, null, tool, null));
      }
      Map<String, Integer> ground = new LinkedHashMap<>();
      for (String id : itemIds) {
        if (random.nextInt(4) == 0) {
          ground.put(id, 1);
        }
      }
      Map<String, NodeKindDef> nodes = new LinkedHashMap<>();
      List<String> placedNodes = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        String id = "n" + i;
        String tool = toolKinds.isEmpty() || random.nextBoolean() ? null : toolKinds.get(random.nextInt(toolKinds.size()));
        nodes.put(id, new NodeKindDef(id, id, List.of(), "", "gather", pick(random, itemIds), tool, 1, 1, 0, 0, 1));
        if (random.nextInt(3) != 0) {
          placedNodes.add(id);
        }
      }
      Map<String, StationDef> stations = Map.of(
          "here", new StationDef("here", "here", List.of(), ""), "nowhere", new StationDef("nowhere", "nowhere", List.of(), ""));
      Map<String, RecipeDef> recipes = new LinkedHashMap<>();
      for (int r = random.nextInt(8); r > 0; r--) {
        Map<String, Integer> inputs = new LinkedHashMap<>();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          inputs.put(pick(random, itemIds), 1);
        }
        String station = switch (random.nextInt(3)) {
          case 0 -> "nowhere";
          case 1 -> "here";
          default -> null;
        };
        recipes.put("r" + r, new RecipeDef("r" + r, "r" + r, List.of(), inputs, Map.of(pick(random, itemIds), 1), station,
            1, 0, 0));
      }
      Map<String, CreatureKindDef> kinds = new LinkedHashMap<>();
      Map<String, CreatureSpawn> spawns = new LinkedHashMap<>();
      for (int c = random.nextInt(3); c > 0; c--) {
        String id = "c" + c;
        kinds.put(id, new CreatureKindDef(id, id, List.of(), "", 1, 1, 0, 0, Aggression.PASSIVE, 0,
            List.of(new LootDrop(pick(random, itemIds), 50, 1, 1)), 1, null, 0));
        if (random.nextBoolean()) {
          spawns.put("z." + id + ".1", new CreatureSpawn("z." + id + ".1", id, place(0)));
        }
      }
      LocationDef here = new LocationDef(place(0), "z", "here", "", Map.of(), ground, placedNodes, List.of("here"),
          List.copyOf(spawns.keySet()));

      // round by round: what can be had after k rounds only uses what could be had after k - 1
      Set<String> had = new HashSet<>(ground.keySet());
      for (CreatureSpawn spawn : spawns.values()) {
        had.add(kinds.get(spawn.kind()).loot().get(0).item());
      }
      for (int round = 0; round <= itemCount; round++) {
        Set<String> next = new HashSet<>(had);
        for (String id : placedNodes) {
          NodeKindDef node = nodes.get(id);
          boolean toolAtHand = node.tool() == null
              || had.stream().anyMatch(i -> items.get(i).tool() != null && items.get(i).tool().kind().equals(node.tool()));
          if (toolAtHand) {
            next.add(node.item());
          }
        }
        for (RecipeDef recipe : recipes.values()) {
          if (!"nowhere".equals(recipe.station()) && had.containsAll(recipe.inputs().keySet())) {
            next.addAll(recipe.outputs().keySet());
          }
        }
        had = next;
      }
      Set<String> expected = new TreeSet<>();
      for (RecipeDef recipe : recipes.values()) {
        for (String input : recipe.inputs().keySet()) {
          if (!had.contains(input)) {
            expected.add("recipe '" + recipe.id() + "' inputs." + input);
          }
        }
      }

      List<WorldProblem> problems = WorldValidator.check(
          world(Map.of(place(0), here), items, nodes, stations, recipes, kinds, spawns), SOURCE);

      Set<String> actual = new TreeSet<>();
      for (WorldProblem p : problems) {
        actual.add(p.entry() + " " + p.field());
      }
      assertEquals(expected, actual, "seed " + seed + ": " + problems);
    }
  }

  private static String pick(Random random, List<String> ids) {
    return ids.get(random.nextInt(ids.size()));
  }
}
