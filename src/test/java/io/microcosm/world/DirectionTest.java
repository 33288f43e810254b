package io.microcosm.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DirectionTest {

  @ParameterizedTest
  @CsvSource({
    "north, NORTH", "n, NORTH",
    "south, SOUTH", "s, SOUTH",
    "east, EAST", "e, EAST",
    "west, WEST", "w, WEST",
    "northeast, NORTHEAST", "ne, NORTHEAST",
    "northwest, NORTHWEST", "nw, NORTHWEST",
    "southeast, SOUTHEAST", "se, SOUTHEAST",
    "southwest, SOUTHWEST", "sw, SOUTHWEST",
    "up, UP", "u, UP",
    "down, DOWN", "d, DOWN",
    "in, IN",
    "out, OUT",
  })
  void parsesFullNamesAndAbbreviations(String text, Direction expected) {
    assertEquals(Optional.of(expected), Direction.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"NORTH", "North", "  n ", "\tNe\n", " Up"})
  void ignoresCaseAndSurroundingBlanks(String text) {
    assertTrue(Direction.parse(text).isPresent(), "'" + text + "'");
  }

  @Test
  void caseAndBlanksDoNotChangeWhichDirection() {
    assertEquals(Optional.of(Direction.NORTHEAST), Direction.parse("\tNe\n"));
    assertEquals(Optional.of(Direction.SOUTHWEST), Direction.parse(" SouthWest "));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "nor", "north east", "n e", "left", "x", "no", "upward"})
  void unknownTextIsEmpty(String text) {
    assertEquals(Optional.empty(), Direction.parse(text));
  }

  @ParameterizedTest
  @EnumSource(Direction.class)
  void oppositeIsAnInvolutionWithoutFixedPoints(Direction d) {
    assertEquals(d, d.opposite().opposite());
    assertNotEquals(d, d.opposite());
  }

  @Test
  void oppositesPairTheCompassPoints() {
    assertEquals(Direction.SOUTH, Direction.NORTH.opposite());
    assertEquals(Direction.WEST, Direction.EAST.opposite());
    assertEquals(Direction.SOUTHWEST, Direction.NORTHEAST.opposite());
    assertEquals(Direction.SOUTHEAST, Direction.NORTHWEST.opposite());
    assertEquals(Direction.DOWN, Direction.UP.opposite());
    assertEquals(Direction.OUT, Direction.IN.opposite());
  }

  @ParameterizedTest
  @EnumSource(Direction.class)
  void labelAndAbbreviationParseBack(Direction d) {
    assertEquals(Optional.of(d), Direction.parse(d.label()));
    assertEquals(Optional.of(d), Direction.parse(d.abbreviation()));
  }

  @Test
  void allowedValuesListsEveryLabel() {
    assertEquals("north, south, east, west, northeast, northwest, southeast, southwest, up, down, in, out",
        Direction.allowedValues());
  }
}
