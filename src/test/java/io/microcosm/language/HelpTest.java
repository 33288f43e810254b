package io.microcosm.language;

import static io.microcosm.language.ValeContexts.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.language.Interpretation.Help;
import io.microcosm.language.Interpretation.Usage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Help lists what can be done where the player stands, each with an example that would work there. */
class HelpTest {

  private final Interpreter interpreter = new DeterministicInterpreter(ValeContexts.VALE);

  private Map<Capability, Usage> help(String context) {
    Help help = (Help) interpreter.interpret("help", named(context));
    return help.usages().stream().collect(Collectors.toMap(Usage::capability, u -> u));
  }

  private static final Set<Capability> EVERYWHERE = Set.of(Capability.LOOK, Capability.INVENTORY, Capability.STATUS,
      Capability.REST, Capability.SAY, Capability.TELL, Capability.SHOUT, Capability.QUESTS, Capability.ABANDON,
      Capability.HELP);

  @Test
  void theUsualVerbsAreAlwaysThere() {
    for (String context : List.of("riverbank", "smithy", "clearing", "square", "edge", "gallery")) {
      assertTrue(help(context).keySet().containsAll(EVERYWHERE), context + ": " + help(context).keySet());
    }
  }

  @Test
  void atTheRiverbankOneGathersButNeitherCraftsNorFights() {
    Map<Capability, Usage> here = help("riverbank");
    assertEquals("pick nuggets", here.get(Capability.GATHER).example());
    assertEquals("take apple", here.get(Capability.TAKE).example());
    assertEquals("give copper ore to Bob", here.get(Capability.GIVE).example());
    assertEquals("remove leather cap", here.get(Capability.UNEQUIP).example());
    assertEquals("eat loaf of bread", here.get(Capability.USE).example());
    assertEquals("wield rusty sword", here.get(Capability.EQUIP).example());
    assertEquals("go north", here.get(Capability.MOVE).example());
    assertFalse(here.containsKey(Capability.CRAFT));
    assertFalse(here.containsKey(Capability.ATTACK));
  }

  @Test
  void atTheSmithyOneCraftsWhatThePackAllows() {
    Map<Capability, Usage> here = help("smithy");
    assertEquals("craft copper ingot", here.get(Capability.CRAFT).example());
    assertTrue(here.get(Capability.CRAFT).verbs().containsAll(List.of("craft", "make", "forge", "smelt", "brew",
        "cook")));
    assertFalse(here.containsKey(Capability.GATHER));
    assertFalse(here.containsKey(Capability.ATTACK));
    assertFalse(here.containsKey(Capability.GIVE), "nobody else is at the smithy");
  }

  @Test
  void inTheClearingOneFights() {
    Map<Capability, Usage> here = help("clearing");
    assertEquals("attack grey wolf", here.get(Capability.ATTACK).example());
    assertTrue(here.get(Capability.ATTACK).verbs().containsAll(List.of("attack", "kill", "hit", "fight", "strike")));
    assertEquals("pick healwort", here.get(Capability.GATHER).example());
    assertEquals("drink healing draught", here.get(Capability.USE).example());
  }

  @Test
  void withEmptyHandsThereIsNothingToDropOrUse() {
    Map<Capability, Usage> here = help("edge");
    assertFalse(here.containsKey(Capability.DROP));
    assertFalse(here.containsKey(Capability.USE));
    assertFalse(here.containsKey(Capability.EQUIP));
    assertFalse(here.containsKey(Capability.UNEQUIP));
    assertEquals("take rusty sword", here.get(Capability.TAKE).example());
  }

  @Test
  void examplesWorkWhereTheyAreGiven() {
    for (String context : List.of("riverbank", "smithy", "clearing", "entrance", "gallery", "orchard", "heath",
        "herbalist", "yard", "mill", "square", "edge")) {
      for (Usage usage : help(context).values()) {
        Interpretation reading = interpreter.interpret(usage.example(), named(context));
        boolean understood = reading instanceof Interpretation.Action a && a.capability() == usage.capability()
            || reading instanceof Help;
        assertTrue(understood, context + ": '" + usage.example() + "' read as " + CorpusTest.render(reading));
      }
    }
  }

  @Test
  void helpOnOneVerb() {
    Help gather = (Help) interpreter.interpret("help mine", named("gallery"));
    assertEquals(1, gather.usages().size());
    assertEquals(Capability.GATHER, gather.usages().get(0).capability());
    assertEquals("mine coal", gather.usages().get(0).example());

    Help elsewhere = (Help) interpreter.interpret("help attack", named("square"));
    assertEquals(Capability.ATTACK, elsewhere.usages().get(0).capability());
    assertEquals("attack wolf", elsewhere.usages().get(0).example());
  }

  @Test
  void whereAnNpcIsOneTalksAndAcceptsWhatItOffers() {
    Map<Capability, Usage> tavern = help("tavern");
    assertEquals("ask hilda about the mine", tavern.get(Capability.TALK).example());
    assertEquals("accept", tavern.get(Capability.ACCEPT).example());
    assertFalse(help("smithy").containsKey(Capability.ACCEPT), "nobody at the smithy offers anything");
    Help accept = (Help) interpreter.interpret("help accept", named("edge"));
    assertEquals(Capability.ACCEPT, accept.usages().get(0).capability());
    assertTrue(accept.usages().get(0).verbs().contains("accept"));
  }

  @Test
  void questionMarkAndPhrasesAskForHelp() {
    assertTrue(interpreter.interpret("?", named("square")) instanceof Help);
    assertTrue(interpreter.interpret("What can I do here?", named("square")) instanceof Help);
    assertTrue(interpreter.interpret("help me", named("square")) instanceof Help help && help.usages().size() > 5);
  }
}
