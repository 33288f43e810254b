package io.microcosm.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorSystem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.entity.EntityKind;
import io.microcosm.entity.EntitySettings;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.rules.ItemStack;
import io.microcosm.testkit.CampWorld;
import io.microcosm.testkit.SingleNode;
import io.microcosm.testkit.TestWorlds;
import io.microcosm.testkit.WorldAsks;
import io.microcosm.world.World;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The replay tool against a real store: a whole node is started and played, and the journal it
 * wrote is read back (while the node still runs) through Akka Persistence Query.
 */
abstract class ReplayContract {

  static final Duration TIMEOUT = Duration.ofSeconds(20);
  private final AtomicLong tick = new AtomicLong(1_000);
  private ActorSystem<Void> system;
  private final WorldAsks asks = new WorldAsks(() -> system, TIMEOUT);
  private Config storeConfig;
  private World world;

  /** Configuration selecting a fresh, empty store for one test. */
  abstract Config freshStore();

  private Config config() {
    return MicrocosmConfig.load(overrides());
  }

  private Config overrides() {
    return ConfigFactory.parseString("""
        akka.remote.artery.canonical.port = 0
        akka.coordinated-shutdown.exit-jvm = off
        akka.loglevel = WARNING
        microcosm.entity.snapshot-every = 5
        microcosm.entity.ask-timeout = 10s
        microcosm.auth.jwt-secret = "a-test-secret-that-is-long-enough-for-hs256"
        # The scripted journals hold what the players did, not the weather the zones would record.
        microcosm.clock.enabled = off
        """).withFallback(storeConfig);
  }

  private void start(World world) {
    this.world = world;
    storeConfig = freshStore();
    system = SingleNode.startUp(config(), world, tick::get, TIMEOUT);
    // A fresh Cassandra keyspace creates its tables on first use, which may outlast an ask: one
    // character joins (and retries) until the store answers, before the test's own commands.
    TestProbe.create(system).awaitAssert(Duration.ofMinutes(2), Duration.ofSeconds(1), () -> {
      assertInstanceOf(PlayerEntity.Joined.class, asks.join(WARDEN), "the store answers");
      return null;
    });
  }

  /** The character that checks the store is ready; it joins at the start and does nothing else. */
  private static final String WARDEN = "warden";

  @AfterEach
  void stop() {
    system = SingleNode.stop(system);
  }

  // ---- timeline -----------------------------------------------------------------------------------

  @Test
  void the_timeline_of_two_players_reaching_for_the_last_gem_follows_causality() {
    start(TestWorlds.keep());
    asks.join("eve");
    asks.join("fay");
    CompletionStage<PlayerEntity.TakeReply> eve = asks.player("eve").ask(r -> new PlayerEntity.Take(WorldAsks.meta("eve"), "gem", 1, r), TIMEOUT);
    CompletionStage<PlayerEntity.TakeReply> fay = asks.player("fay").ask(r -> new PlayerEntity.Take(WorldAsks.meta("fay"), "gem", 1, r), TIMEOUT);
    PlayerEntity.TakeReply eveSays = asks.await(eve);
    PlayerEntity.TakeReply faySays = asks.await(fay);
    String winner = eveSays instanceof PlayerEntity.Taken ? "eve" : "fay";
    String loser = winner.equals("eve") ? "fay" : "eve";
    assertInstanceOf(PlayerEntity.Rejected.class, winner.equals("eve") ? faySays : eveSays);

    List<JournalEvent> timeline;
    try (JournalReader reader = reader()) {
      timeline = Timeline.read(reader, pid -> true);
    }
    assertCausal(timeline);
    List<JournalEvent> gemTaken = timeline.stream()
        .filter(e -> e.event() instanceof LocationEntity.ItemTaken t && t.item().equals("gem")).toList();
    assertEquals(1, gemTaken.size(), "the hall granted the gem once: " + gemTaken);
    JournalEvent grant = gemTaken.get(0);
    assertEquals(winner, ((LocationEntity.ItemTaken) grant.event()).taker());
    List<JournalEvent> received = timeline.stream()
        .filter(e -> e.event() instanceof PlayerEntity.ItemReceived r && r.item().equals("gem")).toList();
    assertEquals(1, received.size(), "one player received the gem: " + received);
    JournalEvent receipt = received.get(0);
    assertEquals("Player|" + winner, receipt.persistenceId());
    assertEquals(grant.commandId(), receipt.commandId());
    assertTrue(timeline.indexOf(grant) < timeline.indexOf(receipt), "the grant comes before its receipt");
    assertTrue(grant.lamport() < receipt.lamport());
    assertTrue(timeline.stream().noneMatch(e -> e.persistenceId().equals("Player|" + loser)
        && e.event() instanceof PlayerEntity.ItemReceived), "the loser received nothing");

    // The command line prints the same order as JSON lines.
    Output out = cli("timeline", "--json");
    assertEquals(ReplayCli.OK, out.code, out.err);
    List<String> lines = out.out.lines().toList();
    assertEquals(timeline.size(), lines.size());
    for (int i = 0; i < lines.size(); i++) {
      JsonNode line = json(lines.get(i));
      assertEquals(timeline.get(i).persistenceId(), line.get("entity").asText());
      assertEquals(timeline.get(i).seqNr(), line.get("seq").asLong());
    }
    Output hall = cli("timeline", "--entity", "Location|" + TestWorlds.HALL);
    assertEquals(ReplayCli.OK, hall.code, hall.err);
    assertTrue(hall.out.contains("ItemTaken") && hall.out.contains("taker=" + winner), hall.out);
    assertFalse(hall.out.contains("Player|"), "only the hall's events: " + hall.out);
  }

  /** Each entity's events in their journal order, and every effect after the cause it names. */
  private static void assertCausal(List<JournalEvent> timeline) {
    Map<String, Long> lastSeq = new HashMap<>();
    Map<UUID, Integer> firstOfCommand = new HashMap<>();
    long lastLamport = Long.MIN_VALUE;
    for (int i = 0; i < timeline.size(); i++) {
      JournalEvent e = timeline.get(i);
      assertTrue(e.lamport() >= lastLamport, "lamport order at " + e);
      lastLamport = e.lamport();
      Long before = lastSeq.put(e.persistenceId(), e.seqNr());
      assertTrue(before == null || before < e.seqNr(), "journal order within " + e.persistenceId());
      firstOfCommand.putIfAbsent(e.commandId(), i);
    }
    assertFalse(timeline.isEmpty());
  }

  // ---- state at a point ---------------------------------------------------------------------------

  @Test
  void the_state_rebuilt_at_a_point_matches_the_live_state_captured_then() throws Exception {
    start(TestWorlds.keep());
    tick.set(1_000);
    asks.join("ann");
    asks.take("ann", "coin", 4);
    PlayerEntity.Taken lastTake = (PlayerEntity.Taken) asks.take("ann", "pebble", 3);
    PlayerEntity.InventoryView inventoryThen = asks.inventory("ann");
    PlayerEntity.StatusView statusThen = asks.status("ann");
    LocationEntity.LocationView hallThen = asks.look(TestWorlds.HALL);
    Thread.sleep(20);
    Instant then = Instant.now();
    Thread.sleep(20);

    tick.set(1_010);
    asks.move("ann", "north");
    asks.drop("ann", "pebble", 2);
    asks.take("ann", "pebble", 1);
    PlayerEntity.InventoryView inventoryNow = asks.inventory("ann");
    PlayerEntity.StatusView statusNow = asks.status("ann");

    EntityReplays replays = new EntityReplays(world, EntitySettings.fromConfig(config()));
    try (JournalReader reader = reader()) {
      for (ReplayPoint at : List.of(new ReplayPoint.AtLamport(lastTake.lamport()), new ReplayPoint.AtTick(1_000),
          new ReplayPoint.AtTime(then))) {
        EntityState.Rebuilt rebuilt = EntityState.rebuild(reader, replays, "Player|ann", at);
        assertPlayerMatches(inventoryThen, statusThen, (PlayerEntity.State) rebuilt.state(), at.toString());
        assertEquals(3, rebuilt.applied(), "joined and took twice, at " + at);
      }
      EntityState.Rebuilt latest = EntityState.rebuild(reader, replays, "Player|ann", new ReplayPoint.Latest());
      assertPlayerMatches(inventoryNow, statusNow, (PlayerEntity.State) latest.state(), "latest");
      EntityState.Rebuilt hall = EntityState.rebuild(reader, replays, "Location|" + TestWorlds.HALL,
          new ReplayPoint.AtTime(then));
      LocationEntity.State hallState = (LocationEntity.State) hall.state();
      assertEquals(sorted(hallThen.items()), sorted(hallState.ground().asStacks()));
      // A view names the latest arrivals first; the state keeps them in order of arrival.
      assertEquals(hallThen.occupants().stream().sorted().toList(), hallState.occupants().stream().sorted().toList());
    }

    Output out = cli("state", "--entity", "ann", "--at", "tick:1000", "--json");
    assertEquals(ReplayCli.OK, out.code, out.err);
    JsonNode state = json(out.out).get("state");
    assertEquals(TestWorlds.HALL, state.get("location").asText());
    assertEquals(4, state.get("inventory").get("stacks").get("coin").asInt());
    assertEquals(3, state.get("inventory").get("stacks").get("pebble").asInt());
    Output text = cli("state", "--entity", "Player|ann");
    assertEquals(ReplayCli.OK, text.code, text.err);
    assertTrue(text.out.startsWith("Player|ann at its latest event: 6 of 6 events applied"), text.out);
  }

  private static void assertPlayerMatches(
      PlayerEntity.InventoryView inventory, PlayerEntity.StatusView status, PlayerEntity.State state, String at) {
    assertEquals(sorted(inventory.items()), sorted(state.inventory().asStacks()), "inventory at " + at);
    assertEquals(status.location(), state.location(), "location at " + at);
    assertEquals(status.exp(), state.exp(), "experience at " + at);
    assertEquals(status.hp(), state.vitals().hp(), "hit points at " + at);
    assertEquals(status.sp(), state.vitals().sp(), "stamina at " + at);
    assertEquals(status.equipped(), state.equipment().slots(), "equipment at " + at);
  }

  private static List<ItemStack> sorted(List<ItemStack> stacks) {
    return stacks.stream().sorted(java.util.Comparator.comparing(ItemStack::item)).toList();
  }

  // ---- check --------------------------------------------------------------------------------------

  @Test
  void check_passes_on_a_journal_the_game_wrote_and_fails_naming_what_a_broken_one_breaks() {
    start(CampWorld.create());
    playEveryProtocol("ann");

    Output ok = cli("check");
    assertEquals(ReplayCli.OK, ok.code, ok.out + ok.err);
    assertTrue(ok.out.contains("OK: every invariant holds."), ok.out);
    for (String protocol : List.of("take", "gather", "drop", "death-drop", "attack", "loot", "fell")) {
      assertTrue(ok.out.lines().anyMatch(l -> l.trim().startsWith(protocol + " ")), protocol + " was checked: " + ok.out);
    }

    // A receipt whose grant no location ever persisted, and an operator's gift applied twice.
    EntitySettings settings = EntitySettings.fromConfig(config());
    UUID orphan = UUID.randomUUID();
    UUID twice = UUID.randomUUID();
    asks.await(JournalWriter.append(system, settings, EntityKind.PLAYER, "mallory", List.of(
        new PlayerEntity.EnteredWorld(1, UUID.randomUUID(), CampWorld.CLEARING, 1_000),
        new PlayerEntity.ItemReceived(2, orphan, "herb", 5, CampWorld.CLEARING, 1_000),
        new PlayerEntity.ItemReceived(3, twice, "pelt", 1, null, 1_000),
        new PlayerEntity.ItemReceived(4, twice, "pelt", 1, null, 1_000))));
    Output broken = cli("check");
    assertEquals(ReplayCli.CHECK_FAILED, broken.code, broken.out + broken.err);
    assertTrue(broken.out.contains("ORPHAN_RECEIPT commandId=" + orphan), broken.out);
    assertTrue(broken.out.contains("DUPLICATE_COMMAND commandId=" + twice), broken.out);
    assertTrue(broken.out.contains("FAILED"), broken.out);
  }

  @Test
  void a_grant_without_its_receipt_is_reported_pending_and_fails_only_a_strict_check() {
    start(CampWorld.create());
    asks.join("ann");
    EntitySettings settings = EntitySettings.fromConfig(config());
    UUID granted = UUID.randomUUID();
    // The mine granted ann a unit of copper ore, and ann's node crashed before ann recorded it.
    asks.await(JournalWriter.append(system, settings, EntityKind.LOCATION, CampWorld.MINE, List.of(
        new LocationEntity.NodeHarvested(90, granted, "ann", "copper-vein", 1, 0, 1_000))));
    Output lenient = cli("check");
    assertEquals(ReplayCli.OK, lenient.code, lenient.out + lenient.err);
    assertTrue(lenient.out.contains("PENDING GATHER commandId=" + granted), lenient.out);
    Output strict = cli("check", "--strict");
    assertEquals(ReplayCli.CHECK_FAILED, strict.code, strict.out);
  }

  /** Take, gather, drop, attack with loot, and a death that drops the pack. */
  private void playEveryProtocol(String who) {
    asks.join(who);
    PlayerEntity.GatherReply gathered = asks.ask(asks.player(who), r -> new PlayerEntity.Gather(WorldAsks.meta(who), "herb-patch", r));
    assertInstanceOf(PlayerEntity.Gathered.class, gathered);
    boolean killed = false;
    for (int i = 0; i < 20 && !killed; i++) {
      PlayerEntity.AttackReply reply = asks.ask(asks.player(who), r -> new PlayerEntity.Attack(WorldAsks.meta(who), CampWorld.RAT, r));
      killed = reply instanceof PlayerEntity.Fought f && f.killed();
    }
    assertTrue(killed, "the rat died");
    TestProbe.create(system).awaitAssert(TIMEOUT, () -> {
      assertTrue(asks.look(CampWorld.CLEARING).items().stream().anyMatch(s -> s.item().equals("pelt")), "the pelt lies there");
      return null;
    });
    assertInstanceOf(PlayerEntity.Taken.class, asks.take(who, "pelt", 1));
    assertInstanceOf(PlayerEntity.Dropped.class, asks.drop(who, "herb", 1));
    assertInstanceOf(PlayerEntity.Arrived.class, asks.move(who, "east"));
    boolean died = false;
    for (int i = 0; i < 40 && !died; i++) {
      PlayerEntity.AttackReply reply = asks.ask(asks.player(who), r -> new PlayerEntity.Attack(WorldAsks.meta(who), CampWorld.TROLL, r));
      died = reply instanceof PlayerEntity.Fought f && f.death() != null;
    }
    assertTrue(died, "the troll killed " + who);
    TestProbe.create(system).awaitAssert(TIMEOUT, () -> {
      assertTrue(asks.look(CampWorld.DEN).items().stream().anyMatch(s -> s.item().equals("pelt")), "the pack lies in the den");
      return null;
    });
  }

  // ---- helpers ------------------------------------------------------------------------------------

  record Output(int code, String out, String err) {}

  private Output cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = ReplayCli.run(List.of(args), overrides(), world, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Output(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private JournalReader reader() {
    List<String> notes = new ArrayList<>();
    return JournalReader.open(config(), new JournalReader.Options(false, 4, false), notes::add);
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

}
