package io.microcosm.language;

import io.microcosm.language.Names.Named;
import io.microcosm.world.CreatureKindDef;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.Direction;
import io.microcosm.world.ItemDef;
import io.microcosm.world.LocationDef;
import io.microcosm.world.NodeKindDef;
import io.microcosm.world.RecipeDef;
import io.microcosm.world.StationDef;
import io.microcosm.world.World;
import io.microcosm.world.WorldNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A context seen through the world's definitions: the things here and in the pack as nameable candidates. */
final class Scene {

  final World world;
  final Context context;

  Scene(World world, Context context) {
    this.world = world;
    this.context = context;
  }

  // ---- people ----

  /** The NPCs here, by id. */
  List<String> npcsHere() {
    return context.others().stream().filter(o -> world.npcs().containsKey(o)).toList();
  }

  String npcName(String id) {
    return world.npc(id).map(n -> n.name()).orElse(id);
  }

  /** The NPC here that {@code words} name: by name, alias, role or id, articles ignored. */
  java.util.Optional<String> npcNamed(String words) {
    String w = String.join(" ", English.withoutArticles(English.words(English.normalize(words))));
    return npcsHere().stream().filter(id -> {
      io.microcosm.world.NpcDef n = world.npcs().get(id);
      return id.equals(w) || n.name().equalsIgnoreCase(w) || n.role().equalsIgnoreCase(w)
          || n.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(w));
    }).findFirst();
  }

  // ---- items ----

  List<Named<String>> ground() {
    return items(context.ground().stacks().keySet());
  }

  List<Named<String>> pack() {
    return items(context.pack().stacks().keySet());
  }

  List<Named<String>> worn() {
    return items(new LinkedHashSet<>(context.equipment().slots().values()));
  }

  private List<Named<String>> items(Set<String> ids) {
    return ids.stream().map(this::item).toList();
  }

  Named<String> item(String id) {
    ItemDef def = world.items().get(id);
    return def == null ? new Named<>(id, id, id, List.of()) : new Named<>(id, id, def.name(), def.aliases());
  }

  String itemName(String id) {
    return world.itemName(id);
  }

  ItemDef itemDef(String id) {
    return world.items().get(id);
  }

  // ---- creatures ----

  /** The kinds of the creatures here, each once, in the order they are seen. */
  List<Named<String>> creatureKinds() {
    Set<String> kinds = new LinkedHashSet<>();
    context.creatures().forEach(id -> kinds.add(kindOf(id)));
    return kinds.stream().map(this::creatureKind).toList();
  }

  Named<String> creatureKind(String kind) {
    CreatureKindDef def = world.creatureKinds().get(kind);
    return def == null ? new Named<>(kind, kind, kind, List.of()) : new Named<>(kind, kind, def.name(), def.aliases());
  }

  String kindOf(String creature) {
    CreatureSpawn spawn = world.creatures().get(creature);
    if (spawn != null) {
      return spawn.kind();
    }
    // An id the world does not list still follows the zone.kind.n form.
    String[] parts = creature.split("\\.");
    return parts.length >= 3 ? parts[parts.length - 2] : creature;
  }

  List<String> creaturesOf(String kind) {
    return context.creatures().stream().filter(id -> kindOf(id).equals(kind)).toList();
  }

  /**
   * Whether the world, told to attack {@code kind} by its id, would choose only among creatures of
   * that kind here: no other kind here answers to the same word.
   */
  boolean kindIdIsUnambiguous(String kind) {
    return creatureKinds().stream()
        .map(Named::value)
        .filter(k -> !k.equals(kind))
        .map(world.creatureKinds()::get)
        .noneMatch(def -> def != null && WorldNames.matches(kind, def.id(), def.name(), def.aliases()));
  }

  String creatureName(String kind) {
    CreatureKindDef def = world.creatureKinds().get(kind);
    return def == null ? kind : def.name();
  }

  // ---- nodes, stations, recipes ----

  /** The ids of the nodes here that the world knows. */
  List<String> nodeIds() {
    return context.nodes().stream().filter(world.nodes()::containsKey).toList();
  }

  List<Named<String>> nodes() {
    return nodeIds().stream().map(this::node).toList();
  }

  Named<String> node(String id) {
    NodeKindDef def = world.nodes().get(id);
    return def == null ? new Named<>(id, id, id, List.of()) : new Named<>(id, id, def.name(), def.aliases());
  }

  /** The nodes here, named by what they yield ("copper ore" for the copper vein). */
  List<Named<String>> nodesByYield() {
    List<Named<String>> out = new ArrayList<>();
    for (String id : nodeIds()) {
      Named<String> item = item(world.nodes().get(id).item());
      out.add(new Named<>(id, item.id(), item.name(), item.aliases()));
    }
    return out;
  }

  /** How a player would ask to work a node: its verb and its first alias or its name ("pick nuggets"). */
  String gatherExample(String node) {
    NodeKindDef def = world.nodes().get(node);
    return def.verb() + " " + (def.aliases().isEmpty() ? def.name() : def.aliases().get(0));
  }

  /** Every node kind in the world, to name one that is elsewhere. */
  List<Named<String>> allNodes() {
    return world.nodes().keySet().stream().map(this::node).toList();
  }

  NodeKindDef nodeDef(String id) {
    return world.nodes().get(id);
  }

  List<Named<String>> stations() {
    return context.stations().stream().map(id -> {
      StationDef def = world.stations().get(id);
      return def == null ? new Named<>(id, id, id, List.<String>of()) : new Named<>(id, id, def.name(), def.aliases());
    }).toList();
  }

  /** Every recipe, named also by what it makes ("healing potion" for the healing draught). */
  List<Named<String>> recipes() {
    List<Named<String>> out = new ArrayList<>();
    for (RecipeDef r : world.recipes().values()) {
      out.add(new Named<>(r.id(), r.id(), r.name(), r.aliases()));
      for (String output : r.outputs().keySet()) {
        Named<String> item = item(output);
        out.add(new Named<>(r.id(), item.id(), item.name(), item.aliases()));
      }
    }
    return out;
  }

  /** Every recipe, named only by its own id, name and aliases. */
  List<Named<String>> recipesByOwnName() {
    return world.recipes().values().stream().map(r -> new Named<>(r.id(), r.id(), r.name(), r.aliases())).toList();
  }

  /** Every recipe, named by what goes into it ("copper ore" for the copper ingot). */
  List<Named<String>> recipesByInput() {
    List<Named<String>> out = new ArrayList<>();
    for (RecipeDef r : world.recipes().values()) {
      for (String input : r.inputs().keySet()) {
        Named<String> item = item(input);
        out.add(new Named<>(r.id(), item.id(), item.name(), item.aliases()));
      }
    }
    return out;
  }

  RecipeDef recipe(String id) {
    return world.recipes().get(id);
  }

  /** A recipe whose station is here, or that needs none. */
  boolean craftableHere(String recipe) {
    RecipeDef def = world.recipes().get(recipe);
    return def != null && (def.station() == null || context.stations().contains(def.station()));
  }

  /** How many times the pack holds the inputs of {@code recipe}. */
  int affordable(String recipe) {
    RecipeDef def = world.recipes().get(recipe);
    if (def == null) {
      return 0;
    }
    int times = Integer.MAX_VALUE;
    for (Map.Entry<String, Integer> input : def.inputs().entrySet()) {
      times = Math.min(times, context.pack().quantity(input.getKey()) / input.getValue());
    }
    return times == Integer.MAX_VALUE ? 0 : times;
  }

  // ---- ways out and people ----

  /** The exits, named by the place they lead to ("the smithy"). */
  List<Named<Direction>> exits() {
    List<Named<Direction>> out = new ArrayList<>();
    context.exits().forEach((direction, target) -> {
      LocationDef def = world.locations().get(target);
      String place = target.substring(target.indexOf('.') + 1);
      out.add(new Named<>(direction, direction.label(), def == null ? place : def.name(), List.of(place)));
    });
    return out;
  }

  List<Named<String>> others() {
    return context.others().stream().map(o -> new Named<>(o, o, o, List.<String>of())).toList();
  }
}
