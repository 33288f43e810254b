package io.microcosm.world;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a world as a whole, once every file has been read: that what entries name exists, that
 * every location can be reached from the start and the start from it, and that every recipe's inputs
 * can be obtained in the world.
 *
 * <p>The two whole-world checks only run on sound ground: reachability when every exit leads to a
 * known location, obtainability when every other reference is known. A misspelt id is then reported
 * once, not again as every place or recipe it cuts off.
 */
final class WorldValidator {

  private final World world;
  private final WorldSource source;
  private final List<WorldProblem> problems = new ArrayList<>();

  private WorldValidator(World world, WorldSource source) {
    this.world = world;
    this.source = source;
  }

  /** Every problem found, in data order; empty when the world is sound. */
  static List<WorldProblem> check(World world, WorldSource source) {
    return new WorldValidator(world, source).run();
  }

  private List<WorldProblem> run() {
    int before = problems.size();
    checkStart();
    checkExits();
    boolean mapSound = problems.size() == before;

    before = problems.size();
    checkHome();
    checkLocationContents();
    checkItems();
    checkNodes();
    checkRecipes();
    checkCreatures();
    checkFactions();
    checkLore();
    checkQuests();
    checkNpcs(mapSound);
    boolean referencesSound = problems.size() == before;

    if (mapSound) {
      checkReachability();
    }
    if (referencesSound) {
      checkObtainability();
    }
    return problems;
  }

  // ---- references ----

  private void checkStart() {
    if (world.start() != null && !world.locations().containsKey(world.start())) {
      problem("world.json", null, "start", "unknown location '" + world.start() + "'");
    }
  }

  private void checkHome() {
    String home = world.home();
    if (home != null && !home.equals(world.start()) && !world.locations().containsKey(home)) {
      problem("world.json", null, "home", "unknown location '" + home + "'");
    }
  }

  private void checkExits() {
    for (LocationDef loc : world.locations().values()) {
      for (ExitDef exit : loc.exits().values()) {
        String field = "exits." + exit.direction().label();
        if (!world.locations().containsKey(exit.target())) {
          locationProblem(loc, field, "unknown exit target '" + exit.target() + "'");
        } else if (exit.target().equals(loc.id())) {
          locationProblem(loc, field, "an exit cannot lead back to the same location");
        }
      }
    }
  }

  private void checkLocationContents() {
    for (LocationDef loc : world.locations().values()) {
      for (String item : loc.items().keySet()) {
        if (!world.items().containsKey(item)) {
          locationProblem(loc, "items." + item, "unknown item '" + item + "'");
        }
      }
      for (String node : loc.nodes()) {
        if (!world.nodes().containsKey(node)) {
          locationProblem(loc, "nodes", "unknown node kind '" + node + "'" + known(world.nodes(), "nodes.json"));
        }
      }
      for (String station : loc.stations()) {
        if (!world.stations().containsKey(station)) {
          locationProblem(loc, "stations", "unknown station '" + station + "'" + known(world.stations(), "recipes.json"));
        }
      }
      Set<String> reported = new HashSet<>();
      for (String spawnId : loc.creatures()) {
        String kind = world.creatures().get(spawnId).kind();
        if (!world.creatureKinds().containsKey(kind) && reported.add(kind)) {
          locationProblem(loc, "creatures." + kind,
              "unknown creature kind '" + kind + "'" + known(world.creatureKinds(), "creatures.json"));
        }
      }
    }
  }

  private void checkItems() {
    for (ItemDef item : world.items().values()) {
      if (item.use() == null) {
        continue;
      }
      List<EffectGrant> effects = item.use().effects();
      for (int i = 0; i < effects.size(); i++) {
        checkEffect("items.json", "item '" + item.id() + "'", "use.effects[" + i + "].effect", effects.get(i).effect());
      }
    }
  }

  private void checkNodes() {
    Set<String> toolKinds = new HashSet<>();
    for (ItemDef item : world.items().values()) {
      if (item.tool() != null) {
        toolKinds.add(item.tool().kind());
      }
    }
    for (NodeKindDef node : world.nodes().values()) {
      String entry = "node '" + node.id() + "'";
      if (node.item() != null && !world.items().containsKey(node.item())) {
        problem("nodes.json", entry, "item", "unknown item '" + node.item() + "'");
      }
      if (node.tool() != null && !toolKinds.contains(node.tool())) {
        problem("nodes.json", entry, "tool",
            "no item is a tool of kind '" + node.tool() + "' (an item's \"tool\": {\"kind\": \"" + node.tool() + "\"})");
      }
    }
  }

  private void checkRecipes() {
    for (RecipeDef recipe : world.recipes().values()) {
      String entry = "recipe '" + recipe.id() + "'";
      for (String item : recipe.inputs().keySet()) {
        if (!world.items().containsKey(item)) {
          problem("recipes.json", entry, "inputs." + item, "unknown item '" + item + "'");
        }
      }
      for (String item : recipe.outputs().keySet()) {
        if (!world.items().containsKey(item)) {
          problem("recipes.json", entry, "outputs." + item, "unknown item '" + item + "'");
        }
      }
      if (recipe.station() != null && !world.stations().containsKey(recipe.station())) {
        problem("recipes.json", entry, "station", "unknown station '" + recipe.station() + "'");
      }
    }
  }

  private void checkCreatures() {
    for (CreatureKindDef kind : world.creatureKinds().values()) {
      String entry = "creature '" + kind.id() + "'";
      for (int i = 0; i < kind.loot().size(); i++) {
        String item = kind.loot().get(i).item();
        if (!world.items().containsKey(item)) {
          problem("creatures.json", entry, "loot[" + i + "].item", "unknown item '" + item + "'");
        }
      }
      if (kind.onHit() != null) {
        checkEffect("creatures.json", entry, "onHit.effect", kind.onHit().effect());
      }
    }
  }

  private void checkFactions() {
    for (FactionDef faction : world.factions().values()) {
      for (String other : faction.relations().keySet()) {
        if (!world.factions().containsKey(other)) {
          problem("factions.json", "faction '" + faction.id() + "'", "relations." + other, "unknown faction '" + other + "'");
        } else if (other.equals(faction.id())) {
          problem("factions.json", "faction '" + faction.id() + "'", "relations." + other, "a faction has no relation to itself");
        }
      }
    }
  }

  private void checkQuests() {
    for (QuestDef quest : world.quests().values()) {
      String entry = "quest '" + quest.id() + "'";
      if (!world.npcs().containsKey(quest.giver())) {
        problem("quests.json", entry, "giver", "unknown npc '" + quest.giver() + "'" + known(world.npcs(), "npcs.json"));
      }
      for (int i = 0; i < quest.objectives().size(); i++) {
        QuestDef.Objective o = quest.objectives().get(i);
        String field = "objectives[" + i + "]";
        switch (o.kind()) {
          case TALK -> {
            if (!world.npcs().containsKey(o.target())) {
              problem("quests.json", entry, field + ".npc", "unknown npc '" + o.target() + "'" + known(world.npcs(), "npcs.json"));
            }
          }
          case GATHER, CRAFT, DELIVER -> {
            if (!world.items().containsKey(o.target())) {
              problem("quests.json", entry, field + ".item", "unknown item '" + o.target() + "'" + known(world.items(), "items.json"));
            }
            if (o.kind() == QuestDef.Kind.DELIVER && !world.npcs().containsKey(o.to())) {
              problem("quests.json", entry, field + ".npc", "unknown npc '" + o.to() + "'" + known(world.npcs(), "npcs.json"));
            }
          }
          case KILL -> {
            if (!world.creatureKinds().containsKey(o.target())) {
              problem("quests.json", entry, field + ".creature",
                  "unknown creature kind '" + o.target() + "'" + known(world.creatureKinds(), "creatures.json"));
            }
          }
          case REACH -> {
            if (!world.locations().containsKey(o.target())) {
              problem("quests.json", entry, field + ".location", "unknown location '" + o.target() + "'");
            }
          }
        }
      }
      for (String item : quest.rewards().items().keySet()) {
        if (!world.items().containsKey(item)) {
          problem("quests.json", entry, "rewards.items." + item, "unknown item '" + item + "'" + known(world.items(), "items.json"));
        }
      }
      for (String faction : quest.rewards().standing().keySet()) {
        if (!world.factions().containsKey(faction)) {
          problem("quests.json", entry, "rewards.standing." + faction,
              "unknown faction '" + faction + "'" + known(world.factions(), "factions.json"));
        }
      }
    }
  }

  private void checkLore() {
    for (LoreDef lore : world.lore().values()) {
      for (String who : lore.knownBy()) {
        if (!world.npcs().containsKey(who) && !world.factions().containsKey(who)) {
          problem("lore.json", "lore entry '" + lore.id() + "'", "knownBy", "'" + who + "' is neither an npc nor a faction");
        }
      }
    }
  }

  /**
   * An NPC's id names a zone of this world; its places exist, and it can walk between them through
   * open exits (it moves by the same rules as players); what it carries and is given are items.
   */
  private void checkNpcs(boolean mapSound) {
    Map<String, List<String>> forward = new HashMap<>();
    for (LocationDef loc : world.locations().values()) {
      for (ExitDef exit : loc.exits().values()) {
        if (exit.passable()) {
          forward.computeIfAbsent(loc.id(), k -> new ArrayList<>()).add(exit.target());
        }
      }
    }
    for (NpcDef npc : world.npcs().values()) {
      String entry = "npc '" + npc.id() + "'";
      String[] parts = npc.id().split("\\.");
      if (parts.length != 3 || !parts[1].equals("npc")) {
        problem("npcs.json", entry, "id", "must be zone.npc.name, as 'vale.npc.mira'");
      } else if (!world.zones().containsKey(parts[0])) {
        problem("npcs.json", entry, "id", "unknown zone '" + parts[0] + "'; zones: " + String.join(", ", world.zones().keySet()));
      }
      if (npc.faction() != null && !world.factions().containsKey(npc.faction())) {
        problem("npcs.json", entry, "faction", "unknown faction '" + npc.faction() + "'" + known(world.factions(), "factions.json"));
      }
      Map<String, String> places = new java.util.LinkedHashMap<>();
      places.put("home", npc.home());
      places.put("workplace", npc.workplace());
      places.put("haunt", npc.haunt());
      for (int i = 0; i < npc.schedule().size(); i++) {
        places.put("schedule[" + i + "].place", npc.schedule().get(i).place());
      }
      boolean placesKnown = true;
      for (Map.Entry<String, String> place : places.entrySet()) {
        if (!world.locations().containsKey(place.getValue())) {
          problem("npcs.json", entry, place.getKey(), "unknown location '" + place.getValue() + "'");
          placesKnown = false;
        }
      }
      if (mapSound && placesKnown) {
        Set<String> fromHome = closure(npc.home(), id -> forward.getOrDefault(id, List.of()));
        for (Map.Entry<String, String> place : places.entrySet()) {
          if (!fromHome.contains(place.getValue())
              || !closure(place.getValue(), id -> forward.getOrDefault(id, List.of())).contains(npc.home())) {
            problem("npcs.json", entry, place.getKey(), "'" + place.getValue() + "' and home '" + npc.home()
                + "' are not joined both ways by open exits, so the npc could not walk between them");
          }
        }
      }
      for (String item : npc.pack().keySet()) {
        if (!world.items().containsKey(item)) {
          problem("npcs.json", entry, "pack." + item, "unknown item '" + item + "'");
        }
      }
      for (String item : npc.ration().keySet()) {
        if (!world.items().containsKey(item)) {
          problem("npcs.json", entry, "ration." + item, "unknown item '" + item + "'");
        }
      }
      for (String other : npc.affinities().keySet()) {
        if (!world.npcs().containsKey(other)) {
          problem("npcs.json", entry, "affinities." + other, "unknown npc '" + other + "'");
        }
      }
    }
  }

  private void checkEffect(String file, String entry, String field, String effect) {
    if (!world.effects().containsKey(effect)) {
      problem(file, entry, field, "unknown effect '" + effect + "'" + known(world.effects(), "effects.json"));
    }
  }

  /** A hint for a reference into an optional file that is absent or empty. */
  private static String known(Map<String, ?> defined, String file) {
    return defined.isEmpty() ? " (" + file + " defines none)" : "";
  }

  // ---- reachability ----

  /**
   * Every location must be reachable from the start through passable exits, and the start from it;
   * blocked and locked exits do not count, as a player may never get them open.
   */
  private void checkReachability() {
    String start = world.start();
    if (start == null) {
      return;
    }
    Map<String, List<String>> forward = new HashMap<>();
    Map<String, List<String>> backward = new HashMap<>();
    for (LocationDef loc : world.locations().values()) {
      for (ExitDef exit : loc.exits().values()) {
        if (exit.passable()) {
          forward.computeIfAbsent(loc.id(), k -> new ArrayList<>()).add(exit.target());
          backward.computeIfAbsent(exit.target(), k -> new ArrayList<>()).add(loc.id());
        }
      }
    }
    Set<String> reachable = closure(start, id -> forward.getOrDefault(id, List.of()));
    Set<String> returning = closure(start, id -> backward.getOrDefault(id, List.of()));
    for (LocationDef loc : world.locations().values()) {
      if (!reachable.contains(loc.id())) {
        locationProblem(loc, null, "cannot be reached from the start '" + start + "' through open exits");
      } else if (!returning.contains(loc.id())) {
        locationProblem(loc, null, "there is no way back to the start '" + start + "' through open exits");
      }
    }
  }

  private static Set<String> closure(String from, Function<String, List<String>> next) {
    Set<String> seen = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>();
    seen.add(from);
    queue.add(from);
    while (!queue.isEmpty()) {
      for (String n : next.apply(queue.poll())) {
        if (seen.add(n)) {
          queue.add(n);
        }
      }
    }
    return seen;
  }

  // ---- obtainability ----

  /**
   * Works out which items can be had, growing the set until nothing changes: what lies on the
   * ground, what creatures that live somewhere drop, what nodes that stand somewhere yield once
   * their tool can be had, and what recipes make once their inputs can be had and their station
   * stands somewhere. Then every recipe input outside that set is a problem.
   */
  private void checkObtainability() {
    Set<String> placedNodes = new HashSet<>();
    Set<String> placedStations = new HashSet<>();
    Set<String> obtainable = new HashSet<>();
    for (LocationDef loc : world.locations().values()) {
      obtainable.addAll(loc.items().keySet());
      placedNodes.addAll(loc.nodes());
      placedStations.addAll(loc.stations());
    }
    for (CreatureSpawn spawn : world.creatures().values()) {
      for (LootDrop drop : world.kindOf(spawn).loot()) {
        obtainable.add(drop.item());
      }
    }
    Set<String> tools = new HashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (String item : obtainable) {
        ToolDef tool = world.items().get(item).tool();
        if (tool != null) {
          tools.add(tool.kind());
        }
      }
      for (String id : placedNodes) {
        NodeKindDef node = world.nodes().get(id);
        if (node.item() != null && (node.tool() == null || tools.contains(node.tool()))) {
          grew |= obtainable.add(node.item());
        }
      }
      for (RecipeDef recipe : world.recipes().values()) {
        boolean craftable = (recipe.station() == null || placedStations.contains(recipe.station()))
            && obtainable.containsAll(recipe.inputs().keySet());
        if (craftable) {
          grew |= obtainable.addAll(recipe.outputs().keySet());
        }
      }
    }
    for (RecipeDef recipe : world.recipes().values()) {
      for (String item : recipe.inputs().keySet()) {
        if (!obtainable.contains(item)) {
          problem("recipes.json", "recipe '" + recipe.id() + "'", "inputs." + item,
              "'" + item + "' cannot be obtained in this world: no location has it on the ground, no creature that"
                  + " lives here drops it, and no workable node or craftable recipe yields it");
        }
      }
    }
  }

  // ---- reporting ----

  private void locationProblem(LocationDef loc, String field, String message) {
    problem("zones/" + loc.zone() + ".json", "location '" + loc.id() + "'", field, message);
  }

  private void problem(String file, String entry, String field, String message) {
    problems.add(new WorldProblem(source.describe(file), entry, field, message));
  }
}
