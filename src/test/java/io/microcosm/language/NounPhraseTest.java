package io.microcosm.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NounPhraseTest {

  private static NounPhrase parse(String text) {
    return NounPhrase.parse(English.words(text));
  }

  @Test
  void countsInDigitsAndWords() {
    assertEquals(3, parse("3 copper ingots").count());
    assertEquals(2, parse("two healing potions").count());
    assertEquals(2, parse("a couple of apples").count());
    assertEquals(2, parse("a pair of boots").count());
    assertEquals(12, parse("a dozen apples").count());
    assertEquals(List.of("copper", "ingots"), parse("3 copper ingots").words());
  }

  @Test
  void articlesAndPossessivesAreNotNames() {
    NounPhrase p = parse("the copper sword");
    assertEquals(List.of("copper", "sword"), p.words());
    assertEquals(0, p.count());
    assertEquals(List.of("cap"), parse("my cap").words());
    assertEquals(List.of("apples"), parse("some of the apples").words());
  }

  @Test
  void allAndEverything() {
    assertTrue(parse("all the apples").all());
    assertTrue(parse("all of my ore").all());
    assertTrue(parse("everything").all());
    assertTrue(parse("everything").empty());
    assertFalse(parse("apples").all());
  }

  @Test
  void ordinalsBeforeOrAfter() {
    assertEquals(2, parse("the second wolf").ordinal());
    assertEquals(2, parse("2nd wolf").ordinal());
    assertEquals(2, parse("wolf 2").ordinal());
    assertEquals(2, parse("wolf #2").ordinal());
    assertEquals(3, parse("wolf number 3").ordinal());
    assertEquals(English.LAST, parse("the last wolf").ordinal());
    assertEquals(List.of("wolf"), parse("wolf number 3").words());
  }

  @Test
  void theIronOneIsTheIron() {
    assertEquals(List.of("iron"), parse("the iron one").words());
  }

  @Test
  void quantityFollowsWhatWasSaid() {
    assertEquals(3, parse("3 apples").quantity(5, true));
    assertEquals(5, parse("all apples").quantity(5, true));
    assertEquals(5, parse("apples").quantity(5, true));
    assertEquals(1, parse("apple").quantity(5, false));
    assertEquals(1, parse("all").quantity(0, false));
  }
}
