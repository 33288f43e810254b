package io.microcosm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.ShardRegion;
import akka.cluster.sharding.typed.GetShardRegionState;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.cluster.typed.Cluster;
import akka.routing.ConsistentHash;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.Node;
import io.microcosm.clock.WorldClock;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.ShardRouting;
import io.microcosm.entity.TickClock;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three nodes in one JVM form a cluster on loopback, on a real Cassandra (an in-memory journal could
 * not be shared between actor systems): entities spread over the nodes, a player on one node works
 * a resource node of a location whose zone lives on another, every zone's entities live together
 * on one node, and when that node leaves, the zone moves to another node whole and its entities
 * recover from the journal; and the world clock, a cluster singleton, carries on from another node
 * when its own leaves.
 */
class ZoneShardsClusterIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String KEYSPACE = "microcosm_zones_" + UUID.randomUUID().toString().substring(0, 8);

  private final World world = WorldLoader.load("vale");
  private final List<ActorSystem<Void>> nodes = new ArrayList<>();
  private final List<Config> configs = new ArrayList<>();

  @AfterEach
  void stopAll() {
    for (ActorSystem<Void> node : nodes) {
      node.terminate();
    }
    for (ActorSystem<Void> node : nodes) {
      node.getWhenTerminated().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  /** The node the zone-placed kinds' allocation puts {@code zone} on, given the members' addresses. */
  private static akka.actor.Address hashedNode(String zone, List<akka.actor.Address> members) {
    // Same ring as ConsistentHashingShardAllocationStrategy: the sorted member addresses, 10 virtual nodes each.
    List<akka.actor.Address> sorted = new ArrayList<>(members);
    sorted.sort(akka.actor.Address.addressOrdering());
    return ConsistentHash.create(sorted, 10).nodeFor(zone);
  }

  private static akka.actor.Address loopback(int port) {
    return new akka.actor.Address("akka", "microcosm", "127.0.0.1", port);
  }

  /**
   * Three free ports whose addresses hash the world's zones onto at least two nodes; where zones
   * land follows from the addresses alone, and random ports put all four on one node a few runs in a
   * hundred, which would leave nothing to test across nodes.
   */
  private int[] portsThatSpreadTheZones() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int[] ports = {freePort(), freePort(), freePort()};
      List<akka.actor.Address> members = List.of(loopback(ports[0]), loopback(ports[1]), loopback(ports[2]));
      Set<akka.actor.Address> used = new HashSet<>();
      world.zones().keySet().forEach(zone -> used.add(hashedNode(zone, members)));
      if (used.size() >= 2 && ports[0] != ports[1] && ports[1] != ports[2] && ports[0] != ports[2]) {
        return ports;
      }
    }
    throw new IllegalStateException("no three free ports spread the zones over two nodes");
  }

  private ActorSystem<Void> startNode(int port, int seedPort) {
    // Without the clock nothing wakes the zones before the test does, so shards are placed once all
    // three nodes are up.
    return startNode(port, seedPort, false);
  }

  private ActorSystem<Void> startNode(int port, int seedPort, boolean clock) {
    Config config = MicrocosmConfig.load(ConfigFactory.parseString("""
        akka.remote.artery.canonical.hostname = "127.0.0.1"
        akka.coordinated-shutdown.exit-jvm = off
        akka.cluster.jmx.multi-mbeans-in-same-jvm = on
        akka.loglevel = WARNING
        microcosm.journal = cassandra
        microcosm.entity.ask-timeout = 10s
        microcosm.auth.jwt-secret = "a-test-secret-that-is-long-enough-for-hs256"
        """)
        .withValue("akka.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
        .withValue("microcosm.clock.enabled", ConfigValueFactory.fromAnyRef(clock))
        .withValue("akka.cluster.seed-nodes", ConfigValueFactory.fromIterable(List.of("akka://microcosm@127.0.0.1:" + seedPort)))
        .withValue("microcosm.cassandra.keyspace", ConfigValueFactory.fromAnyRef(KEYSPACE))
        .withValue("microcosm.cassandra.contact-points",
            ConfigValueFactory.fromIterable(List.of("127.0.0.1:" + CassandraPort.get()))));
    ActorSystem<Void> node = Node.start(config, world);
    nodes.add(node);
    configs.add(config);
    return node;
  }

  private void awaitUp(ActorSystem<Void> node, int members) {
    TestProbe.create(node).awaitAssert(Duration.ofSeconds(60), () -> {
      long up = StreamSupport.stream(Cluster.get(node).state().getMembers().spliterator(), false)
          .filter(m -> m.status().equals(MemberStatus.up())).count();
      assertEquals(members, up, "members up as " + Cluster.get(node).selfMember().address() + " sees them");
      return null;
    });
  }

  private static <M, R> R ask(ActorSystem<Void> node, EntityTypeKey<M> key, String id, Function<ActorRef<R>, M> command) {
    return ClusterSharding.get(node).entityRefFor(key, id).<R>ask(command::apply, TIMEOUT)
        .toCompletableFuture().orTimeout(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS).join();
  }

  /** Which node (index into nodes) holds which shard of {@code key}, and the entities running in it. */
  private Map<String, Map<Integer, Set<String>>> placement(EntityTypeKey<?> key) {
    Map<String, Map<Integer, Set<String>>> shards = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      ActorSystem<Void> node = nodes.get(i);
      if (node.getWhenTerminated().toCompletableFuture().isDone()) {
        continue;
      }
      TestProbe<ShardRegion.CurrentShardRegionState> probe = TestProbe.create(node);
      ClusterSharding.get(node).shardState().tell(new GetShardRegionState(key, probe.getRef()));
      for (ShardRegion.ShardState shard : probe.receiveMessage(TIMEOUT).getShards()) {
        shards.computeIfAbsent(shard.shardId(), s -> new HashMap<>()).put(i, new HashSet<>(shard.getEntityIds()));
      }
    }
    return shards;
  }

  /** Addresses every location and creature of the world, so each is running somewhere. */
  private void touchWorld(ActorSystem<Void> via) {
    for (String location : world.locations().keySet()) {
      assertInstanceOf(LocationEntity.Seen.class, ZoneShardsClusterIT.<LocationEntity.Command, LocationEntity.LookReply>ask(
          via, LocationEntity.ENTITY_KEY, location, r -> new LocationEntity.Look(CommandMeta.fresh("test"), r)));
    }
    for (String creature : world.creatures().keySet()) {
      ZoneShardsClusterIT.<CreatureEntity.Command, CreatureEntity.CreatureView>ask(
          via, CreatureEntity.ENTITY_KEY, creature, r -> new CreatureEntity.Inspect(CommandMeta.fresh("test"), r));
    }
  }

  /**
   * Every zone is one shard on exactly one node, holding all the zone's locations and creatures;
   * returns the node of each zone.
   */
  private Map<String, Integer> assertZonesWhole() {
    Map<String, Map<Integer, Set<String>>> locations = placement(LocationEntity.ENTITY_KEY);
    Map<String, Map<Integer, Set<String>>> creatures = placement(CreatureEntity.ENTITY_KEY);
    Map<akka.actor.Address, Integer> running = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      if (!nodes.get(i).getWhenTerminated().toCompletableFuture().isDone()) {
        running.put(Cluster.get(nodes.get(i)).selfMember().address(), i);
      }
    }
    Map<String, Integer> zoneNode = new HashMap<>();
    for (String zone : world.zones().keySet()) {
      Map<Integer, Set<String>> where = locations.get(zone);
      assertTrue(where != null && where.size() == 1, "zone " + zone + " is one shard on one node: " + where);
      int node = where.keySet().iterator().next();
      // Until every coordinator has rebalanced, a zone can be whole on a node it will still leave.
      assertEquals(running.get(hashedNode(zone, new ArrayList<>(running.keySet()))), node,
          "zone " + zone + " is on the node its hash picks");
      zoneNode.put(zone, node);
      Set<String> expected = new HashSet<>();
      world.locations().keySet().stream().filter(id -> ShardRouting.zoneOf(id).equals(zone)).forEach(expected::add);
      assertEquals(expected, where.get(node), "all of zone " + zone + "'s locations run on node " + node);
      Set<String> zoneCreatures = new HashSet<>();
      world.creatures().keySet().stream().filter(id -> ShardRouting.zoneOf(id).equals(zone)).forEach(zoneCreatures::add);
      if (!zoneCreatures.isEmpty()) {
        assertEquals(Map.of(node, zoneCreatures), creatures.get(zone),
            "zone " + zone + "'s creatures run on the same node as its locations");
      }
    }
    return zoneNode;
  }

  /**
   * Each kind's shards are allocated by its own coordinator, by consistent hashing of the zone, so a
   * zone allocated while a region was still registering can land apart and is moved together by the
   * next rebalance: the zones are checked until they are whole, for a minute at most.
   */
  private Map<String, Integer> zonesWholeOnceSettled(ActorSystem<Void> via) {
    return TestProbe.create(via).awaitAssert(Duration.ofSeconds(60), Duration.ofSeconds(2), () -> {
      touchWorld(via);
      return assertZonesWhole();
    });
  }

  @Test
  void zones_live_whole_on_one_node_work_across_nodes_and_move_whole_when_their_node_leaves() {
    int[] ports = portsThatSpreadTheZones();
    ActorSystem<Void> first = startNode(ports[0], ports[0]);
    awaitUp(first, 1);
    // One node creates the keyspace and tables before the others use them.
    ZoneShardsClusterIT.<PlayerEntity.Command, PlayerEntity.JoinReply>ask(first, PlayerEntity.ENTITY_KEY, "warmup",
        r -> new PlayerEntity.Join(CommandMeta.fresh("warmup"), r));
    startNode(ports[1], ports[0]);
    startNode(ports[2], ports[0]);
    nodes.forEach(n -> awaitUp(n, 3));

    // Players join through the last node; they shard by a hash of their name.
    List<String> players = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String name = "walker" + i;
      players.add(name);
      assertInstanceOf(PlayerEntity.Joined.class, ZoneShardsClusterIT.<PlayerEntity.Command, PlayerEntity.JoinReply>ask(
          nodes.get(2), PlayerEntity.ENTITY_KEY, name, r -> new PlayerEntity.Join(CommandMeta.fresh(name), r)));
    }
    Map<String, Integer> zoneNode = zonesWholeOnceSettled(nodes.get(0));
    assertTrue(new HashSet<>(zoneNode.values()).size() >= 2, "the 4 zones are spread over the nodes: " + zoneNode);
    Map<String, Integer> playerNode = new HashMap<>();
    placement(PlayerEntity.ENTITY_KEY).values().forEach(byNode -> byNode.forEach(
        (node, ids) -> ids.forEach(id -> playerNode.put(id, node))));
    assertTrue(new HashSet<>(playerNode.values()).size() >= 2, "players are spread over the nodes: " + playerNode);

    // A player on one node gathers at a location whose zone is on another, and drops what it got there.
    int valeNode = zoneNode.get("vale");
    String gatherer = players.stream().filter(p -> playerNode.get(p) != valeNode).findFirst().orElseThrow();
    ActorSystem<Void> via = nodes.get(valeNode);
    assertInstanceOf(PlayerEntity.Arrived.class, ZoneShardsClusterIT.<PlayerEntity.Command, PlayerEntity.MoveReply>ask(
        via, PlayerEntity.ENTITY_KEY, gatherer, r -> new PlayerEntity.Move(CommandMeta.fresh(gatherer), "south", r)));
    PlayerEntity.GatherReply gathered = ZoneShardsClusterIT.<PlayerEntity.Command, PlayerEntity.GatherReply>ask(
        via, PlayerEntity.ENTITY_KEY, gatherer, r -> new PlayerEntity.Gather(CommandMeta.fresh(gatherer), "copper-nuggets", r));
    String ore = assertInstanceOf(PlayerEntity.Gathered.class, gathered, gathered.toString()).item();
    assertInstanceOf(PlayerEntity.Dropped.class, ZoneShardsClusterIT.<PlayerEntity.Command, PlayerEntity.DropReply>ask(
        via, PlayerEntity.ENTITY_KEY, gatherer, r -> new PlayerEntity.Drop(CommandMeta.fresh(gatherer), ore, 1, r)));
    String stayer = players.stream().filter(p -> playerNode.get(p) == valeNode).findFirst().orElse(null);

    // The node holding the Vale leaves (as on SIGTERM): the zone is handed over and starts elsewhere.
    ActorSystem<Void> leaving = nodes.get(valeNode);
    akka.actor.Address left = Cluster.get(leaving).selfMember().address();
    leaving.terminate();
    leaving.getWhenTerminated().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
    ActorSystem<Void> survivor = nodes.get((valeNode + 1) % 3);
    awaitUp(survivor, 2);

    TestProbe.create(survivor).awaitAssert(TIMEOUT, () -> {
      LocationEntity.LookReply look = ZoneShardsClusterIT.<LocationEntity.Command, LocationEntity.LookReply>ask(
          survivor, LocationEntity.ENTITY_KEY, "vale.riverbank", r -> new LocationEntity.Look(CommandMeta.fresh("test"), r));
      List<ItemStack> ground = assertInstanceOf(LocationEntity.Seen.class, look).view().items();
      assertTrue(ground.stream().anyMatch(s -> s.item().equals(ore)), "the dropped " + ore + " is still on the ground: " + ground);
      return null;
    });
    Map<String, Integer> after = zonesWholeOnceSettled(survivor);
    assertNotEquals(valeNode, after.get("vale"), "the Vale moved off the node that left");
    assertFalse(after.containsValue(valeNode));

    // Players recover from the journal wherever their shard now is.
    PlayerEntity.LookReply seen = ZoneShardsClusterIT.<PlayerEntity.Command, PlayerEntity.LookReply>ask(
        survivor, PlayerEntity.ENTITY_KEY, gatherer, r -> new PlayerEntity.Look(CommandMeta.fresh(gatherer), r));
    assertEquals("vale.riverbank", assertInstanceOf(PlayerEntity.Looked.class, seen).here().id());
    if (stayer != null) {
      PlayerEntity.LookReply moved = ZoneShardsClusterIT.<PlayerEntity.Command, PlayerEntity.LookReply>ask(
          survivor, PlayerEntity.ENTITY_KEY, stayer, r -> new PlayerEntity.Look(CommandMeta.fresh(stayer), r));
      PlayerEntity.Looked looked = assertInstanceOf(PlayerEntity.Looked.class, moved);
      assertEquals(world.start(), looked.here().id());
      assertTrue(looked.here().occupants().contains(stayer), "it re-asserted its presence on recovery");
      Set<Integer> stayerNow = new HashSet<>();
      placement(PlayerEntity.ENTITY_KEY).values().forEach(byNode -> byNode.forEach(
          (node, ids) -> { if (ids.contains(stayer)) { stayerNow.add(node); } }));
      assertEquals(1, stayerNow.size());
      assertNotEquals(valeNode, stayerNow.iterator().next(), "the player's shard moved too");
    }
    // Removal from the membership follows the leave by a gossip round or two.
    TestProbe.create(survivor).awaitAssert(TIMEOUT, () -> {
      for (Member m : Cluster.get(survivor).state().getMembers()) {
        assertNotEquals(left, m.address(), "the node that left is no member");
      }
      return null;
    });
  }

  @Test
  void the_world_clock_moves_to_another_node_when_its_node_leaves_and_time_goes_on() {
    int[] ports = {freePort(), freePort(), freePort()};
    ActorSystem<Void> first = startNode(ports[0], ports[0], true);
    awaitUp(first, 1);
    ZoneShardsClusterIT.<PlayerEntity.Command, PlayerEntity.JoinReply>ask(first, PlayerEntity.ENTITY_KEY, "warmup",
        r -> new PlayerEntity.Join(CommandMeta.fresh("warmup"), r));
    startNode(ports[1], ports[0], true);
    startNode(ports[2], ports[0], true);
    nodes.forEach(n -> awaitUp(n, 3));
    // The singleton runs on the oldest node, the first; the others reach it through their proxies.
    ActorSystem<Void> other = nodes.get(1);
    ActorRef<WorldClock.Command> clock = Node.worldClock(other, configs.get(1), world,
        TickClock.wallClock(configs.get(1).getDuration("microcosm.tick-interval")));
    long before = TestProbe.create(other).awaitAssert(TIMEOUT, () -> time(other, clock).tick());

    first.terminate();
    first.getWhenTerminated().toCompletableFuture().orTimeout(60, TimeUnit.SECONDS).join();
    awaitUp(other, 2);
    TestProbe.create(other).awaitAssert(Duration.ofSeconds(60), Duration.ofSeconds(1), () -> {
      long now = time(other, clock).tick();
      assertTrue(now > before, "the clock runs again on a surviving node: tick " + now + " after " + before);
      return null;
    });
  }

  private static WorldClock.TimeView time(ActorSystem<Void> node, ActorRef<WorldClock.Command> clock) {
    return akka.actor.typed.javadsl.AskPattern.<WorldClock.Command, WorldClock.TimeView>ask(clock, WorldClock.GetTime::new,
        Duration.ofSeconds(5), node.scheduler()).toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }
}
