package io.microcosm.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnglishTest {

  @ParameterizedTest
  @CsvSource({"1, 1", "3, 3", "one, 1", "two, 2", "twelve, 12", "twenty, 20", "dozen, 12"})
  void readsCounts(String word, int expected) {
    assertEquals(OptionalInt.of(expected), English.number(word));
  }

  @Test
  void aCountIsPositiveAndSane() {
    assertEquals(OptionalInt.empty(), English.number("0"));
    assertEquals(OptionalInt.empty(), English.number("99999999999"));
    assertEquals(OptionalInt.empty(), English.number("apple"));
  }

  @ParameterizedTest
  @CsvSource({"first, 1", "second, 2", "third, 3", "tenth, 10", "1st, 1", "2nd, 2", "3rd, 3", "4th, 4", "last, -1"})
  void readsOrdinals(String word, int expected) {
    assertEquals(OptionalInt.of(expected), English.ordinal(word));
  }

  @ParameterizedTest
  @CsvSource({"potions, potion", "ingots, ingot", "torches, torch", "berries, berry", "wolves, wolf",
      "knives, knife", "apples, apple", "branches, branch"})
  void findsTheSingular(String plural, String singular) {
    assertTrue(English.singulars(plural).contains(singular), plural + " -> " + English.singulars(plural));
  }

  @Test
  void aWordThatIsNotPluralHasNoSingular() {
    assertEquals(List.of(), English.singulars("moss"));
    assertEquals(List.of(), English.singulars("ox"));
  }

  @ParameterizedTest
  @CsvSource({"grey wolf, grey wolves", "copper ingot, copper ingots", "torch, torches", "berry, berries",
      "day, days", "loaf of bread, loaves of bread"})
  void makesPlurals(String singular, String plural) {
    assertEquals(plural, English.plural(singular));
  }

  @Test
  void countsThingsWithTheRightArticleOrPlural() {
    assertEquals("an apple", English.count("apple", 1));
    assertEquals("a loaf of bread", English.count("loaf of bread", 1));
    assertEquals("3 loaves of bread", English.count("loaf of bread", 3));
    assertEquals("0 copper ingots", English.count("copper ingot", 0));
  }

  @Test
  void listsWithOrAndAnd() {
    assertEquals("", English.either(List.of()));
    assertEquals("a", English.either(List.of("a")));
    assertEquals("a or b", English.either(List.of("a", "b")));
    assertEquals("a, b or c", English.either(List.of("a", "b", "c")));
    assertEquals("a, b and c", English.both(List.of("a", "b", "c")));
  }

  @Test
  void aSwappedPairIsOneSlip() {
    assertEquals(1, English.distance("tkae", "take"));
    assertEquals(1, English.distance("atack", "attack"));
    assertEquals(1, English.distance("lok", "look"));
    assertEquals(0, English.distance("wolf", "wolf"));
    assertEquals(4, English.distance("", "wolf"));
  }

  @Test
  void shortWordsMustBeSpelledRight() {
    assertEquals(0, English.tolerance("axe"));
    assertEquals(1, English.tolerance("wolf"));
    assertEquals(2, English.tolerance("inventory"));
  }

  @Test
  void normalizesNames() {
    assertEquals("giants tonic", English.normalize("Giant's  Tonic"));
    assertEquals("copper ore", English.normalize("copper-ore"));
  }
}
