package io.microcosm.language;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The words that start a command. A verb may carry a hint that narrows what it applies to: the
 * node verbs it fits ("chop" fits trees), the stations a crafting verb suggests ("smelt": the
 * smelter), the kind of item it consumes ("eat": food) or the way it goes ("enter": in).
 */
final class Verbs {

  /**
   * @param word one word or two ("pick up")
   * @param hints what it narrows to; empty when it applies to anything of its capability
   */
  record Verb(String word, Capability capability, List<String> hints) {

    boolean generic() {
      return hints.isEmpty();
    }
  }

  private static final Map<String, Verb> BY_WORD = new LinkedHashMap<>();

  static {
    add(Capability.MOVE, "go", "walk", "run", "head", "move", "travel", "flee");
    hinted(Capability.MOVE, "climb", "up");
    hinted(Capability.MOVE, "enter", "in");
    hinted(Capability.MOVE, "leave", "out");
    hinted(Capability.MOVE, "exit", "out");
    add(Capability.LOOK, "look", "l");
    add(Capability.EXAMINE, "examine", "x", "inspect", "check", "study", "look at");
    add(Capability.TAKE, "take", "get", "grab", "pick up", "snatch");
    add(Capability.DROP, "drop", "discard", "put down", "set down", "put");
    add(Capability.INVENTORY, "inventory", "inv", "i", "pack", "bag", "items");
    add(Capability.STATUS, "status", "score", "stats", "sheet", "health", "hp", "me");
    add(Capability.GATHER, "gather", "harvest", "collect", "forage");
    hinted(Capability.GATHER, "mine", "mine");
    hinted(Capability.GATHER, "dig", "mine");
    hinted(Capability.GATHER, "chop", "chop");
    hinted(Capability.GATHER, "chop down", "chop");
    hinted(Capability.GATHER, "cut down", "chop");
    hinted(Capability.GATHER, "fell", "chop");
    hinted(Capability.GATHER, "cut", "cut", "chop");
    hinted(Capability.GATHER, "reap", "cut");
    hinted(Capability.GATHER, "fish", "fish");
    hinted(Capability.GATHER, "catch", "fish");
    hinted(Capability.GATHER, "pick", "pick");
    add(Capability.CRAFT, "craft", "make", "create", "build");
    hinted(Capability.CRAFT, "forge", "forge");
    hinted(Capability.CRAFT, "smith", "forge");
    hinted(Capability.CRAFT, "smelt", "smelter");
    hinted(Capability.CRAFT, "brew", "alchemy-table");
    hinted(Capability.CRAFT, "mix", "alchemy-table");
    hinted(Capability.CRAFT, "cook", "cooking-hearth", "campfire");
    hinted(Capability.CRAFT, "bake", "cooking-hearth");
    hinted(Capability.CRAFT, "roast", "campfire");
    hinted(Capability.CRAFT, "grill", "campfire");
    hinted(Capability.CRAFT, "tan", "tanning-rack");
    add(Capability.EQUIP, "wear", "wield", "equip", "hold", "don", "put on");
    add(Capability.UNEQUIP, "remove", "unequip", "take off", "unwield", "doff");
    add(Capability.USE, "use", "consume");
    hinted(Capability.USE, "drink", "potion");
    hinted(Capability.USE, "quaff", "potion");
    hinted(Capability.USE, "sip", "potion");
    hinted(Capability.USE, "eat", "food");
    add(Capability.ATTACK, "attack", "kill", "hit", "fight", "strike", "slay", "stab", "k");
    add(Capability.REST, "rest", "sit", "sleep", "relax", "nap", "sit down", "lie down");
    add(Capability.SAY, "say");
    add(Capability.TELL, "tell", "whisper");
    add(Capability.SHOUT, "shout", "yell");
    add(Capability.GIVE, "give", "hand", "offer");
    add(Capability.TALK, "talk", "speak", "chat", "ask", "greet", "converse");
    add(Capability.HELP, "help", "?", "commands");
    add(Capability.ACCEPT, "accept", "agree");
    add(Capability.ABANDON, "abandon", "give up", "abandon the quest");
    add(Capability.QUESTS, "quests", "journal", "quest log", "log");
  }

  private Verbs() {}

  private static void add(Capability capability, String... words) {
    for (String w : words) {
      BY_WORD.put(w, new Verb(w, capability, List.of()));
    }
  }

  private static void hinted(Capability capability, String word, String... hints) {
    BY_WORD.put(word, new Verb(word, capability, List.of(hints)));
  }

  /** The verb the words start with, preferring a two-word verb ("pick up" over "pick"). */
  static Optional<Verb> leading(List<String> words) {
    if (words.size() >= 2) {
      Verb two = BY_WORD.get(words.get(0) + " " + words.get(1));
      if (two != null) {
        return Optional.of(two);
      }
    }
    return words.isEmpty() ? Optional.empty() : Optional.ofNullable(BY_WORD.get(words.get(0)));
  }

  static Optional<Verb> named(String word) {
    return Optional.ofNullable(BY_WORD.get(word));
  }

  /** The verb a gerund comes from ("fishing", "mining", "chopping"), as in "go fishing"; never a way to move. */
  static Optional<Verb> fromGerund(String word) {
    if (!word.endsWith("ing") || word.length() < 6) {
      return Optional.empty();
    }
    String stem = word.substring(0, word.length() - 3);
    List<String> guesses = new ArrayList<>(List.of(stem, stem + "e"));
    if (stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)) {
      guesses.add(stem.substring(0, stem.length() - 1));
    }
    return guesses.stream().map(BY_WORD::get).filter(v -> v != null && v.capability() != Capability.MOVE).findFirst();
  }

  /** The words for a capability, the usual one first. */
  static List<String> words(Capability capability) {
    List<String> out = new ArrayList<>();
    BY_WORD.values().stream().filter(v -> v.capability() == capability).forEach(v -> out.add(v.word()));
    return out;
  }

  /** Every single word a verb can be, for suggestions. */
  static List<String> allWords() {
    return BY_WORD.keySet().stream().filter(w -> !w.contains(" ")).toList();
  }
}
