package io.microcosm.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorldLoaderTest {

  private static final String WORLD = """
      {"name": "tiny", "title": "Tiny", "start": "vale.square", "zones": ["vale"]}
      """;
  private static final String ITEMS = """
      {"items": [
        {"id": "apple", "name": "apple", "weight": 0.2, "stackLimit": 10},
        {"id": "rope", "name": "rope", "weight": 2}
      ]}
      """;
  private static final String SQUARE = """
      {"id": "vale.square", "name": "the square", "exits": {"north": "vale.well"}, "items": {"apple": 2}}
      """;
  private static final String WELL = """
      {"id": "vale.well", "name": "the well", "exits": {"south": {"to": "vale.square", "stamina": 2}}}
      """;

  @TempDir Path dir;

  /** Starts every test from a small valid world, so each broken case differs from it in one place. */
  @BeforeEach
  void writeValidWorld() {
    write("world.json", WORLD);
    write("items.json", ITEMS);
    writeZone("vale", SQUARE, WELL);
  }

  private void write(String relativePath, String text) {
    try {
      Path file = dir.resolve(relativePath);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeZone(String zone, String... locations) {
    write("zones/" + zone + ".json",
        "{\"id\": \"" + zone + "\", \"name\": \"" + zone + "\", \"locations\": [\n" + String.join(",\n", locations) + "]}");
  }

  private World load() {
    return WorldLoader.load("tiny", WorldSource.directory(dir));
  }

  private WorldValidationException loadFails() {
    return assertThrows(WorldValidationException.class, this::load);
  }

  /** Asserts that one reported problem names this file, entry and field, and that the message shows it. */
  private WorldProblem assertProblem(
      WorldValidationException e, String file, String entry, String field, String messagePart) {
    String path = dir.resolve(file).toString();
    for (WorldProblem p : e.problems()) {
      if (p.file().equals(path) && Objects.equals(p.entry(), entry) && Objects.equals(p.field(), field)
          && p.message().contains(messagePart)) {
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        return p;
      }
    }
    return fail("no problem in " + file + " / " + entry + " / " + field + " saying '" + messagePart + "' among:\n" + e.getMessage());
  }

  @Test
  void theShippedValeLoads() {
    World vale = WorldLoader.load("vale");

    assertEquals("vale", vale.name());
    assertEquals("The Vale", vale.title());
    assertEquals("vale.square", vale.start());
    assertTrue(vale.location(vale.start()).isPresent());
    assertEquals(List.of("vale", "mines", "wilds", "highlands"), List.copyOf(vale.zones().keySet()));
    assertEquals("The Old Mines", vale.zones().get("mines").name());
    assertEquals("mines", vale.location("mines.tunnel").orElseThrow().zone());
  }

  @Test
  void theShippedValeHasItsExits() {
    World vale = WorldLoader.load("vale");

    ExitDef east = vale.location("vale.forest-edge").orElseThrow().exits().get(Direction.EAST);
    assertEquals("mines.entrance", east.target());
    assertEquals(3, east.staminaCost());
    assertTrue(east.passable());

    ExitDef plain = vale.location("vale.square").orElseThrow().exits().get(Direction.NORTH);
    assertEquals("vale.forest-edge", plain.target());
    assertEquals(1, plain.staminaCost());

    ExitDef loft = vale.location("vale.tavern").orElseThrow().exits().get(Direction.UP);
    assertEquals("vale.tavern-loft", loft.target());
    assertEquals("The loft door is locked; the innkeeper keeps the key.", loft.locked());
    assertNull(loft.blocked());
    assertFalse(loft.passable());

    ExitDef fallenOak = vale.location("vale.forest-edge").orElseThrow().exits().get(Direction.NORTH);
    assertTrue(fallenOak.blocked().contains("fallen oak"));
    assertFalse(fallenOak.passable());
  }

  @Test
  void theShippedValeWeighsItemsInGrams() {
    World vale = WorldLoader.load("vale");

    assertEquals(200, vale.item("apple").orElseThrow().weightGrams());
    assertEquals(3500, vale.item("rusty-sword").orElseThrow().weightGrams());
    assertEquals(60_000, vale.item("anvil").orElseThrow().weightGrams());
    assertEquals(20, vale.item("copper-ore").orElseThrow().stackLimit());
    assertEquals(List.of("bread", "loaf"), vale.item("bread").orElseThrow().aliases());
    assertEquals("loaf of bread", vale.itemName("bread"));
    assertEquals("unobtainium", vale.itemName("unobtainium"));
    assertEquals(Map.of("apple", 5, "torch", 2), vale.location("vale.square").orElseThrow().items());
  }

  @Test
  void theShippedValeHasItsPlayerDefaults() {
    PlayerDefaults p = WorldLoader.load("vale").player();
    assertEquals(new PlayerDefaults(12, 25_000, 100, 30, 40, 6, 10, 3), p);
  }

  @Test
  void theSmallFixtureLoads() {
    World tiny = load();

    assertEquals("tiny", tiny.name());
    assertEquals(Map.of("apple", 2), tiny.location("vale.square").orElseThrow().items());
    assertEquals(2, tiny.location("vale.well").orElseThrow().exits().get(Direction.SOUTH).staminaCost());
    assertEquals(2000, tiny.item("rope").orElseThrow().weightGrams());
    assertEquals(1, tiny.item("rope").orElseThrow().stackLimit(), "stackLimit defaults to one per slot");
    assertEquals(ItemKind.MISC, tiny.item("rope").orElseThrow().kind());
  }

  @Test
  void aWorldWithoutTheGameplayFilesHasNoneOfTheirContent() {
    World tiny = load();

    assertEquals("vale.square", tiny.home(), "home defaults to the start");
    assertEquals(0L, tiny.seed());
    assertTrue(tiny.effects().isEmpty());
    assertTrue(tiny.nodes().isEmpty());
    assertTrue(tiny.stations().isEmpty());
    assertTrue(tiny.recipes().isEmpty());
    assertTrue(tiny.creatureKinds().isEmpty());
    assertTrue(tiny.creatures().isEmpty());
    assertEquals(List.of(), tiny.location("vale.square").orElseThrow().nodes());
  }

  @Test
  void theShippedValeCanBeWalkedEverywhereAndBack() {
    // the loft and the deep wood lie behind a locked and a blocked exit, but each has an open way too
    World vale = WorldLoader.load("vale");
    assertEquals("vale.tavern-loft", vale.location("vale.tavern-yard").orElseThrow().exits().get(Direction.UP).target());
    assertEquals("wilds.track", vale.location("vale.forest-edge").orElseThrow().exits().get(Direction.NORTHWEST).target());
    assertEquals("wilds.deep-wood", vale.location("wilds.clearing").orElseThrow().exits().get(Direction.EAST).target());
    assertEquals("vale.shrine", vale.home(), "the fallen wake at the shrine, not in the square");
  }

  @Test
  void anUnknownExitTargetIsNamed() {
    writeZone("vale", SQUARE.replace("\"north\": \"vale.well\"", "\"north\": \"vale.nowhere\""), WELL);
    WorldValidationException e = loadFails();
    assertProblem(e, "zones/vale.json", "location 'vale.square'", "exits.north", "'vale.nowhere'");
    assertEquals(1, e.problems().size(), e.getMessage());
  }

  @Test
  void anExitBackToItsOwnLocationIsRefused() {
    writeZone("vale", SQUARE, WELL.replace("\"to\": \"vale.square\"", "\"to\": \"vale.well\""));
    assertProblem(loadFails(), "zones/vale.json", "location 'vale.well'", "exits.south", "same location");
  }

  @Test
  void anExitObjectWithoutATargetIsRefused() {
    writeZone("vale", SQUARE, WELL.replace("\"to\": \"vale.square\", ", ""));
    assertProblem(loadFails(), "zones/vale.json", "location 'vale.well'", "exits.south.to", "is required");
  }

  @Test
  void aNegativeExitStaminaIsRefused() {
    writeZone("vale", SQUARE, WELL.replace("\"stamina\": 2", "\"stamina\": -1"));
    assertProblem(loadFails(), "zones/vale.json", "location 'vale.well'", "exits.south.stamina", "was -1");
  }

  @Test
  void aDuplicateLocationIdIsNamed() {
    writeZone("vale", SQUARE, WELL, WELL);
    WorldValidationException e = loadFails();
    assertProblem(e, "zones/vale.json", "location 'vale.well'", "id", "duplicate location id 'vale.well'");
    assertEquals(1, e.problems().size(), e.getMessage());
  }

  @Test
  void aDuplicateItemIdIsNamed() {
    write("items.json", ITEMS.replace("\"id\": \"rope\"", "\"id\": \"apple\""));
    assertProblem(loadFails(), "items.json", "item 'apple'", "id", "duplicate item id 'apple'");
  }

  @Test
  void aNegativeWeightIsRefused() {
    write("items.json", ITEMS.replace("\"weight\": 2", "\"weight\": -2"));
    assertProblem(loadFails(), "items.json", "item 'rope'", "weight", "must not be negative");
  }

  @Test
  void aMissingWeightIsRefused() {
    write("items.json", ITEMS.replace(", \"weight\": 2", ""));
    assertProblem(loadFails(), "items.json", "item 'rope'", "weight", "is required");
  }

  @Test
  void aStackLimitOfZeroIsRefused() {
    write("items.json", ITEMS.replace("\"stackLimit\": 10", "\"stackLimit\": 0"));
    assertProblem(loadFails(), "items.json", "item 'apple'", "stackLimit", "was 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sideways", "n", "North"})
  void anUnknownDirectionKeyIsRefusedListingTheAllowedOnes(String key) {
    // data files spell directions out in lower case; abbreviations are for players typing
    writeZone("vale", SQUARE.replace("\"north\":", "\"" + key + "\":"), WELL);
    WorldProblem p = assertProblem(loadFails(), "zones/vale.json", "location 'vale.square'", "exits." + key, "'" + key + "'");
    assertTrue(p.message().contains(Direction.allowedValues()), p.message());
  }

  @Test
  void anUnknownItemOnTheGroundIsNamed() {
    writeZone("vale", SQUARE.replace("\"apple\": 2", "\"pear\": 2"), WELL);
    assertProblem(loadFails(), "zones/vale.json", "location 'vale.square'", "items.pear", "unknown item 'pear'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "\"two\""})
  void anItemCountBelowOneIsRefused(String count) {
    writeZone("vale", SQUARE.replace("\"apple\": 2", "\"apple\": " + count), WELL);
    assertProblem(loadFails(), "zones/vale.json", "location 'vale.square'", "items.apple", "count must be a whole number >= 1");
  }

  @Test
  void aLocationIdOutsideItsZoneIsRefusedWithTheExpectedId() {
    writeZone("vale", SQUARE, WELL.replace("\"id\": \"vale.well\"", "\"id\": \"mines.well\""));
    assertProblem(loadFails(), "zones/vale.json", "location 'mines.well'", "id", "must start with the zone, as 'vale.well'");
  }

  @Test
  void aLocationIdWithoutAZoneIsRefusedWithTheExpectedId() {
    writeZone("vale", SQUARE, WELL.replace("\"id\": \"vale.well\"", "\"id\": \"well\""));
    assertProblem(loadFails(), "zones/vale.json", "location 'well'", "id", "as 'vale.well'");
  }

  @Test
  void aMalformedLocationIdIsRefused() {
    writeZone("vale", SQUARE, WELL.replace("\"id\": \"vale.well\"", "\"id\": \"Vale Well\""));
    assertProblem(loadFails(), "zones/vale.json", "location 'Vale Well'", "id", "not a valid id");
  }

  @Test
  void aMissingStartIsRequired() {
    write("world.json", WORLD.replace("\"start\": \"vale.square\", ", ""));
    assertProblem(loadFails(), "world.json", null, "start", "is required");
  }

  @Test
  void aStartThatIsNoLocationIsNamed() {
    write("world.json", WORLD.replace("\"start\": \"vale.square\"", "\"start\": \"vale.castle\""));
    assertProblem(loadFails(), "world.json", null, "start", "unknown location 'vale.castle'");
  }

  @Test
  void aWorldLoadedUnderAnotherNameIsRefused() {
    WorldValidationException e =
        assertThrows(WorldValidationException.class, () -> WorldLoader.load("other", WorldSource.directory(dir)));
    assertTrue(e.getMessage().startsWith("World 'other' has 1 problem:"), e.getMessage());
    assertProblem(e, "world.json", null, "name", "'tiny'");
  }

  @Test
  void invalidJsonIsReportedWithItsLine() {
    write("zones/vale.json", """
        {"id": "vale",
         "name": "vale",
         "locations": [ {"id": "vale.square",, "name": "the square"} ]}
        """);
    WorldProblem p = assertProblem(loadFails(), "zones/vale.json", null, null, "not valid JSON");
    assertTrue(p.message().contains("line 3"), p.message());
  }

  @Test
  void aWorldFileThatIsNotAnObjectIsRefused() {
    write("world.json", "[\"vale\"]");
    WorldValidationException e = loadFails();
    assertProblem(e, "world.json", null, null, "must contain a JSON object");
    assertEquals(1, e.problems().size());
  }

  @Test
  void aMissingZoneFileIsNamed() {
    write("world.json", WORLD.replace("[\"vale\"]", "[\"vale\", \"mines\"]"));
    assertProblem(loadFails(), "zones/mines.json", null, null, "file not found");
  }

  @Test
  void aMissingWorldFileIsNamed() throws IOException {
    Files.delete(dir.resolve("world.json"));
    assertProblem(loadFails(), "world.json", null, null, "file not found");
  }

  @Test
  void aZoneListedTwiceIsNamed() {
    write("world.json", WORLD.replace("[\"vale\"]", "[\"vale\", \"vale\"]"));
    assertProblem(loadFails(), "world.json", null, "zones", "zone 'vale' is listed twice");
  }

  @Test
  void aZoneFileMustCarryItsOwnId() {
    write("zones/vale.json", "{\"id\": \"dale\", \"name\": \"vale\", \"locations\": [" + SQUARE + "," + WELL + "]}");
    assertProblem(loadFails(), "zones/vale.json", "zone 'vale'", "id", "'dale'");
  }

  @Test
  void everyProblemIsReportedNotOnlyTheFirst() {
    write("world.json", WORLD.replace("[\"vale\"]", "[\"vale\", \"mines\"]"));
    write("items.json", ITEMS.replace("\"weight\": 2", "\"weight\": -2").replace("\"stackLimit\": 10", "\"stackLimit\": 0"));
    writeZone("vale",
        SQUARE.replace("\"north\": \"vale.well\"", "\"north\": \"vale.nowhere\"").replace("\"apple\": 2", "\"pear\": 1"),
        WELL);

    WorldValidationException e = loadFails();

    assertProblem(e, "zones/mines.json", null, null, "file not found");
    assertProblem(e, "items.json", "item 'rope'", "weight", "must not be negative");
    assertProblem(e, "items.json", "item 'apple'", "stackLimit", "was 0");
    assertProblem(e, "zones/vale.json", "location 'vale.square'", "items.pear", "unknown item");
    assertProblem(e, "zones/vale.json", "location 'vale.square'", "exits.north", "'vale.nowhere'");
    assertEquals(5, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().startsWith("World 'tiny' has 5 problems:"), e.getMessage());
  }
}
