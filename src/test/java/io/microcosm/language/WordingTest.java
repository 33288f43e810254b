package io.microcosm.language;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordingTest {

  private static List<String> words(String raw) {
    return Wording.withoutFillers(Wording.tokens(raw));
  }

  @Test
  void punctuationGoesButIdsStay() {
    assertEquals(List.of("attack", "wilds.wolf.2"), Wording.tokens("Attack wilds.wolf.2!"));
    assertEquals(List.of("take", "the", "apple", "please"), Wording.tokens("Take the apple... (please)"));
    assertEquals(List.of(), Wording.tokens("?!..."));
  }

  @Test
  void politenessAndPreamblesAreDropped() {
    assertEquals(List.of("take", "the", "apple"), words("Could you please take the apple for me?"));
    assertEquals(List.of("go", "north"), words("I want to go north now"));
    assertEquals(List.of("eat", "bread"), words("I'd like to eat bread, thanks"));
    assertEquals(List.of("attack", "wolf"), words("OK, let's attack wolf again"));
    assertEquals(List.of("i"), words("i"));
    assertEquals(List.of("giants", "tonic"), words("giant's tonic"));
  }

  @Test
  void severalCommandsAreFound() {
    assertEquals(List.of("take apple", "go north"), Wording.commands(words("take apple and go north")));
    assertEquals(List.of("go north", "east"), Wording.commands(words("go north then east")));
    assertEquals(List.of("take apple and torch"), Wording.commands(words("take apple and torch")));
  }

  @Test
  void theRestOfTheLineKeepsItsCase() {
    assertEquals("Hello, World!", Wording.afterWord("say Hello, World!", "say"));
    assertEquals("hi there", Wording.afterWord("Say: hi there", "say"));
    assertEquals("", Wording.afterWord("say", "say"));
    assertEquals("Mira", Wording.asTyped("give it to Mira", "mira"));
  }

  @Test
  void quotesAreTakenOff() {
    assertEquals("Hello", Wording.unquoted("\"Hello\""));
    assertEquals("Hello", Wording.unquoted("'Hello'"));
    assertEquals("Hello", Wording.unquoted("Hello\""));
    assertEquals("It's \"fine\"", Wording.unquoted("It's \"fine\""));
  }

  @Test
  void trailingParticlesAndPlacesAreCut() {
    assertEquals(List.of("apples"), Wording.withoutTrailing(List.of("apples", "up"), java.util.Set.of("up")));
    assertEquals(List.of("apple"), Wording.until(List.of("apple", "from", "ground"), java.util.Set.of("from")));
  }
}
