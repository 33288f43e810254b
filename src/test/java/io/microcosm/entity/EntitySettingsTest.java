package io.microcosm.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.persistence.typed.PersistenceId;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntitySettingsTest {

  private static final String VALID = """
      microcosm.entity {
        snapshot-every = 50
        keep-snapshots = 3
        dedup-window = 200
        tag-slices = 5
        ask-timeout = 750ms
        hash-shards = 12
      }
      """;

  private static EntitySettings settings(String hocon) {
    return EntitySettings.fromConfig(ConfigFactory.parseString(hocon));
  }

  /** The valid block with one key overridden. */
  private static Config validWith(String key, String value) {
    return ConfigFactory.parseString("microcosm.entity." + key + " = " + value)
        .withFallback(ConfigFactory.parseString(VALID));
  }

  @Test
  void readsEveryKey() {
    EntitySettings s = settings(VALID);
    assertEquals(new EntitySettings(50, 3, 200, 5, Duration.ofMillis(750), 12), s);
  }

  @Test
  void routingUsesTheConfiguredHashShards() {
    ShardRouting routing = settings(VALID).routing();
    for (int i = 0; i < 100; i++) {
      String shard = routing.shardId(EntityKind.PLAYER, "p" + i);
      assertEquals("player-" + Math.floorMod(("p" + i).hashCode(), 12), shard);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "snapshot-every, 0",
    "snapshot-every, -5",
    "keep-snapshots, 0",
    "dedup-window, -1",
    "tag-slices, 0",
    "hash-shards, 0",
    "hash-shards, -64",
  })
  void aCountBelowOneIsRefusedNamingTheKey(String key, int value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EntitySettings.fromConfig(validWith(key, String.valueOf(value))));
    assertTrue(e.getMessage().contains("microcosm.entity." + key), e.getMessage());
    assertTrue(e.getMessage().contains("was " + value), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"0s", "-1s"})
  void aNonPositiveAskTimeoutIsRefusedNamingTheKey(String value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EntitySettings.fromConfig(validWith("ask-timeout", value)));
    assertTrue(e.getMessage().contains("microcosm.entity.ask-timeout"), e.getMessage());
  }

  @Test
  void aMissingKeyIsReportedByName() {
    ConfigException.Missing e = assertThrows(ConfigException.Missing.class,
        () -> settings(VALID.replace("dedup-window = 200", "")));
    assertTrue(e.getMessage().contains("dedup-window"), e.getMessage());
  }

  @Test
  void tagsNameTheKindAndASliceWithinRange() {
    EntitySettings s = settings(VALID);
    Pattern tag = Pattern.compile("player-(\\d)");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      Set<String> tags = s.tagsFor(EntityKind.PLAYER, PersistenceId.of(EntityKind.PLAYER.typeName(), "player" + i));
      assertEquals(1, tags.size());
      String only = tags.iterator().next();
      Matcher m = tag.matcher(only);
      assertTrue(m.matches(), only);
      assertTrue(Integer.parseInt(m.group(1)) < 5, only);
      seen.add(only);
    }
    assertEquals(5, seen.size(), "200 ids should reach every slice: " + seen);
  }

  @Test
  void anEntityAlwaysGetsTheSameTag() {
    PersistenceId id = PersistenceId.of("Location", "vale.square");
    Set<String> first = settings(VALID).tagsFor(EntityKind.LOCATION, id);
    // projections read by tag, so a restarted node must compute the same one
    assertEquals(first, settings(VALID).tagsFor(EntityKind.LOCATION, PersistenceId.of("Location", "vale.square")));
    int slice = Math.floorMod("Location|vale.square".hashCode(), 5);
    assertEquals(Set.of("location-" + slice), first);
  }
}
