package io.microcosm.readside;

import static io.microcosm.testkit.CampWorld.CLEARING;
import static io.microcosm.testkit.CampWorld.DEN;
import static io.microcosm.testkit.CampWorld.MINE;
import static io.microcosm.testkit.CampWorld.RAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorSystem;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.readside.ReadModelQueries.PlaceView;
import io.microcosm.readside.ReadModelStore.FeedEntry;
import io.microcosm.rules.ItemStack;
import io.microcosm.testkit.CampWorld;
import io.microcosm.testkit.SingleNode;
import io.microcosm.testkit.WorldAsks;
import io.microcosm.world.World;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the read side must do on every store: a whole node (single-node cluster, sharding, the
 * store's journal and projections) plays a scripted session in the camp world, and the read models
 * must then say what the entities themselves say. A second test stops the node while its
 * projections are in the middle of the stream and starts a new one on the same store: the read
 * models come out the same, with nothing applied twice and nothing missed.
 */
abstract class ReadSideContract {

  /** Patient: on a busy machine a node just started takes a while to answer its first commands. */
  static final Duration TIMEOUT = Duration.ofSeconds(40);
  private final World world = CampWorld.create();
  /** The world's tick, moved by hand, so creatures stay dead and nodes stay as gathered. */
  private final AtomicLong tick = new AtomicLong(1_000);
  private ActorSystem<Void> system;
  private final WorldAsks asks = new WorldAsks(() -> system, TIMEOUT);

  /** Configuration selecting the store under test; the same value must reach the same data. */
  abstract Config storeConfig();

  /** How long the read models may take to catch up on this store. */
  abstract Duration catchUp();

  /** Events per projection step: several (grouped) unless a subclass tries another way. */
  int batchSize() {
    return 3;
  }

  private Config config() {
    return MicrocosmConfig.load(ConfigFactory.parseString("""
        akka.remote.artery.canonical.port = 0
        akka.coordinated-shutdown.exit-jvm = off
        akka.loglevel = WARNING
        microcosm.entity.snapshot-every = 5
        microcosm.entity.ask-timeout = 10s
        microcosm.auth.jwt-secret = "a-test-secret-that-is-long-enough-for-hs256"
        microcosm.readside.start-delay = 200ms
        microcosm.readside.batch-within = 50ms
        microcosm.readside.feed.rare-loot-percent = 100
        akka.projection.restart-backoff.min-backoff = 200ms
        akka.projection.restart-backoff.max-backoff = 1s
        jdbc-read-journal.refresh-interval = 100ms
        """).withFallback(ConfigFactory.parseMap(Map.of("microcosm.readside.batch-size", batchSize())))
        .withFallback(storeConfig()));
  }

  @AfterEach
  void tearDown() {
    system = SingleNode.stop(system);
  }

  // ---- the tests ----

  @Test
  void the_read_models_say_what_the_entities_say_after_a_scripted_session() throws Exception {
    system = SingleNode.startUp(config(), world, tick::get, TIMEOUT);
    Expected expected = playSession();
    awaitReadModels(expected);

    ReadModelQueries q = queries();
    ReadModelQueries.Leaderboard byExp = asks.await(q.leaderboard("exp", 10));
    assertEquals("ann", byExp.entries().get(0).name(), "the crafter leads by experience: " + byExp);
    assertEquals(2, byExp.entries().get(0).level());
    assertEquals("bob", asks.await(q.leaderboard("kills", 1)).entries().get(0).name());
    assertEquals(1, asks.await(q.leaderboard("kills", 1)).entries().size(), "the limit is kept");
    PlaceView den = asks.await(q.presence(Optional.empty(), Optional.of(DEN))).locations().get(0);
    assertEquals(List.of("camp.troll.1", "camp.wolf.1"), den.creatures().stream().map(c -> c.id()).toList());
    assertTrue(asks.await(q.presence(Optional.empty(), Optional.of(CLEARING))).locations().get(0).creatures().isEmpty(),
        "the rat is dead until its respawn tick");
    tick.addAndGet(60);
    assertEquals(List.of(RAT), asks.await(q.presence(Optional.empty(), Optional.of(CLEARING))).locations().get(0).creatures()
        .stream().map(c -> c.id()).toList(), "and back after it");

    List<FeedEntry> all = asks.await(q.feed(Optional.empty(), 100)).entries();
    FeedEntry first = all.get(0);
    ReadModelQueries.Feed after = asks.await(q.feed(Optional.of(first.at() - 1), 100));
    assertEquals(all, after.entries(), "since just before the first entry gives them all, oldest first");
    assertTrue(asks.await(q.feed(Optional.of(after.next()), 100)).entries().isEmpty(), "nothing after the last");
  }

  @Test
  void stopped_in_the_middle_of_the_stream_it_resumes_with_no_duplicates_and_no_gaps() throws Exception {
    system = SingleNode.startUp(config(), world, tick::get, TIMEOUT);
    Set<String> seenBeforeStop = ConcurrentHashMap.newKeySet();
    // A slow read side: each batch takes a while after its rows are written, so the node stops
    // while the projections are behind and some batches are written but not yet acknowledged.
    ReadSide.get(system).addListener((tag, envelopes) -> {
      envelopes.forEach(e -> seenBeforeStop.add(e.persistenceId() + "#" + e.sequenceNr()));
      sleep(500);
    });
    Expected expected = playSession();
    TestProbe.create(system).awaitAssert(catchUp(), Duration.ofMillis(20), () -> {
      assertFalse(seenBeforeStop.isEmpty(), "the projections have begun");
      return null;
    });
    system = SingleNode.stop(system);
    assertFalse(seenBeforeStop.isEmpty(), "the projections had begun before the stop");

    system = SingleNode.startUp(config(), world, tick::get, TIMEOUT);
    Set<String> seenAfterRestart = ConcurrentHashMap.newKeySet();
    ReadSide.get(system).addListener((tag, envelopes) ->
        envelopes.forEach(e -> seenAfterRestart.add(e.persistenceId() + "#" + e.sequenceNr())));
    awaitReadModels(expected);
    assertFalse(seenAfterRestart.isEmpty(),
        "events were still to be projected when the node stopped (" + seenBeforeStop.size() + " seen before)");
    Set<String> seen = new java.util.HashSet<>(seenBeforeStop);
    seen.addAll(seenAfterRestart);
    assertTrue(seen.size() > seenBeforeStop.size(), "the new node went on where the old one stopped");
    system = SingleNode.stop(system);

    // Telemetry counted what the projections saw (at least once), one JSON line per tick.
    Path file = ReadSideSettings.fromConfig(config()).telemetry().file();
    long counted = 0;
    ObjectMapper json = new ObjectMapper();
    try (Stream<String> lines = Files.lines(file)) {
      for (String line : lines.toList()) {
        JsonNode node = json.readTree(line);
        assertTrue(node.has("tick") && node.has("byType") && node.has("lagMillis"), line);
        counted += node.path("events").asLong();
      }
    }
    assertTrue(counted >= seen.size(), "telemetry counted " + counted + " events of " + seen.size());
  }

  // ---- the session ----

  /** What the entities say after the session, which the read models must say too. */
  private record Expected(
      Map<String, PlayerEntity.StatusView> players, Map<String, Long> kills, Map<String, Long> crafts,
      Map<String, Long> gathered, Map<String, List<ItemStack>> ground, List<String> feed) {}

  /**
   * ann crafts two swords from granted ore (a level) and mines copper; bob kills the rat (its pelt
   * counts as rare here) and leaves a buckler in the mine; cy picks up a cap, and the troll kills cy
   * in the den, where the cap stays.
   */
  private Expected playSession() {
    for (String who : List.of("ann", "bob", "cy")) {
      assertInstanceOf(PlayerEntity.Joined.class, asks.<PlayerEntity.Command, PlayerEntity.JoinReply>ask(asks.player(who), r -> new PlayerEntity.Join(WorldAsks.meta(who), r)));
    }
    assertInstanceOf(PlayerEntity.Taken.class,
        asks.<PlayerEntity.Command, PlayerEntity.TakeReply>ask(asks.player("ann"), r -> new PlayerEntity.Grant(WorldAsks.meta("ann"), "copper-ore", 4, r)));
    for (int i = 0; i < 2; i++) {
      assertInstanceOf(PlayerEntity.Crafted.class,
          asks.<PlayerEntity.Command, PlayerEntity.CraftReply>ask(asks.player("ann"), r -> new PlayerEntity.Craft(WorldAsks.meta("ann"), "copper-sword", 1, r)));
    }
    take("ann", "pickaxe");
    move("ann", "north");
    PlayerEntity.Gathered ore = assertInstanceOf(PlayerEntity.Gathered.class,
        asks.<PlayerEntity.Command, PlayerEntity.GatherReply>ask(asks.player("ann"), r -> new PlayerEntity.Gather(WorldAsks.meta("ann"), "copper-vein", r)));

    PlayerEntity.Fought ratFight = attack("bob", RAT);
    for (int i = 0; i < 20 && !ratFight.killed(); i++) {
      ratFight = attack("bob", RAT);
    }
    assertTrue(ratFight.killed(), "a rat with 1 HP falls at the first blow that hits");
    take("bob", "buckler");
    move("bob", "north");
    assertInstanceOf(PlayerEntity.Dropped.class,
        asks.<PlayerEntity.Command, PlayerEntity.DropReply>ask(asks.player("bob"), r -> new PlayerEntity.Drop(WorldAsks.meta("bob"), "buckler", 1, r)));

    take("cy", "cap");
    move("cy", "east");
    PlayerEntity.Fought fatal = null;
    for (int i = 0; i < 30 && (fatal == null || fatal.death() == null); i++) {
      fatal = attack("cy", "troll");
    }
    assertNotNull(fatal.death(), "the troll kills cy");

    Map<String, PlayerEntity.StatusView> players = new TreeMap<>();
    for (String who : List.of("ann", "bob", "cy")) {
      players.put(who, asks.<PlayerEntity.Command, PlayerEntity.StatusView>ask(asks.player(who), r -> new PlayerEntity.ShowStatus(WorldAsks.meta(who), r)));
    }
    assertEquals(2, players.get("ann").level());
    // The pack of the fallen reaches the ground a moment after the death is recorded.
    Map<String, List<ItemStack>> ground = new TreeMap<>();
    akka.actor.testkit.typed.javadsl.TestProbe.create(system).awaitAssert(Duration.ofSeconds(10), () -> {
      for (String id : List.of(CLEARING, MINE, DEN)) {
        LocationEntity.LookReply reply = asks.ask(ClusterSharding.get(system).entityRefFor(LocationEntity.ENTITY_KEY, id),
            r -> new LocationEntity.Look(WorldAsks.meta("test"), r));
        List<ItemStack> items = new ArrayList<>(((LocationEntity.Seen) reply).view().items());
        items.sort(java.util.Comparator.comparing(ItemStack::item));
        ground.put(id, items);
      }
      assertTrue(ground.get(DEN).contains(new ItemStack("cap", 1)), "cy's cap lies where cy fell: " + ground);
      return null;
    });
    return new Expected(players, Map.of("ann", 0L, "bob", 1L, "cy", 0L), Map.of("ann", 2L, "bob", 0L, "cy", 0L),
        Map.of("ann", (long) ore.quantity(), "bob", 0L, "cy", 0L), ground,
        List.of("death cy", "level_up ann 2", "rare_loot bob pelt"));
  }

  /** Waits until the read models say exactly what the entities said. */
  private void awaitReadModels(Expected expected) {
    TestProbe.create(system).awaitAssert(catchUp(), Duration.ofMillis(250), () -> {
      ReadModelQueries q = queries();
      Map<String, ReadModelQueries.Rank> ranks = new TreeMap<>();
      for (ReadModelQueries.Rank r : asks.await(q.leaderboard("exp", 100)).entries()) {
        ranks.put(r.name(), r);
      }
      assertEquals(expected.players().keySet(), ranks.keySet(), "every player is on the leaderboard once");
      ReadModelQueries.Presence presence = asks.await(q.presence(Optional.of("camp"), Optional.empty()));
      for (var e : expected.players().entrySet()) {
        String who = e.getKey();
        PlayerEntity.StatusView status = e.getValue();
        ReadModelQueries.Rank rank = ranks.get(who);
        assertEquals(status.exp(), rank.exp(), who + "'s experience");
        assertEquals(status.level(), rank.level(), who + "'s level");
        assertEquals(status.deaths(), rank.deaths(), who + "'s deaths");
        assertEquals(expected.kills().get(who), rank.kills(), who + "'s kills");
        assertEquals(expected.crafts().get(who), rank.crafts(), who + "'s crafts");
        assertEquals(expected.gathered().get(who), rank.gathered(), who + "'s units gathered");
        List<String> whereSeen = presence.locations().stream().filter(l -> l.players().contains(who)).map(PlaceView::id)
            .toList();
        assertEquals(List.of(status.location()), whereSeen, who + " is in one place, the right one");
      }
      for (PlaceView place : presence.locations()) {
        assertEquals(expected.ground().get(place.id()), place.items(), "the ground of " + place.id());
      }
      List<String> feed = new ArrayList<>();
      for (FeedEntry f : asks.await(q.feed(Optional.empty(), 100)).entries()) {
        feed.add(f.type() + " " + f.player() + (f.type().equals("level_up") ? " " + f.amount() : "")
            + (f.type().equals("rare_loot") ? " " + f.subject() : ""));
      }
      feed.sort(null);
      assertEquals(expected.feed(), feed, "the feed notes each notable event once");
      return null;
    });
  }

  // ---- plumbing ----

  private ReadModelQueries queries() {
    return ReadSide.get(system).queries().orElseThrow(() -> new AssertionError(ReadSide.get(system).unavailableReason()));
  }

  private void take(String who, String item) {
    assertInstanceOf(PlayerEntity.Taken.class, asks.<PlayerEntity.Command, PlayerEntity.TakeReply>ask(asks.player(who), r -> new PlayerEntity.Take(WorldAsks.meta(who), item, 1, r)));
  }

  private void move(String who, String direction) {
    assertInstanceOf(PlayerEntity.Arrived.class, asks.<PlayerEntity.Command, PlayerEntity.MoveReply>ask(asks.player(who), r -> new PlayerEntity.Move(WorldAsks.meta(who), direction, r)));
  }

  private PlayerEntity.Fought attack(String who, String target) {
    return assertInstanceOf(PlayerEntity.Fought.class,
        asks.<PlayerEntity.Command, PlayerEntity.AttackReply>ask(asks.player(who), r -> new PlayerEntity.Attack(WorldAsks.meta(who), target, r)));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
