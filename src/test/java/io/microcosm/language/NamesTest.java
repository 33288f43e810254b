package io.microcosm.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.language.Names.Match;
import io.microcosm.language.Names.Named;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamesTest {

  private static final List<Named<String>> PACK = List.of(
      new Named<>("rusty-sword", "rusty-sword", "rusty sword", List.of("sword")),
      new Named<>("copper-sword", "copper-sword", "copper sword", List.of("sword")),
      new Named<>("copper-ore", "copper-ore", "copper ore", List.of("copper", "ore")),
      new Named<>("healing-draught", "healing-draught", "healing draught", List.of("potion", "healing potion")));

  private static Match<String> resolve(String phrase) {
    return Names.resolve(English.words(phrase), PACK);
  }

  @Test
  void aWholeNameBeatsAWordOfAnother() {
    assertEquals(List.of("copper-sword"), resolve("copper sword").values());
    assertEquals(List.of("copper-ore"), resolve("copper").values());
  }

  @Test
  void aSharedAliasNamesAllThatShareIt() {
    assertEquals(List.of("rusty-sword", "copper-sword"), resolve("sword").values());
  }

  @Test
  void anAdjectiveAloneIsEnough() {
    assertEquals(List.of("rusty-sword"), resolve("rusty").values());
  }

  @Test
  void theIdNamesIt() {
    assertEquals(List.of("healing-draught"), resolve("healing draught").values());
    assertEquals(List.of("copper-ore"), Names.resolve(List.of("copper", "ore"), PACK).values());
  }

  @Test
  void aPluralIsRecognisedAndReported() {
    Match<String> potions = resolve("healing potions");
    assertEquals(List.of("healing-draught"), potions.values());
    assertTrue(potions.plural());
    assertFalse(resolve("healing potion").plural());
    assertTrue(resolve("swords").plural());
  }

  @Test
  void aSlipIsForgivenOnlyWhenNothingMatchesAsTyped() {
    assertEquals(List.of("rusty-sword"), resolve("rustty sword").values());
    assertEquals(List.of("healing-draught"), resolve("healng potion").values());
    assertFalse(resolve("axe").found());
  }

  @Test
  void nothingMatchesNothing() {
    assertFalse(resolve("wolf").found());
    assertFalse(Names.resolve(List.of(), PACK).found());
    assertFalse(Names.resolve(List.of("sword"), List.<Named<String>>of()).found());
  }
}
