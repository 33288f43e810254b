package io.microcosm.language;

import io.microcosm.language.Interpretation.Help;
import io.microcosm.language.Interpretation.Usage;
import io.microcosm.language.Names.Named;
import io.microcosm.world.ItemDef;
import io.microcosm.world.ItemKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a player can do where they stand: the usual verbs everywhere, and gathering, crafting,
 * fighting and the item verbs only where a node, a station, a creature or the right item makes
 * them possible. Each comes with an example that would work here.
 */
final class Affordances {

  private static final Map<Capability, String> GENERIC_EXAMPLES = Map.ofEntries(
      Map.entry(Capability.MOVE, "go north"), Map.entry(Capability.LOOK, "look"),
      Map.entry(Capability.EXAMINE, "examine wolf"), Map.entry(Capability.TAKE, "take apple"),
      Map.entry(Capability.DROP, "drop apple"), Map.entry(Capability.INVENTORY, "inventory"),
      Map.entry(Capability.STATUS, "status"), Map.entry(Capability.GATHER, "mine copper vein"),
      Map.entry(Capability.CRAFT, "craft copper ingot"), Map.entry(Capability.EQUIP, "wield sword"),
      Map.entry(Capability.UNEQUIP, "remove helm"), Map.entry(Capability.USE, "drink healing potion"),
      Map.entry(Capability.ATTACK, "attack wolf"), Map.entry(Capability.REST, "rest"),
      Map.entry(Capability.SAY, "say hello"), Map.entry(Capability.TELL, "tell mira hello"),
      Map.entry(Capability.SHOUT, "shout help"), Map.entry(Capability.GIVE, "give apple to mira"),
      Map.entry(Capability.TALK, "ask mira about the mine"), Map.entry(Capability.ACCEPT, "accept rats in the mill"),
      Map.entry(Capability.ABANDON, "abandon rats in the mill"), Map.entry(Capability.QUESTS, "quests"),
      Map.entry(Capability.HELP, "help"));

  private Affordances() {}

  /** Help for everything possible here, or for the capability {@code topic} names (even if not possible here). */
  static Help help(Scene scene, String topic) {
    List<Usage> here = usages(scene);
    Optional<Capability> asked = Optional.ofNullable(topic).flatMap(Verbs::named).map(Verbs.Verb::capability);
    if (asked.isEmpty()) {
      return new Help(here);
    }
    Capability capability = asked.get();
    List<Usage> about = here.stream().filter(u -> u.capability() == capability).toList();
    return new Help(about.isEmpty() ? List.of(usage(capability, GENERIC_EXAMPLES.get(capability))) : about);
  }

  static List<Usage> usages(Scene scene) {
    Context c = scene.context;
    List<Usage> out = new ArrayList<>();
    if (!c.exits().isEmpty()) {
      out.add(usage(Capability.MOVE, "go " + c.exits().keySet().iterator().next().label()));
    }
    out.add(usage(Capability.LOOK, "look"));
    firstThing(scene).ifPresent(name -> out.add(usage(Capability.EXAMINE, "examine " + name)));
    if (!c.ground().isEmpty()) {
      out.add(usage(Capability.TAKE, "take " + scene.itemName(first(c.ground().stacks()))));
    }
    if (!c.pack().isEmpty()) {
      String item = scene.itemName(first(c.pack().stacks()));
      out.add(usage(Capability.DROP, "drop " + item));
      if (!c.others().isEmpty()) {
        out.add(usage(Capability.GIVE, "give " + item + " to " + nameOf(scene, c.others().get(0))));
      }
    }
    out.add(usage(Capability.INVENTORY, "inventory"));
    out.add(usage(Capability.STATUS, "status"));
    if (!scene.nodeIds().isEmpty()) {
      out.add(usage(Capability.GATHER, scene.gatherExample(scene.nodeIds().get(0))));
    }
    List<String> craftable = scene.world.recipes().keySet().stream().filter(scene::craftableHere).toList();
    if (!craftable.isEmpty()) {
      String recipe = craftable.stream().filter(id -> scene.affordable(id) > 0).findFirst().orElse(craftable.get(0));
      out.add(usage(Capability.CRAFT, "craft " + scene.recipe(recipe).name()));
    }
    c.pack().stacks().keySet().stream().filter(id -> def(scene, id).map(d -> d.equip() != null).orElse(false))
        .findFirst()
        .ifPresent(id -> out.add(usage(Capability.EQUIP,
            (scene.itemDef(id).kind() == ItemKind.WEAPON ? "wield " : "wear ") + scene.itemName(id))));
    if (!c.equipment().slots().isEmpty()) {
      out.add(usage(Capability.UNEQUIP, "remove " + scene.itemName(c.equipment().slots().values().iterator().next())));
    }
    c.pack().stacks().keySet().stream().filter(id -> def(scene, id).map(d -> d.use() != null).orElse(false))
        .findFirst()
        .ifPresent(id -> out.add(usage(Capability.USE, useVerb(scene.itemDef(id)) + " " + scene.itemName(id))));
    if (!c.creatures().isEmpty()) {
      out.add(usage(Capability.ATTACK, "attack " + scene.creatureKinds().get(0).name()));
    }
    out.add(usage(Capability.REST, "rest"));
    out.add(usage(Capability.SAY, "say hello"));
    out.add(usage(Capability.TELL, "tell " + c.others().stream().filter(o -> !scene.world.npcs().containsKey(o)).findFirst()
        .orElse("mira") + " hello"));
    out.add(usage(Capability.SHOUT, "shout help"));
    scene.npcsHere().stream().findFirst().ifPresent(npc -> out.add(usage(Capability.TALK,
        "ask " + scene.npcName(npc).toLowerCase(java.util.Locale.ROOT) + " about the mine")));
    if (!scene.npcsHere().isEmpty()) {
      out.add(usage(Capability.ACCEPT, "accept")); // what the NPC just offered
    }
    out.add(usage(Capability.QUESTS, "quests"));
    out.add(usage(Capability.ABANDON, "abandon rats in the mill"));
    out.add(usage(Capability.HELP, "help"));
    return out;
  }

  /** How a player names someone here: a player by name, an NPC by its name in lower case. */
  private static String nameOf(Scene scene, String id) {
    return scene.world.npcs().containsKey(id) ? scene.npcName(id).toLowerCase(java.util.Locale.ROOT) : id;
  }

  private static Usage usage(Capability capability, String example) {
    return new Usage(capability, Verbs.words(capability), example);
  }

  private static Optional<ItemDef> def(Scene scene, String item) {
    return Optional.ofNullable(scene.itemDef(item));
  }

  private static String useVerb(ItemDef def) {
    return switch (def.kind()) {
      case FOOD -> "eat";
      case POTION -> "drink";
      default -> "use";
    };
  }

  private static String first(Map<String, Integer> stacks) {
    return stacks.keySet().iterator().next();
  }

  /** Something here worth a closer look: a creature, a node, a station or an item. */
  private static Optional<String> firstThing(Scene scene) {
    return java.util.stream.Stream.of(scene.creatureKinds(), scene.nodes(), scene.stations(), scene.ground(),
            scene.pack())
        .flatMap(List::stream)
        .map(Named::name)
        .findFirst();
  }
}
