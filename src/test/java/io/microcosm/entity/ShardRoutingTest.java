package io.microcosm.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.cluster.sharding.typed.ShardingEnvelope;
import akka.cluster.sharding.typed.ShardingMessageExtractor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardRoutingTest {

  private static final Pattern PLAYER_SHARD = Pattern.compile("player-(\\d+)");

  private final ShardRouting routing = new ShardRouting(16);

  @Test
  void worldEntitiesShardByTheirZone() {
    assertEquals("vale", routing.shardId(EntityKind.LOCATION, "vale.square"));
    assertEquals("vale", routing.shardId(EntityKind.CREATURE, "vale.wolf.3"));
    assertEquals("vale", routing.shardId(EntityKind.ZONE, "vale"));
    assertEquals("mines", routing.shardId(EntityKind.NPC, "mines.old-miner"));
  }

  @Test
  void allOfOneZonesEntitiesShareOneShard() {
    Set<String> shards = new HashSet<>();
    shards.add(routing.shardId(EntityKind.ZONE, "vale"));
    for (String id : List.of("vale.square", "vale.tavern", "vale.forest-edge", "vale.tavern-loft")) {
      shards.add(routing.shardId(EntityKind.LOCATION, id));
    }
    shards.add(routing.shardId(EntityKind.NPC, "vale.innkeeper"));
    shards.add(routing.shardId(EntityKind.CREATURE, "vale.wolf.3"));
    assertEquals(Set.of("vale"), shards);
  }

  @Test
  void zoneOfTakesThePartBeforeTheFirstDot() {
    assertEquals("vale", ShardRouting.zoneOf("vale.wolf.3"));
    assertEquals("mines", ShardRouting.zoneOf("mines"));
    assertEquals("zone_2", ShardRouting.zoneOf("zone_2.x-y"));
  }

  @Test
  void playersShardByAStableHashWithinTheConfiguredCount() {
    int count = 16;
    Set<Integer> used = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String id = "player" + i;
      String shard = routing.shardId(EntityKind.PLAYER, id);
      Matcher m = PLAYER_SHARD.matcher(shard);
      assertTrue(m.matches(), shard);
      int n = Integer.parseInt(m.group(1));
      assertTrue(n >= 0 && n < count, shard);
      assertEquals(shard, new ShardRouting(count).shardId(EntityKind.PLAYER, id), "another node must agree");
      used.add(n);
    }
    // a hash that sent everyone to one shard would defeat the point of sharding
    assertTrue(used.size() > count / 2, "shards used: " + used);
  }

  @Test
  void hashShardIsTheFloorModOfTheSpecifiedStringHash() {
    // String.hashCode is fixed by the language spec; pinning it here catches a switch to an unstable hash
    String id = "Ælfrida the Bold";
    int expected = Math.floorMod(id.hashCode(), 7);
    assertEquals("player-" + expected, new ShardRouting(7).shardId(EntityKind.PLAYER, id));
    assertEquals("account-" + expected, new ShardRouting(7).shardId(EntityKind.ACCOUNT, id));
  }

  @Test
  void aNegativeHashStillGivesAShardInRange() {
    String id = "polygenelubricants";
    assertEquals(Integer.MIN_VALUE, id.hashCode());
    assertEquals("player-0", new ShardRouting(16).shardId(EntityKind.PLAYER, id));
    assertEquals("player-1", new ShardRouting(3).shardId(EntityKind.PLAYER, id));
  }

  @Test
  void playerIdsNeedNotBeWorldIds() {
    assertEquals("player-0", new ShardRouting(1).shardId(EntityKind.PLAYER, "Alice Smith"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Vale.square", "vale.", ".vale", "vale..square", "vale square", "1vale", "vale.Square", "vale/square"})
  void invalidWorldIdsAreRefusedWithAMessage(String id) {
    assertFalse(ShardRouting.isWorldId(id));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> routing.shardId(EntityKind.LOCATION, id));
    assertTrue(e.getMessage().contains("'" + id + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("not a world entity id"), e.getMessage());
  }

  @Test
  void nullIsNotAWorldId() {
    assertFalse(ShardRouting.isWorldId(null));
    assertThrows(IllegalArgumentException.class, () -> ShardRouting.zoneOf(null));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void aShardCountBelowOneIsRefused(int count) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShardRouting(count));
    assertTrue(e.getMessage().contains(String.valueOf(count)), e.getMessage());
  }

  @Test
  void extractorReadsTheEnvelopeAndPlacesByKind() {
    ShardingMessageExtractor<ShardingEnvelope<String>, String> locations = routing.extractor(EntityKind.LOCATION);
    ShardingEnvelope<String> envelope = new ShardingEnvelope<>("vale.square", "look");

    assertEquals("vale.square", locations.entityId(envelope));
    assertEquals("vale", locations.shardId("vale.square"));
    assertSame(envelope.message(), locations.unwrapMessage(envelope));

    ShardingMessageExtractor<ShardingEnvelope<String>, String> players = routing.extractor(EntityKind.PLAYER);
    assertEquals(routing.shardId(EntityKind.PLAYER, "alice"), players.shardId("alice"));
    assertTrue(PLAYER_SHARD.matcher(players.shardId("vale.square")).matches(), "players are never placed by zone");
    assertNotEquals("vale", players.shardId("vale.square"));
  }

  @Test
  void extractorRefusesAnInvalidWorldId() {
    ShardingMessageExtractor<ShardingEnvelope<String>, String> locations = routing.extractor(EntityKind.LOCATION);
    assertThrows(IllegalArgumentException.class, () -> locations.shardId("Not A Location"));
  }
}
