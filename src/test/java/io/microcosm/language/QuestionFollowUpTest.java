package io.microcosm.language;

import static io.microcosm.language.ValeContexts.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.microcosm.language.Interpretation.Action;
import io.microcosm.language.Interpretation.Option;
import io.microcosm.language.Interpretation.Question;
import io.microcosm.language.Interpretation.Unknown;
import io.microcosm.world.Direction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A question is kept in the next context, and the next line may answer it. */
class QuestionFollowUpTest {

  private final Interpreter interpreter = new DeterministicInterpreter(ValeContexts.VALE);

  /** Asks {@code line} in {@code context} and returns the context that awaits the answer. */
  private Context asked(String line, String context) {
    Context now = named(context);
    Question question = (Question) interpreter.interpret(line, now);
    return now.withPending(question);
  }

  @ParameterizedTest
  @ValueSource(strings = {"copper", "Copper ore", "the copper ore", "the first", "first one", "1", "1st",
      "the copper one", "coper"})
  void answersTheCopperOre(String answer) {
    assertEquals(Action.drop("copper-ore", 1), interpreter.interpret(answer, asked("drop ore", "entrance")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"iron", "the second", "2", "the last one", "iron ore please"})
  void answersTheIronOre(String answer) {
    assertEquals(Action.drop("iron-ore", 1), interpreter.interpret(answer, asked("drop ore", "entrance")));
  }

  @Test
  void theAnswerKeepsTheQuantityAsked() {
    assertEquals(Action.drop("iron-ore", 3), interpreter.interpret("iron", asked("drop all ore", "entrance")));
  }

  @Test
  void answersAWhichWay() {
    Context pending = asked("go", "riverbank");
    assertEquals(Action.move(Direction.EAST), interpreter.interpret("east", pending));
    assertEquals(Action.move(Direction.WEST), interpreter.interpret("3", pending));
  }

  @Test
  void answersWhichCreatureAndWhichNode() {
    assertEquals(Action.attack("wilds.rabbit.1"), interpreter.interpret("the rabbit", asked("attack", "heath")));
    assertEquals(Action.gather("coal-seam"), interpreter.interpret("coal", asked("mine", "gallery")));
    assertEquals(Action.craft("iron-ingot", 1), interpreter.interpret("iron", asked("smelt ore", "entrance")));
  }

  @Test
  void aNewCommandIsNotAnAnswer() {
    Context pending = asked("drop ore", "entrance");
    assertEquals(Action.take("torch", 1), interpreter.interpret("take the torch", pending));
    assertEquals(Action.move(Direction.WEST), interpreter.interpret("w", pending));
    assertEquals(Action.drop("apple", 1), interpreter.interpret("drop an apple", pending));
  }

  @Test
  void aNumberBeyondTheOptionsIsNotAnAnswer() {
    assertInstanceOf(Unknown.class, interpreter.interpret("7", asked("drop ore", "entrance")));
  }

  @Test
  void anAnswerThatFitsSeveralOptionsNarrowsTheQuestion() {
    Context pending = asked("brew", "herbalist");
    Question again = (Question) interpreter.interpret("draught", pending);
    assertEquals("Which one: healing draught or stamina draught?", again.text());
    assertEquals(List.of("healing draught", "stamina draught"), again.options().stream().map(Option::label).toList());
  }

  @Test
  void anAnswerThatFitsEveryOptionAsksAgain() {
    Context pending = asked("wield sword", "square");
    assertEquals(pending.pending(), interpreter.interpret("sword", pending));
  }

  @Test
  void neverMindDropsTheQuestion() {
    Unknown dropped = (Unknown) interpreter.interpret("never mind", asked("drop ore", "entrance"));
    assertEquals("Never mind.", dropped.text());
  }

  @Test
  void withoutAPendingQuestionAnOrdinalMeansNothing() {
    assertInstanceOf(Unknown.class, interpreter.interpret("the first", named("entrance")));
  }
}
