package io.microcosm.language;

import static io.microcosm.language.ValeContexts.at;
import static io.microcosm.language.ValeContexts.named;
import static io.microcosm.language.ValeContexts.ordered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.language.Interpretation.Action;
import io.microcosm.language.Interpretation.Option;
import io.microcosm.language.Interpretation.Question;
import io.microcosm.language.Interpretation.Unknown;
import io.microcosm.rules.Equipment;
import io.microcosm.rules.Inventory;
import io.microcosm.world.Direction;
import io.microcosm.world.EquipSlot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeterministicInterpreterTest {

  private final Interpreter interpreter = new DeterministicInterpreter(ValeContexts.VALE);

  private Interpretation read(String line, String context) {
    return interpreter.interpret(line, named(context));
  }

  @Test
  void anActionCarriesTypedArguments() {
    Action move = (Action) read("go north", "riverbank");
    assertEquals(Capability.MOVE, move.capability());
    assertEquals(Direction.NORTH, move.direction());

    Action craft = (Action) read("make 3 copper ingots", "smithy");
    assertEquals(Action.craft("copper-ingot", 3), craft);

    assertEquals(Action.unequipSlot(EquipSlot.MAIN_HAND), read("unequip main hand", "smithy"));
    assertEquals("main-hand", Action.unequipSlot(EquipSlot.MAIN_HAND).unequipTarget());
    assertEquals("leather-cap", Action.unequipItem("leather-cap").unequipTarget());
  }

  @Test
  void allIsResolvedToWhatThereIs() {
    assertEquals(Action.take("apple", 5), read("take all the apples", "square"));
    assertEquals(Action.drop("copper-ore", 3), read("drop all my ore", "riverbank"));
    // the pack holds healwort for two healing draughts
    assertEquals(Action.craft("healing-draught", 2), read("brew all the healing potions", "herbalist"));
  }

  @Test
  void speechKeepsTheWordsAsTyped() {
    assertEquals(Action.say("Meet me at the Smithy, OK?"), read("say Meet me at the Smithy, OK?", "square"));
    assertEquals(Action.say("Who's there?"), read("'Who's there?", "square"));
    assertEquals(Action.tell("Mira", "The WOLVES are back."), read("tell MIRA The WOLVES are back.", "square"));
    assertEquals(Action.tell("Bob", "hi"), read("please tell bob: hi", "square"));
    assertEquals(Action.shout("Help!"), read("shout \"Help!\"", "square"));
  }

  @Test
  void speechIsNeverSplitOrCounted() {
    assertEquals(Action.say("we should rest and eat"), read("say we should rest and eat", "square"));
    assertEquals(Action.say("I have 0 coins"), read("say I have 0 coins", "square"));
    assertEquals(Action.say("hello everyone"), read("hello everyone", "square"));
  }

  @Test
  void oneCommandPerLine() {
    Unknown two = (Unknown) read("take the apple and go north", "riverbank");
    assertEquals("One thing at a time, please: take the apple, then go north.", two.text());
    assertEquals(List.of("take the apple", "go north"), two.suggestions());
  }

  @Test
  void countsMustBeSensible() {
    assertEquals("'0' is not a count I can use: give a number from 1 to 1000000.",
        ((Unknown) read("take 0 apples", "square")).text());
    assertInstanceOf(Unknown.class, read("drop -2 apples", "square"));
    assertInstanceOf(Unknown.class, read("make 99999999 copper ingots", "smithy"));
  }

  @Test
  void theUseOfAThingFollowsWhatItIs() {
    assertEquals(Action.equip("copper-sword"), read("use the copper sword", "clearing"));
    assertEquals("Mine which: coal seam or copper vein?", ((Question) read("use my pickaxe", "gallery")).text());
    assertEquals(Action.use("healing-draught"), read("use the potion", "clearing"));
  }

  @Test
  void whoIsToldNeedNotBeHere() {
    assertEquals(Action.tell("Quill", "where are you?"), read("tell Quill where are you?", "riverbank"));
  }

  @Test
  void aGiftNeedsSomeoneHere() {
    Unknown nobody = (Unknown) read("give the bread to Mira", "riverbank");
    assertEquals("There is no one called Mira here.", nobody.text());
  }

  @Test
  void anUnknownVerbGetsSuggestions() {
    Unknown unknown = (Unknown) read("atack the wolf", "clearing");
    assertEquals("I don't know 'atack'. Did you mean: attack?", unknown.text());
    assertEquals(List.of("attack"), unknown.suggestions());
  }

  @Test
  void gibberishGetsAPointerToHelp() {
    Unknown unknown = (Unknown) read("xyzzy plugh", "square");
    assertEquals("I don't know 'xyzzy'. Type help to see what you can do here.", unknown.text());
    assertEquals(List.of(), unknown.suggestions());
  }

  @Test
  void somethingNotHereIsSaidPlainly() {
    assertEquals("You see no wolf here.", ((Unknown) read("attack the wolf", "square")).text());
    assertEquals("You see no rabbit here.", ((Unknown) read("attack rabbit", "clearing")).text());
    assertEquals("You see no sword here.", ((Unknown) read("take the sword", "riverbank")).text());
    assertEquals("You carry no wolf pelt.", ((Unknown) read("drop the wolf pelt", "riverbank")).text());
    assertEquals("There is nothing here to fight.", ((Unknown) read("attack", "square")).text());
    assertEquals("There are only 3 grey wolves here.", ((Unknown) read("kill the fifth wolf", "clearing")).text());
    assertEquals("You are wearing the leather cap; remove it first.", ((Unknown) read("drop cap", "riverbank")).text());
  }

  @Test
  void workingANodeThatIsElsewhereNamesIt() {
    Unknown oak = (Unknown) read("chop the oak", "riverbank");
    assertEquals("There is no old oak here to chop.", oak.text());
    assertEquals(List.of("pick nuggets", "gather branches"), oak.suggestions());
    assertEquals("There is nothing to fish here.", ((Unknown) read("fish", "riverbank")).text());
  }

  @Test
  void twoOresMakeAQuestion() {
    Question q = (Question) read("drop ore", "entrance");
    assertEquals("Which ore: copper ore or iron ore?", q.text());
    assertEquals(List.of(Action.drop("copper-ore", 1), Action.drop("iron-ore", 1)),
        q.options().stream().map(Option::action).toList());
  }

  @Test
  void aQuestionAsksInTheSingular() {
    assertEquals("Which ingot: copper ingot or iron ingot?", ((Question) read("drop ingots", "smithy")).text());
  }

  @Test
  void twoKindsAnsweringToOneWordMakeAQuestion() {
    // a grey wolf and a dire wolf are both "wolf"
    Context both = new Context("Ada", "wilds.clearing", Map.of(), List.of("Ada"), Inventory.EMPTY,
        List.of("wilds.wolf.1", "highlands.dire-wolf.1"), List.of(), List.of(), Inventory.EMPTY, Equipment.NONE, null);
    Question q = (Question) interpreter.interpret("attack the wolf", both);
    assertEquals("Which wolf: grey wolf or dire wolf?", q.text());
    assertEquals(List.of(Action.attack("wilds.wolf.1"), Action.attack("highlands.dire-wolf.1")),
        q.options().stream().map(Option::action).toList());
  }

  @Test
  void severalOfOneKindLetTheWorldChooseUnlessOneIsNamed() {
    assertEquals(Action.attack("wolf"), read("attack the wolf", "clearing"));
    assertEquals(Action.attack("wilds.wolf.2"), read("attack the second wolf", "clearing"));
    assertEquals(Action.attack("vale.rabbit.1"), read("attack the rabbit", "orchard"));
  }

  @Test
  void aKindIdThatWouldAlsoNameAnotherKindHereIsNotUsed() {
    // "wolf" would also match the dire wolf, so the first grey wolf is named instead
    Context mixed = new Context("Ada", "wilds.clearing", Map.of(), List.of("Ada"), Inventory.EMPTY,
        List.of("wilds.wolf.1", "wilds.wolf.2", "highlands.dire-wolf.1"), List.of(), List.of(), Inventory.EMPTY,
        Equipment.NONE, null);
    assertEquals(Action.attack("wilds.wolf.1"), interpreter.interpret("attack the grey wolf", mixed));
    assertEquals(Action.attack("highlands.dire-wolf.1"), interpreter.interpret("attack the dire wolf", mixed));
  }

  @Test
  void emptyAndOddLinesAreNotErrors() {
    assertInstanceOf(Unknown.class, read("", "square"));
    assertInstanceOf(Unknown.class, interpreter.interpret(null, named("square")));
    assertInstanceOf(Unknown.class, read("   ...   ", "square"));
    assertInstanceOf(Unknown.class, read("take", "gallery"));
    assertInstanceOf(Unknown.class, read("drop", "edge"));
    assertInstanceOf(Unknown.class, read("craft", "square"));
    assertInstanceOf(Unknown.class, read("give", "square"));
    assertInstanceOf(Unknown.class, read("tell", "square"));
  }

  @Test
  void thingsTheWorldDoesNotKnowAreNamedByTheirIds() {
    Context odd = at("vale.square", ordered("strange-idol", 1), ordered("odd-stone", 2), Map.of());
    assertEquals(Action.take("strange-idol", 1), interpreter.interpret("take the strange idol", odd));
    assertEquals(Action.drop("odd-stone", 2), interpreter.interpret("drop all odd stones", odd));
  }

  @Test
  void theSameLineInTheSameContextMeansTheSame() {
    for (String line : List.of("attack the wolf", "drop ore", "make a sword", "go")) {
      for (String context : List.of("clearing", "entrance", "smithy", "riverbank")) {
        assertEquals(read(line, context), read(line, context), line + " @ " + context);
      }
    }
  }

  @Test
  void politeAndLongWindedLinesAreUnderstood() {
    assertEquals(Action.take("torch", 1), read("Could you please pick up the torch for me?", "riverbank"));
    assertEquals(Action.attack("wolf"), read("I want to attack the wolf now!", "clearing"));
    assertEquals(Action.craft("copper-sword", 1), read("I'd like to forge a copper sword, please.", "smithy"));
    assertEquals(Action.move(Direction.NORTH), read("OK, let's go north.", "riverbank"));
  }

  @Test
  void aQuestionIsAlwaysAnswerable() {
    for (String[] probe : List.of(new String[] {"go", "riverbank"}, new String[] {"mine", "gallery"},
        new String[] {"attack", "heath"}, new String[] {"wield sword", "square"})) {
      Question q = (Question) read(probe[0], probe[1]);
      assertTrue(q.options().size() >= 2, q.toString());
      assertTrue(q.text().endsWith("?"), q.text());
    }
  }
}
