package io.microcosm.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializers;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.entity.EntitySettings;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.rules.ItemStack;
import io.microcosm.testkit.TestWorlds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Old journals keep replaying after an event changed shape. The fixtures under
 * {@code src/test/resources/replay/} were written before {@link LocationEntity.ItemTaken} recorded
 * its tick (version 1): a journal of a short session in the test world "keep" (ann and bob join,
 * ann takes two coins and the gem, bob a coin, ann drops a coin), and one ItemTaken's bytes.
 */
class EventMigrationTest {

  /** How the fixture's ItemTaken was written: Akka's jackson-cbor serializer, manifest without a version. */
  private static final int JACKSON_CBOR = 33;
  private static final String V1_MANIFEST = "io.microcosm.location.LocationEntity$ItemTaken";

  @TempDir
  Path dataDir;

  @Test
  void an_item_taken_written_before_it_had_a_tick_reads_with_the_tick_unknown() throws IOException {
    try (JournalReader reader = fixtureReader()) {
      Serialization serialization = SerializationExtension.get(reader.system());
      Object old = serialization.deserialize(resource("replay/item-taken-v1.cbor"), JACKSON_CBOR, V1_MANIFEST).get();
      assertEquals(new LocationEntity.ItemTaken(7, UUID.fromString("6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e"), "ann", "gem",
          1, -1), old, "without the migration the tick would read as 0, a real tick");

      LocationEntity.ItemTaken current = new LocationEntity.ItemTaken(8, UUID.randomUUID(), "bob", "coin", 2, 1_234);
      var serializer = serialization.findSerializerFor(current);
      String manifest = Serializers.manifestFor(serializer, current);
      assertEquals(V1_MANIFEST + "#2", manifest, "new events say they are version 2");
      assertEquals(current, serialization.deserialize(serialization.serialize(current).get(), serializer.identifier(),
          manifest).get());
    }
  }

  @Test
  void a_journal_written_in_the_old_shape_replays_to_the_state_it_had() throws IOException {
    try (JournalReader reader = fixtureReader()) {
      List<JournalEvent> hallEvents = reader.eventsOf("Location|" + TestWorlds.HALL);
      List<JournalEvent> takes = hallEvents.stream().filter(e -> e.event() instanceof LocationEntity.ItemTaken).toList();
      assertEquals(3, takes.size());
      for (JournalEvent take : takes) {
        assertEquals(-1, ((LocationEntity.ItemTaken) take.event()).tick());
        assertTrue(take.tickFromWriteTime(), "an unknown tick comes from the write time: " + take);
      }

      EntityReplays replays = new EntityReplays(TestWorlds.keep(), EntitySettings.fromConfig(config()));
      LocationEntity.State hall = (LocationEntity.State) EntityState.rebuild(reader, replays,
          "Location|" + TestWorlds.HALL, new ReplayPoint.Latest()).state();
      assertEquals(10, hall.ground().quantity("coin"), "12 coins, 3 taken, 1 dropped");
      assertEquals(0, hall.ground().quantity("gem"));
      assertEquals(List.of("ann", "bob"), hall.occupants());
      PlayerEntity.State ann = (PlayerEntity.State) EntityState.rebuild(reader, replays, "Player|ann",
          new ReplayPoint.Latest()).state();
      assertEquals(List.of(new ItemStack("coin", 1), new ItemStack("gem", 1)),
          ann.inventory().asStacks().stream().sorted(java.util.Comparator.comparing(ItemStack::item)).toList());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = ReplayCli.run(List.of("check", "--quiet"), overrides(), TestWorlds.keep(),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertEquals(ReplayCli.OK, code, out.toString(StandardCharsets.UTF_8));
  }

  private JournalReader fixtureReader() throws IOException {
    Files.write(dataDir.resolve("microcosm.mv.db"), resource("replay/journal-v1/microcosm.mv.db"));
    return JournalReader.open(config(), new JournalReader.Options(false, 2, false), note -> { });
  }

  private Config overrides() {
    return ConfigFactory.parseMap(Map.of("microcosm.journal", "h2", "microcosm.data-dir", dataDir.toString()));
  }

  private Config config() {
    return MicrocosmConfig.load(overrides());
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = EventMigrationTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException(name + " is missing from the test classpath");
      }
      return in.readAllBytes();
    }
  }
}
