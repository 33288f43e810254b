package io.microcosm.language;

import io.microcosm.language.Interpretation.Action;
import io.microcosm.language.Interpretation.Option;
import io.microcosm.language.Interpretation.Question;
import io.microcosm.language.Interpretation.Unknown;
import io.microcosm.language.Names.Match;
import io.microcosm.language.Names.Named;
import io.microcosm.language.Verbs.Verb;
import io.microcosm.world.Direction;
import io.microcosm.world.EquipSlot;
import io.microcosm.world.ItemDef;
import io.microcosm.world.ItemKind;
import io.microcosm.world.RecipeDef;
import io.microcosm.world.World;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Understands typed commands by rule: a verb (with synonyms and abbreviations) and an object named
 * the way the player sees it, resolved against what is here and what the player carries. Ambiguity
 * becomes a question, a slip of the keyboard a suggestion, and something that is not here a
 * sentence saying so. The same line in the same context always means the same thing.
 */
public final class DeterministicInterpreter implements Interpreter {

  /** Whole lines that mean one thing whatever the verb table says. */
  private static final Map<String, Capability> PHRASES = Map.ofEntries(
      Map.entry("what can i do", Capability.HELP), Map.entry("what can i do here", Capability.HELP),
      Map.entry("where am i", Capability.LOOK), Map.entry("look around", Capability.LOOK),
      Map.entry("what am i carrying", Capability.INVENTORY), Map.entry("what do i have", Capability.INVENTORY),
      Map.entry("what do i carry", Capability.INVENTORY), Map.entry("what have i got", Capability.INVENTORY),
      Map.entry("what is in my pack", Capability.INVENTORY), Map.entry("whats in my pack", Capability.INVENTORY),
      Map.entry("what is in my bag", Capability.INVENTORY), Map.entry("whats in my bag", Capability.INVENTORY),
      Map.entry("how am i", Capability.STATUS), Map.entry("how am i doing", Capability.STATUS),
      Map.entry("who am i", Capability.STATUS),
      Map.entry("take a rest", Capability.REST), Map.entry("have a rest", Capability.REST),
      Map.entry("take a break", Capability.REST), Map.entry("take a nap", Capability.REST),
      Map.entry("go to sleep", Capability.REST));

  /** A line that starts like this is said aloud as typed. */
  private static final Set<String> GREETINGS = Set.of("hi", "hello", "hey", "greetings", "thanks", "bye", "goodbye",
      "farewell");
  /** Ways of saying a direction that are not its name. */
  private static final Map<String, Direction> DIRECTION_WORDS = Map.of(
      "inside", Direction.IN, "outside", Direction.OUT, "upstairs", Direction.UP, "downstairs", Direction.DOWN,
      "uphill", Direction.UP, "downhill", Direction.DOWN);
  private static final Set<Capability> SPEECH = Set.of(Capability.SAY, Capability.TELL, Capability.SHOUT);
  private static final Set<String> DRINKS = Set.of("tea", "ale", "water", "milk", "wine", "cup", "mug");
  private static final Set<String> HELP_FILLERS = Set.of("me", "with", "on", "about", "for", "to", "how");
  private static final Set<String> SELF = Set.of("me", "myself", "self");
  private static final Set<String> GATHER_PREPOSITIONS = Set.of("for", "in", "at", "on", "into");
  private static final Set<String> MOVE_PREPOSITIONS = Set.of("to", "into", "towards", "toward", "through", "onto");

  /** More choices than this are not worth a question; the player gets examples instead. */
  private static final int MAX_OPTIONS = 6;

  private final World world;

  public DeterministicInterpreter(World world) {
    this.world = world;
  }

  @Override
  public Interpretation interpret(String line, Context context) {
    String raw = line == null ? "" : line.strip();
    if (raw.isEmpty()) {
      return unknown("Type what you want to do, or help to see what you can do here.");
    }
    Scene scene = new Scene(world, context);
    if (context.pending() != null) {
      Optional<Interpretation> answer = Answers.answer(raw, context.pending());
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    if (raw.startsWith("\"") || raw.startsWith("'")) {
      return say(raw.substring(1));
    }
    List<String> words = Wording.withoutFillers(Wording.tokens(raw));
    if (words.isEmpty()) {
      return raw.contains("?") ? Affordances.help(scene, null) : unknown("Type what you want to do, or help.");
    }
    Capability phrase = PHRASES.get(String.join(" ", words));
    if (phrase != null) {
      return phrase == Capability.HELP ? Affordances.help(scene, null) : simple(phrase);
    }
    Optional<Direction> way = Direction.parse(words.get(0))
        .or(() -> Optional.ofNullable(DIRECTION_WORDS.get(words.get(0))));
    if (way.isPresent() && Wording.commands(words).size() == 1) {
      return Action.move(way.get());
    }
    if (GREETINGS.contains(words.get(0))) {
      return say(raw);
    }
    Optional<Verb> verb = Verbs.leading(words);
    List<String> commands = Wording.commands(words);
    if (commands.size() > 1 && verb.map(v -> !SPEECH.contains(v.capability())).orElse(true)) {
      // one command per line: better to say so than to drop the second silently
      return new Unknown("One thing at a time, please: " + String.join(", then ", commands) + ".", commands);
    }
    if (verb.isEmpty()) {
      return unknownWord(words.get(0));
    }
    Optional<String> badCount = words.stream().filter(English::impossibleCount).findFirst();
    if (badCount.isPresent() && !SPEECH.contains(verb.get().capability())) {
      return unknown("'" + badCount.get() + "' is not a count I can use: give a number from 1 to "
          + English.MAX_COUNT + ".");
    }
    List<String> rest = words.subList(English.words(verb.get().word()).size(), words.size());
    return dispatch(verb.get(), rest, raw, scene);
  }

  private Interpretation dispatch(Verb verb, List<String> rest, String raw, Scene scene) {
    return switch (verb.capability()) {
      case MOVE -> move(verb, rest, scene);
      case LOOK -> look(rest, scene);
      case EXAMINE -> examine(rest, scene);
      case TAKE -> take(verb, rest, scene);
      case DROP -> drop(verb, rest, scene);
      case GATHER -> gather(verb, rest, scene);
      case CRAFT -> craft(verb, rest, scene);
      case EQUIP -> equip(rest, scene);
      case UNEQUIP -> unequip(rest, scene);
      case USE -> use(verb, rest, scene);
      case ATTACK -> attack(rest, scene);
      case GIVE -> give(rest, raw, scene);
      case TALK -> talk(verb, Wording.afterWord(raw, verb.word()), scene);
      case HELP -> Affordances.help(scene,
          rest.stream().filter(w -> !HELP_FILLERS.contains(w)).findFirst().orElse(null));
      case SAY -> say(Wording.afterWord(raw, verb.word()));
      case SHOUT -> shout(Wording.afterWord(raw, verb.word()));
      case TELL -> tell(Wording.afterWord(raw, verb.word()), scene);
      case INVENTORY, STATUS, REST -> simple(verb.capability());
      case ACCEPT, ABANDON, QUESTS -> quest(verb.capability(), rest);
    };
  }

  /** "accept", "accept the rats quest", "abandon rats in the mill", "journal": the words left name the quest. */
  private static Action quest(Capability capability, List<String> rest) {
    List<String> words = new java.util.ArrayList<>(rest);
    while (!words.isEmpty() && QUEST_FILLERS.contains(words.get(0))) {
      words.remove(0);
    }
    while (!words.isEmpty() && QUEST_FILLERS.contains(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
    }
    return Action.quest(capability, capability == Capability.QUESTS || words.isEmpty() ? null : String.join(" ", words));
  }

  /**
   * "take the quest", "take on the rats quest", "take quest rats in the mill": accepting, unless
   * something here or in the pack is called a quest.
   */
  private static boolean takesOnAQuest(List<String> rest, Scene scene) {
    List<String> words = rest.stream().filter(w -> !Set.of("the", "a", "this", "that", "up").contains(w)).toList();
    boolean quest = !words.isEmpty() && (words.get(0).equals("on") || words.contains("quest"));
    return quest && scene.ground().stream().noneMatch(n -> n.vocabulary().contains("quest"))
        && scene.pack().stream().noneMatch(n -> n.vocabulary().contains("quest"));
  }

  private static final java.util.Set<String> QUEST_FILLERS = java.util.Set.of("the", "quest", "a", "it", "this", "that", "on");

  private static Action simple(Capability capability) {
    return switch (capability) {
      case LOOK -> Action.look();
      case INVENTORY -> Action.inventory();
      case STATUS -> Action.status();
      case REST -> Action.rest();
      default -> throw new IllegalArgumentException(capability + " needs arguments");
    };
  }

  // ---- speech ----

  private static Interpretation say(String text) {
    String t = Wording.unquoted(text);
    return t.isEmpty() ? unknown("Say what?") : Action.say(t);
  }

  private static Interpretation shout(String text) {
    String t = Wording.unquoted(text);
    return t.isEmpty() ? unknown("Shout what?") : Action.shout(t);
  }

  private static Interpretation tell(String text, Scene scene) {
    List<String> parts = new ArrayList<>(List.of(text.split("\\s+", 2)));
    if (parts.get(0).equalsIgnoreCase("to") && parts.size() > 1) {
      parts = new ArrayList<>(List.of(parts.get(1).split("\\s+", 2)));
    }
    String name = parts.get(0).replaceAll("[,:;.!?]+$", "");
    if (name.isEmpty()) {
      return unknown("Tell whom what? For example: tell mira hello.");
    }
    String player = scene.context.occupants().stream().filter(o -> o.equalsIgnoreCase(name)).findFirst().orElse(name);
    String message = parts.size() > 1 ? Wording.unquoted(parts.get(1).replaceFirst("^[,:;\\-]+", "")) : "";
    return message.isEmpty() ? unknown("Tell " + player + " what?") : Action.tell(player, message);
  }

  // ---- moving and looking ----

  private Interpretation move(Verb verb, List<String> rest, Scene scene) {
    List<String> words = English.withoutArticles(rest.stream()
        .filter(w -> !MOVE_PREPOSITIONS.contains(w) && !w.equals("away"))
        .toList());
    Set<Direction> exits = scene.context.exits().keySet();
    // "climb", "enter", "leave": their usual way if there is one here
    Optional<Direction> byDefault = verb.generic() ? Optional.empty()
        : Direction.parse(verb.hints().get(0)).filter(exits::contains);
    if (words.isEmpty()) {
      if (byDefault.isPresent()) {
        return Action.move(byDefault.get());
      }
      if (exits.size() == 1) {
        return Action.move(exits.iterator().next());
      }
      List<Option> ways = exits.stream().map(d -> new Option(d.label(), Action.move(d))).toList();
      return ways.isEmpty() ? unknown("There is no way out of here.") : question("Which way", ways);
    }
    Optional<Verb> activity = Verbs.fromGerund(words.get(0));
    if (activity.isPresent()) {
      return dispatch(activity.get(), words.subList(1, words.size()), "", scene);
    }
    Optional<Direction> direction = Direction.parse(words.get(0)).or(() -> Optional.ofNullable(
        DIRECTION_WORDS.get(words.get(0))));
    if (direction.isPresent()) {
      return Action.move(direction.get());
    }
    Match<Direction> place = Names.resolve(words, scene.exits());
    if (place.unique()) {
      return Action.move(place.values().get(0));
    }
    if (place.found()) {
      return question("Which way", place.values().stream().map(d -> new Option(d.label(), Action.move(d))).toList());
    }
    if (byDefault.isPresent()) {
      return Action.move(byDefault.get());
    }
    String ways = exits.isEmpty() ? "there is no way out"
        : "the ways out are " + English.both(exits.stream().map(Direction::label).toList());
    return unknown("You see no way to " + String.join(" ", words) + " from here; " + ways + ".");
  }

  private Interpretation look(List<String> rest, Scene scene) {
    List<String> words = rest.stream().filter(w -> !Set.of("around", "about", "here", "at").contains(w)).toList();
    return words.isEmpty() ? Action.look() : examine(words, scene);
  }

  private Interpretation examine(List<String> rest, Scene scene) {
    NounPhrase phrase = NounPhrase.parse(rest);
    if (phrase.empty()) {
      return Action.look();
    }
    String text = phrase.text();
    if (SELF.contains(text)) {
      return Action.status();
    }
    if (Set.of("inventory", "pack", "bag").contains(text)) {
      return Action.inventory();
    }
    Optional<Direction> direction = Direction.parse(text);
    if (direction.isPresent()) {
      return Action.examineExit(direction.get());
    }
    List<Named<Action>> things = new ArrayList<>();
    Stream.of(scene.pack(), scene.worn(), scene.ground()).flatMap(List::stream)
        .forEach(n -> things.add(relabel(n, Action.examineItem(n.value()))));
    for (Named<String> kind : scene.creatureKinds()) {
      Optional<String> creature = creatureTarget(kind.value(), phrase.ordinal(), scene);
      creature.ifPresent(c -> things.add(relabel(kind, Action.examineCreature(c))));
    }
    scene.nodes().forEach(n -> things.add(relabel(n, Action.examineNode(n.value()))));
    scene.stations().forEach(n -> things.add(relabel(n, Action.examineStation(n.value()))));
    scene.others().forEach(n -> things.add(relabel(n, Action.examinePlayer(n.value()))));
    Match<Action> match = Names.resolve(phrase.words(), things);
    List<String> beforePlace = Wording.until(phrase.words(), Set.of("on", "in", "from", "at", "near"));
    if (!match.found() && !beforePlace.isEmpty()) {
      // "the apples on the ground": the place is only where to look
      match = Names.resolve(beforePlace, things);
    }
    if (match.unique()) {
      return match.values().get(0);
    }
    if (match.found()) {
      List<Action> found = match.values();
      Map<Action, String> labels = new LinkedHashMap<>();
      things.stream().filter(t -> found.contains(t.value())).forEach(t -> labels.putIfAbsent(t.value(), t.name()));
      return question("Which " + phrase.head(), labels.entrySet().stream()
          .map(e -> new Option(e.getValue(), e.getKey())).toList());
    }
    return unknown("You see no " + text + " here.");
  }

  private static <T> Named<Action> relabel(Named<T> named, Action action) {
    return new Named<>(action, named.id(), named.name(), named.aliases());
  }

  // ---- items ----

  private Interpretation take(Verb verb, List<String> rest, Scene scene) {
    if (verb.word().equals("take") && !rest.isEmpty() && rest.get(rest.size() - 1).equals("off")) {
      return unequip(rest.subList(0, rest.size() - 1), scene);
    }
    if (verb.word().equals("take") && takesOnAQuest(rest, scene)) {
      return quest(Capability.ACCEPT, rest);
    }
    List<String> words = Wording.withoutTrailing(Wording.until(rest, Set.of("from", "off")),
        Set.of("up", "here", "there"));
    NounPhrase phrase = NounPhrase.parse(words);
    Map<String, Integer> ground = scene.context.ground().stacks();
    if (phrase.empty()) {
      if (ground.isEmpty()) {
        return unknown("There is nothing here to take.");
      }
      return chooseItem("Take what", scene.ground(),
          id -> Action.take(id, phrase.quantity(ground.get(id), phrase.all())));
    }
    Match<String> match = Names.resolve(phrase.words(), scene.ground());
    if (match.found()) {
      return chooseItem("Which " + phrase.head(), match,
          id -> Action.take(id, phrase.quantity(ground.get(id), match.plural())), scene);
    }
    Optional<Interpretation> gathered = nodeNamed(phrase, scene, verb);
    if (gathered.isPresent()) {
      return gathered.get();
    }
    return unknown("You see no " + phrase.text() + " here.");
  }

  private Interpretation drop(Verb verb, List<String> rest, Scene scene) {
    boolean putOn = !rest.isEmpty() && (rest.get(rest.size() - 1).equals("on") || rest.get(0).equals("on"));
    if (verb.word().equals("put") && putOn) {
      return equip(rest.stream().filter(w -> !w.equals("on")).toList(), scene);
    }
    List<String> words = Wording.withoutTrailing(Wording.until(rest, Set.of("on", "onto", "in", "into")),
        Set.of("down", "here", "there"));
    NounPhrase phrase = NounPhrase.parse(words);
    return fromPack(phrase, scene, "Drop what",
        (id, plural) -> Action.drop(id, packQuantity(phrase, id, plural, scene)));
  }

  private Interpretation give(List<String> rest, String raw, Scene scene) {
    int to = rest.lastIndexOf("to");
    List<String> itemWords;
    String named;
    if (to >= 0 && to < rest.size() - 1) {
      itemWords = rest.subList(0, to);
      named = String.join(" ", English.withoutArticles(rest.subList(to + 1, rest.size())));
    } else if (to >= 0) {
      return unknown("Give it to whom?");
    } else if (!rest.isEmpty()) {
      named = rest.get(0);
      itemWords = rest.subList(1, rest.size());
    } else {
      return unknown(giveWhatToWhom(scene));
    }
    Optional<String> player = scene.context.others().stream().filter(o -> o.equalsIgnoreCase(named)).findFirst()
        .or(() -> scene.npcNamed(named));
    if (player.isEmpty()) {
      return unknown(to >= 0 || scene.context.others().isEmpty()
          ? "There is no one called " + Wording.asTyped(raw, named) + " here." : giveWhatToWhom(scene));
    }
    NounPhrase phrase = NounPhrase.parse(itemWords);
    return fromPack(phrase, scene, "Give what",
        (id, plural) -> Action.give(id, packQuantity(phrase, id, plural, scene), player.get()));
  }

  /**
   * "talk to mira", "speak with the herbalist", "ask mira about the mine", "talk to mira about ore",
   * "ask about the lantern" (when one NPC is here).
   */
  private Interpretation talk(Verb verb, String after, Scene scene) {
    String text = after.strip().replaceAll("[?!.]+$", "");
    String lower = text.toLowerCase(Locale.ROOT);
    String who = lower;
    String topic = null;
    int about = (" " + lower + " ").indexOf(" about ");
    if (about >= 0) {
      who = lower.substring(0, about).strip();
      topic = String.join(" ", English.withoutArticles(English.words(lower.substring(Math.min(lower.length(), about + 6)))));
      if (topic.isBlank()) {
        return unknown("Ask about what? For example: ask mira about the mine.");
      }
    }
    who = who.replaceFirst("^(to|with)\\s+", "").strip();
    List<String> npcs = scene.npcsHere();
    if (who.isEmpty()) {
      if (npcs.size() == 1) {
        return Action.talk(npcs.get(0), topic);
      }
      if (npcs.isEmpty()) {
        return unknown("There is no one here to talk to.");
      }
      String t = topic;
      return question("Talk to whom", npcs.stream()
          .map(id -> new Option(scene.npcName(id), Action.talk(id, t))).limit(MAX_OPTIONS).toList());
    }
    Optional<String> npc = scene.npcNamed(who);
    if (npc.isPresent()) {
      return Action.talk(npc.get(), topic);
    }
    String first = whoFirstWord(who);
    Optional<String> player = scene.context.others().stream().filter(o -> o.equalsIgnoreCase(first)).findFirst();
    if (player.isPresent()) {
      return unknown("To speak to " + player.get() + ", use: tell " + player.get() + " <message>.");
    }
    return unknown(npcs.isEmpty() ? "There is no one here to talk to."
        : "There is no " + who + " here. You could talk to " + English.either(npcs.stream().map(scene::npcName).toList()) + ".");
  }

  private static String whoFirstWord(String who) {
    int space = who.indexOf(' ');
    return space < 0 ? who : who.substring(0, space);
  }

  private static String giveWhatToWhom(Scene scene) {
    String item = scene.context.pack().isEmpty() ? "apple" : scene.itemName(scene.context.pack().stacks().keySet()
        .iterator().next());
    String someone = scene.context.others().isEmpty() ? "mira" : scene.context.others().get(0);
    return "Give what to whom? For example: give " + item + " to " + someone + ".";
  }

  private static int packQuantity(NounPhrase phrase, String item, boolean plural, Scene scene) {
    return phrase.quantity(scene.context.pack().quantity(item), plural);
  }

  private interface ItemAction {
    Action apply(String item, boolean plural);
  }

  /** Resolves a phrase against the pack for drop and give. */
  private Interpretation fromPack(NounPhrase phrase, Scene scene, String ask, ItemAction action) {
    if (phrase.empty()) {
      if (scene.context.pack().isEmpty()) {
        return unknown("You are carrying nothing.");
      }
      return chooseItem(ask, scene.pack(), id -> action.apply(id, phrase.all()));
    }
    Match<String> match = Names.resolve(phrase.words(), scene.pack());
    if (match.found()) {
      return chooseItem("Which " + phrase.head(), match, id -> action.apply(id, match.plural()), scene);
    }
    return notCarried(phrase, scene);
  }

  private Interpretation notCarried(NounPhrase phrase, Scene scene) {
    Match<String> worn = Names.resolve(phrase.words(), scene.worn());
    if (worn.unique()) {
      return unknown("You are wearing the " + scene.itemName(worn.values().get(0)) + "; remove it first.");
    }
    Match<String> here = Names.resolve(phrase.words(), scene.ground());
    if (here.unique()) {
      String take = "take " + scene.itemName(here.values().get(0));
      return new Unknown("You carry no " + phrase.text() + ", but there is some here: " + take + " first.",
          List.of(take));
    }
    return unknown("You carry no " + phrase.text() + ".");
  }

  private Interpretation equip(List<String> rest, Scene scene) {
    NounPhrase phrase = NounPhrase.parse(rest);
    Predicate<String> wearable = id -> scene.itemDef(id) != null && scene.itemDef(id).equip() != null;
    if (phrase.empty()) {
      List<Named<String>> choices = scene.pack().stream().filter(n -> wearable.test(n.value())).toList();
      return choices.isEmpty() ? unknown("You carry nothing to wear or wield.")
          : chooseItem("Wear which", choices, Action::equip);
    }
    Match<String> match = narrowed(Names.resolve(phrase.words(), scene.pack()), wearable);
    if (match.found()) {
      return chooseItem("Which " + phrase.head(), match, Action::equip, scene);
    }
    Match<String> worn = Names.resolve(phrase.words(), scene.worn());
    if (worn.unique()) {
      return unknown("You are already wearing the " + scene.itemName(worn.values().get(0)) + ".");
    }
    return unknown("You carry no " + phrase.text() + ".");
  }

  private Interpretation unequip(List<String> rest, Scene scene) {
    NounPhrase phrase = NounPhrase.parse(Wording.withoutTrailing(rest, Set.of("off")));
    if (phrase.empty()) {
      return scene.worn().isEmpty() ? unknown("You are wearing nothing to take off.")
          : chooseItem("Take off which", scene.worn(), Action::unequipItem);
    }
    Optional<EquipSlot> slot = slot(phrase.words());
    if (slot.isPresent()) {
      return Action.unequipSlot(slot.get());
    }
    Match<String> match = Names.resolve(phrase.words(), scene.worn());
    if (match.found()) {
      return chooseItem("Which " + phrase.head(), match, Action::unequipItem, scene);
    }
    return unknown("You are not wearing any " + phrase.text() + ".");
  }

  private static Optional<EquipSlot> slot(List<String> words) {
    String text = String.join(" ", words).replace(" slot", "");
    return switch (text) {
      case "weapon", "right hand", "hand" -> Optional.of(EquipSlot.MAIN_HAND);
      case "left hand", "offhand" -> Optional.of(EquipSlot.OFF_HAND);
      default -> EquipSlot.parse(text);
    };
  }

  private Interpretation use(Verb verb, List<String> rest, Scene scene) {
    NounPhrase phrase = NounPhrase.parse(rest);
    Predicate<String> usable = id -> scene.itemDef(id) != null && scene.itemDef(id).use() != null;
    Predicate<String> fitsVerb = id -> verb.generic() || fitsUse(verb, scene.itemDef(id));
    if (phrase.empty()) {
      List<Named<String>> choices = scene.pack().stream()
          .filter(n -> usable.test(n.value()) && fitsVerb.test(n.value())).toList();
      return choices.isEmpty() ? unknown("You have nothing to " + verb.word() + ".")
          : chooseItem(capitalized(verb.word()) + " which", choices, Action::use);
    }
    Match<String> match = narrowed(narrowed(Names.resolve(phrase.words(), scene.pack()), usable), fitsVerb);
    if (!match.found()) {
      return notCarried(phrase, scene);
    }
    if (match.unique() && verb.generic() && !usable.test(match.values().get(0))) {
      Optional<Interpretation> instead = useOtherwise(match.values().get(0), scene);
      if (instead.isPresent()) {
        return instead.get();
      }
    }
    return chooseItem("Which " + phrase.head(), match, Action::use, scene);
  }

  /** "use the sword" wields it; "use the pickaxe" works the node here that needs one. */
  private Optional<Interpretation> useOtherwise(String item, Scene scene) {
    ItemDef def = scene.itemDef(item);
    if (def == null) {
      return Optional.empty();
    }
    if (def.equip() != null) {
      return Optional.of(Action.equip(item));
    }
    if (def.tool() != null) {
      List<String> needing = scene.nodeIds().stream()
          .filter(id -> def.tool().kind().equals(scene.nodeDef(id).tool()))
          .toList();
      if (!needing.isEmpty()) {
        return Optional.of(chooseNode(capitalized(scene.nodeDef(needing.get(0)).verb()) + " which", needing, scene));
      }
    }
    return Optional.empty();
  }

  /** "eat" fits food; "drink" fits potions and whatever is named as a drink ("cup of herb tea"). */
  private static boolean fitsUse(Verb verb, ItemDef def) {
    if (def == null) {
      return false;
    }
    boolean drink = English.words(English.normalize(def.name())).stream().anyMatch(DRINKS::contains);
    return verb.hints().contains(def.kind().label()) || verb.hints().contains(ItemKind.POTION.label()) && drink;
  }

  /** One item: its action; several: a question with their names. */
  private static Interpretation chooseItem(String prompt, Match<String> match, Function<String, Action> action,
      Scene scene) {
    return chooseItem(prompt, match.values().stream().map(scene::item).toList(), action);
  }

  private static Interpretation chooseItem(String prompt, List<Named<String>> items, Function<String, Action> action) {
    if (items.size() == 1) {
      return action.apply(items.get(0).value());
    }
    return question(prompt, items.stream().map(n -> new Option(n.name(), action.apply(n.value()))).toList());
  }

  // ---- gathering ----

  private Interpretation gather(Verb verb, List<String> rest, Scene scene) {
    int from = rest.indexOf("from");
    List<String> named = from >= 0 && from < rest.size() - 1 ? rest.subList(from + 1, rest.size()) : rest;
    named = named.stream().filter(w -> !GATHER_PREPOSITIONS.contains(w)).toList();
    NounPhrase phrase = NounPhrase.parse(Wording.withoutTrailing(named, Set.of("down", "up", "here")));
    String act = English.words(verb.word()).get(0);
    Predicate<String> fitsVerb = id -> verb.generic() || verb.hints().contains(scene.nodeDef(id).verb());
    if (phrase.empty()) {
      List<String> nodes = scene.nodeIds();
      if (nodes.isEmpty()) {
        return unknown("There is nothing here to " + act + ".");
      }
      List<String> fitting = nodes.stream().filter(fitsVerb).toList();
      if (fitting.isEmpty()) {
        return new Unknown("There is nothing to " + act + " here.", nodes.stream().map(scene::gatherExample).toList());
      }
      return chooseNode(capitalized(act) + " which", fitting, scene);
    }
    Optional<Interpretation> node = nodeNamed(phrase, scene, verb);
    if (node.isPresent()) {
      return node.get();
    }
    if (!verb.generic() && !verb.hints().contains("pick")) {
      return notHereToGather(phrase, act, scene);
    }
    Match<String> onGround = Names.resolve(phrase.words(), scene.ground());
    if (onGround.found()) {
      Map<String, Integer> ground = scene.context.ground().stacks();
      return chooseItem("Which " + phrase.head(), onGround,
          id -> Action.take(id, phrase.quantity(ground.get(id), onGround.plural())), scene);
    }
    return notHereToGather(phrase, act, scene);
  }

  /** A node here that the phrase names, by its own name or by what it yields, preferring those that fit the verb. */
  private Optional<Interpretation> nodeNamed(NounPhrase phrase, Scene scene, Verb verb) {
    Match<String> match = Names.resolve(phrase.words(), scene.nodes());
    if (!match.found()) {
      match = Names.resolve(phrase.words(), scene.nodesByYield());
    }
    if (!match.found()) {
      return Optional.empty();
    }
    if (verb.capability() == Capability.GATHER && !verb.generic()) {
      match = narrowed(match, id -> verb.hints().contains(scene.nodeDef(id).verb()));
    }
    return Optional.of(chooseNode("Which " + phrase.head(), match.values(), scene));
  }

  private Interpretation chooseNode(String prompt, List<String> nodes, Scene scene) {
    if (nodes.size() == 1) {
      return Action.gather(nodes.get(0));
    }
    return question(prompt, nodes.stream().map(id -> new Option(scene.nodeDef(id).name(), Action.gather(id))).toList());
  }

  private Interpretation notHereToGather(NounPhrase phrase, String act, Scene scene) {
    Match<String> elsewhere = Names.resolve(phrase.words(), scene.allNodes());
    String what = elsewhere.unique() ? scene.nodeDef(elsewhere.values().get(0)).name() : phrase.text();
    return new Unknown("There is no " + what + " here to " + act + ".",
        scene.nodeIds().stream().map(scene::gatherExample).toList());
  }

  // ---- crafting ----

  private Interpretation craft(Verb verb, List<String> rest, Scene scene) {
    NounPhrase phrase = NounPhrase.parse(rest);
    String act = English.words(verb.word()).get(0);
    if (phrase.empty()) {
      List<String> here = world.recipes().keySet().stream()
          .filter(scene::craftableHere)
          .filter(id -> verb.generic() || verb.hints().contains(scene.recipe(id).station()))
          .toList();
      if (here.isEmpty()) {
        return unknown("There is nothing you can " + act + " here.");
      }
      List<String> affordable = here.stream().filter(id -> scene.affordable(id) > 0).toList();
      if (affordable.size() == 1) {
        return Action.craft(affordable.get(0), craftCount(phrase, affordable.get(0), scene));
      }
      if (affordable.size() > 1 && affordable.size() <= MAX_OPTIONS) {
        return question(capitalized(act) + " which", affordable.stream()
            .map(id -> new Option(scene.recipe(id).name(), Action.craft(id, craftCount(phrase, id, scene))))
            .toList());
      }
      List<String> offer = affordable.isEmpty() ? here : affordable;
      String example = act + " " + scene.recipe(offer.get(0)).name();
      return new Unknown(capitalized(act) + " what? For example: " + example + ".",
          offer.stream().limit(5).map(id -> act + " " + scene.recipe(id).name()).toList());
    }
    List<String> verbPhrase = new ArrayList<>(English.words(verb.word()));
    verbPhrase.addAll(phrase.words());
    Match<String> match = Names.resolve(verbPhrase, scene.recipesByOwnName());
    if (!match.found() || !exactly(verbPhrase, match, scene.recipesByOwnName())) {
      match = Names.resolve(phrase.words(), scene.recipes());
    }
    boolean byInput = false;
    if (!match.found()) {
      match = Names.resolve(phrase.words(), scene.recipesByInput());
      byInput = true;
    }
    if (!match.found()) {
      return new Unknown("There is no recipe for " + phrase.text() + ".", suggestions(phrase.text(),
          world.recipes().values().stream().map(RecipeDef::name).toList()));
    }
    Match<String> chosen = narrowed(match, id -> verb.generic() || verb.hints().contains(scene.recipe(id).station()));
    chosen = narrowed(chosen, scene::craftableHere);
    chosen = narrowed(chosen, id -> scene.affordable(id) > 0);
    if (chosen.unique()) {
      String recipe = chosen.values().get(0);
      return Action.craft(recipe, craftCount(phrase, recipe, scene));
    }
    String prompt = byInput ? capitalized(act) + " which" : "Which " + phrase.head();
    return question(prompt, chosen.values().stream()
        .map(id -> new Option(scene.recipe(id).name(), Action.craft(id, craftCount(phrase, id, scene))))
        .toList());
  }

  /** Whether the words are exactly a name of one of the matches, not just some of its words. */
  private static boolean exactly(List<String> words, Match<String> match, List<Named<String>> candidates) {
    String phrase = String.join(" ", words);
    return candidates.stream().anyMatch(c -> match.values().contains(c.value()) && c.forms().contains(phrase));
  }

  /** "all" makes as many as the pack allows (at least one, so the world can say what is missing). */
  private static int craftCount(NounPhrase phrase, String recipe, Scene scene) {
    if (phrase.all()) {
      return Math.max(1, scene.affordable(recipe));
    }
    return phrase.count() > 0 ? phrase.count() : 1;
  }

  // ---- fighting ----

  private Interpretation attack(List<String> rest, Scene scene) {
    List<String> words = Wording.until(rest, Set.of("with", "using"));
    if (words.size() == 1 && scene.context.creatures().contains(words.get(0))) {
      return Action.attack(words.get(0));
    }
    NounPhrase phrase = NounPhrase.parse(words);
    List<Named<String>> kinds = scene.creatureKinds();
    if (kinds.isEmpty()) {
      return unknown(phrase.empty() ? "There is nothing here to fight." : "You see no " + phrase.text() + " here.");
    }
    Match<String> match = phrase.empty()
        ? new Match<>(kinds.stream().map(Named::value).toList(), false)
        : Names.resolve(phrase.words(), kinds);
    if (!match.found()) {
      return unknown("You see no " + phrase.text() + " here.");
    }
    List<Option> options = new ArrayList<>();
    for (String kind : match.values()) {
      creatureTarget(kind, phrase.ordinal(), scene)
          .ifPresent(c -> options.add(new Option(scene.creatureName(kind), Action.attack(c))));
    }
    if (options.isEmpty()) {
      return unknown(onlySo(match.values().get(0), scene));
    }
    return options.size() == 1 ? options.get(0).action()
        : question(phrase.empty() ? "Attack which" : "Which " + phrase.head(), options);
  }

  /**
   * The creature of {@code kind} that is meant: the nth if an ordinal was given; otherwise the only
   * one, or the kind itself when there are several, so the world spreads attackers over them.
   */
  private static Optional<String> creatureTarget(String kind, int ordinal, Scene scene) {
    List<String> here = scene.creaturesOf(kind);
    if (here.isEmpty()) {
      return Optional.empty();
    }
    if (ordinal == English.LAST) {
      return Optional.of(here.get(here.size() - 1));
    }
    if (ordinal > 0) {
      return ordinal <= here.size() ? Optional.of(here.get(ordinal - 1)) : Optional.empty();
    }
    if (here.size() == 1 || !scene.kindIdIsUnambiguous(kind)) {
      return Optional.of(here.get(0));
    }
    return Optional.of(kind);
  }

  private static String onlySo(String kind, Scene scene) {
    int n = scene.creaturesOf(kind).size();
    String name = scene.creatureName(kind);
    return n == 1 ? "There is only one " + name + " here."
        : "There are only " + n + " " + English.plural(name) + " here.";
  }

  // ---- shared ----

  private static <T> Match<T> narrowed(Match<T> match, Predicate<T> keep) {
    List<T> kept = match.values().stream().filter(keep).toList();
    return kept.isEmpty() ? match : new Match<>(kept, match.plural());
  }

  static Question question(String prompt, List<Option> options) {
    List<String> labels = options.stream().map(Option::label).toList();
    return new Question(singularPrompt(prompt, labels) + ": " + English.either(labels) + "?", options);
  }

  /** "Which ingots" asks "Which ingot" when that is the word the options use. */
  private static String singularPrompt(String prompt, List<String> labels) {
    if (!prompt.startsWith("Which ")) {
      return prompt;
    }
    String head = prompt.substring("Which ".length());
    Set<String> used = new LinkedHashSet<>();
    labels.forEach(l -> used.addAll(English.words(English.normalize(l))));
    if (used.contains(head)) {
      return prompt;
    }
    return English.singulars(head).stream().filter(used::contains).findFirst().map(s -> "Which " + s).orElse(prompt);
  }

  private static Unknown unknown(String text) {
    return new Unknown(text, List.of());
  }

  private static Unknown unknownWord(String word) {
    List<String> candidates = new ArrayList<>(Verbs.allWords());
    for (Direction d : Direction.values()) {
      candidates.add(d.label());
    }
    List<String> close = suggestions(word, candidates);
    if (close.isEmpty()) {
      return new Unknown("I don't know '" + word + "'. Type help to see what you can do here.", List.of());
    }
    return new Unknown("I don't know '" + word + "'. Did you mean: " + English.either(close) + "?", close);
  }

  /** The candidates nearest to what was typed, if near enough, at most three. */
  static List<String> suggestions(String typed, List<String> candidates) {
    int tolerance = English.suggestionTolerance(typed);
    Map<String, Integer> near = new LinkedHashMap<>();
    for (String c : new LinkedHashSet<>(candidates)) {
      int d = English.distance(typed, c.toLowerCase(Locale.ROOT));
      if (d <= tolerance && c.length() > 1) {
        near.put(c, d);
      }
    }
    int best = near.values().stream().min(Integer::compare).orElse(0);
    return near.entrySet().stream()
        .filter(e -> e.getValue() == best)
        .map(Map.Entry::getKey)
        .limit(3)
        .toList();
  }

  private static String capitalized(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
