package io.microcosm.language;

import io.microcosm.world.Direction;
import io.microcosm.world.EquipSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What a line of player text means: an action to carry out, a question back, help, or nothing known. */
public sealed interface Interpretation
    permits Interpretation.Action, Interpretation.Question, Interpretation.Unknown, Interpretation.Help {

  /**
   * One capability with its arguments resolved to ids of the world. Arguments a capability does not
   * use are null (quantity: 0). Build one with the factory named after the capability.
   *
   * @param direction MOVE; EXAMINE of a way out
   * @param item an item id: TAKE, DROP, GIVE, EQUIP, USE and EXAMINE; UNEQUIP when an item was named
   * @param quantity units for TAKE, DROP and GIVE, and how many times to CRAFT; "all" is already
   *     resolved to what there is
   * @param node a node kind id: GATHER; EXAMINE
   * @param recipe a recipe id: CRAFT
   * @param creature ATTACK and EXAMINE: a creature id, or a creature kind id when several of that
   *     kind are here and the player did not single one out (the world then picks one of them)
   * @param station a station id: EXAMINE
   * @param slot UNEQUIP when a slot was named
   * @param player another character: TELL, GIVE; EXAMINE; an NPC's id: TALK, and GIVE to an NPC
   * @param text what is said: SAY, TELL, SHOUT; what a TALK asks about (null: just talking)
   */
  record Action(
      Capability capability, Direction direction, String item, int quantity, String node, String recipe,
      String creature, String station, EquipSlot slot, String player, String text) implements Interpretation {

    public Action {
      Objects.requireNonNull(capability, "capability");
    }

    private static Action of(Capability capability) {
      return new Action(capability, null, null, 0, null, null, null, null, null, null, null);
    }

    public static Action move(Direction direction) {
      return new Action(Capability.MOVE, direction, null, 0, null, null, null, null, null, null, null);
    }

    public static Action look() {
      return of(Capability.LOOK);
    }

    public static Action examineItem(String item) {
      return new Action(Capability.EXAMINE, null, item, 0, null, null, null, null, null, null, null);
    }

    public static Action examineCreature(String creature) {
      return new Action(Capability.EXAMINE, null, null, 0, null, null, creature, null, null, null, null);
    }

    public static Action examineNode(String node) {
      return new Action(Capability.EXAMINE, null, null, 0, node, null, null, null, null, null, null);
    }

    public static Action examineStation(String station) {
      return new Action(Capability.EXAMINE, null, null, 0, null, null, null, station, null, null, null);
    }

    public static Action examinePlayer(String player) {
      return new Action(Capability.EXAMINE, null, null, 0, null, null, null, null, null, player, null);
    }

    public static Action examineExit(Direction direction) {
      return new Action(Capability.EXAMINE, direction, null, 0, null, null, null, null, null, null, null);
    }

    public static Action take(String item, int quantity) {
      return new Action(Capability.TAKE, null, item, quantity, null, null, null, null, null, null, null);
    }

    public static Action drop(String item, int quantity) {
      return new Action(Capability.DROP, null, item, quantity, null, null, null, null, null, null, null);
    }

    public static Action inventory() {
      return of(Capability.INVENTORY);
    }

    public static Action status() {
      return of(Capability.STATUS);
    }

    public static Action gather(String node) {
      return new Action(Capability.GATHER, null, null, 0, node, null, null, null, null, null, null);
    }

    public static Action craft(String recipe, int count) {
      return new Action(Capability.CRAFT, null, null, count, null, recipe, null, null, null, null, null);
    }

    public static Action equip(String item) {
      return new Action(Capability.EQUIP, null, item, 0, null, null, null, null, null, null, null);
    }

    public static Action unequipItem(String item) {
      return new Action(Capability.UNEQUIP, null, item, 0, null, null, null, null, null, null, null);
    }

    public static Action unequipSlot(EquipSlot slot) {
      return new Action(Capability.UNEQUIP, null, null, 0, null, null, null, null, slot, null, null);
    }

    public static Action use(String item) {
      return new Action(Capability.USE, null, item, 0, null, null, null, null, null, null, null);
    }

    public static Action attack(String creature) {
      return new Action(Capability.ATTACK, null, null, 0, null, null, creature, null, null, null, null);
    }

    public static Action rest() {
      return of(Capability.REST);
    }

    public static Action say(String text) {
      return new Action(Capability.SAY, null, null, 0, null, null, null, null, null, null, text);
    }

    public static Action tell(String player, String text) {
      return new Action(Capability.TELL, null, null, 0, null, null, null, null, null, player, text);
    }

    public static Action shout(String text) {
      return new Action(Capability.SHOUT, null, null, 0, null, null, null, null, null, null, text);
    }

    public static Action give(String item, int quantity, String player) {
      return new Action(Capability.GIVE, null, item, quantity, null, null, null, null, null, player, null);
    }

    /** Talk to the NPC {@code npc}, about {@code topic} (null: just talk). */
    /** accept / abandon {@code quest} (null: the one just offered), or the quest log. */
    public static Action quest(Capability capability, String quest) {
      return new Action(capability, null, null, 0, null, null, null, null, null, null, quest);
    }

    public static Action talk(String npc, String topic) {
      return new Action(Capability.TALK, null, null, 0, null, null, null, null, null, npc, topic);
    }

    /** The UNEQUIP argument as the player command takes it: the slot's label or the item id. */
    public String unequipTarget() {
      return slot != null ? slot.label() : item;
    }

    /** A compact line for logs and tests: {@code TAKE item=apple quantity=2}. */
    public String summary() {
      List<String> parts = new ArrayList<>();
      parts.add(capability.name());
      if (direction != null) {
        parts.add("direction=" + direction.label());
      }
      add(parts, "item", item);
      add(parts, "node", node);
      add(parts, "recipe", recipe);
      add(parts, "creature", creature);
      add(parts, "station", station);
      if (slot != null) {
        parts.add("slot=" + slot.label());
      }
      if (quantity != 0) {
        parts.add("quantity=" + quantity);
      }
      add(parts, "player", player);
      add(parts, "text", text);
      return String.join(" ", parts);
    }

    private static void add(List<String> parts, String key, String value) {
      if (value != null) {
        parts.add(key + "=" + value);
      }
    }
  }

  /**
   * The line could mean several things; the player picks one. Keep it in the next
   * {@link Context} so that "the second", "2" or a word of an option's label answers it.
   *
   * @param text the question for the player ("Which ore: copper ore or iron ore?")
   */
  record Question(String text, List<Option> options) implements Interpretation {

    public Question {
      options = List.copyOf(options);
    }
  }

  /** One answer to a question: what to show and what it means. */
  record Option(String label, Action action) {}

  /**
   * Nothing to do: the words were not understood, or they name something that is not here.
   *
   * @param text a sentence for the player ("You see no wolf here.")
   * @param suggestions what the player may have meant, best first (possibly none)
   */
  record Unknown(String text, List<String> suggestions) implements Interpretation {

    public Unknown {
      suggestions = List.copyOf(suggestions);
    }
  }

  /** What the player can do here and now, one usage per capability. */
  record Help(List<Usage> usages) implements Interpretation {

    public Help {
      usages = List.copyOf(usages);
    }
  }

  /**
   * @param verbs the words that ask for it, the usual one first
   * @param example one line that would work here ("pick nuggets")
   */
  record Usage(Capability capability, List<String> verbs, String example) {

    public Usage {
      verbs = List.copyOf(verbs);
    }
  }
}
