package io.microcosm.persistence;

import static io.microcosm.testkit.TestWorlds.HALL;
import static io.microcosm.testkit.TestWorlds.YARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorSystem;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.Node;
import io.microcosm.entity.CommandMeta;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.rules.ItemStack;
import io.microcosm.testkit.TestWorlds;
import io.microcosm.world.World;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import akka.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every journal must do for the game, run against each real store: a whole node (single-node
 * cluster, sharding, the configured journal) is started, played, stopped and started again.
 */
abstract class JournalContract {

  static final Duration TIMEOUT = Duration.ofSeconds(20);
  private final World world = TestWorlds.keep();
  private ActorSystem<Void> system;

  /** Configuration selecting the store under test; the same value must reach the same data. */
  abstract Config storeConfig();

  private Config config() {
    return MicrocosmConfig.load(ConfigFactory.parseString("""
        akka.remote.artery.canonical.port = 0
        akka.coordinated-shutdown.exit-jvm = off
        akka.loglevel = WARNING
        microcosm.entity.snapshot-every = 5
        microcosm.entity.ask-timeout = 10s
        microcosm.auth.jwt-secret = "a-test-secret-that-is-long-enough-for-hs256"
        """).withFallback(storeConfig()));
  }

  private void start() {
    system = Node.start(config(), world);
    Cluster cluster = Cluster.get(system);
    TestProbe.create(system).awaitAssert(TIMEOUT, () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status(), "the node is up");
      return null;
    });
  }

  private void stop() {
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
      system = null;
    }
  }

  @AfterEach
  void tearDown() {
    stop();
  }

  @Test
  void entities_recover_their_state_in_a_new_actor_system_on_the_same_store() {
    start();
    String ann = "ann";
    joinWorld(ann);
    take(ann, "coin", 4);
    take(ann, "pebble", 6);
    assertInstanceOf(PlayerEntity.Arrived.class, move(ann, "north"));
    for (int i = 0; i < 6; i++) {
      drop(ann, "pebble", 1);
    }
    PlayerEntity.StatusView status = status(ann);
    PlayerEntity.InventoryView inventory = inventory(ann);
    LocationEntity.LocationView yard = look(YARD);
    LocationEntity.LocationView hall = look(HALL);
    stop();

    start();
    assertEquals(inventory, inventory(ann));
    PlayerEntity.StatusView recovered = status(ann);
    assertEquals(status.location(), recovered.location());
    assertEquals(YARD, recovered.location());
    assertEquals(yard, look(YARD));
    assertEquals(hall, look(HALL));
    assertEquals(List.of(new ItemStack("coin", 4)), inventory.items());
    assertTrue(yard.items().contains(new ItemStack("pebble", 6)));
  }

  @Test
  void two_players_reaching_for_the_last_item_at_once_get_it_once() {
    start();
    joinWorld("eve");
    joinWorld("fay");
    CompletionStage<PlayerEntity.TakeReply> eve = player("eve").ask(r -> new PlayerEntity.Take(meta("eve"), "gem", 1, r), TIMEOUT);
    CompletionStage<PlayerEntity.TakeReply> fay = player("fay").ask(r -> new PlayerEntity.Take(meta("fay"), "gem", 1, r), TIMEOUT);
    List<PlayerEntity.TakeReply> replies = List.of(join(eve), join(fay));

    long winners = replies.stream().filter(r -> r instanceof PlayerEntity.Taken).count();
    assertEquals(1, winners, "exactly one gets the gem: " + replies);
    PlayerEntity.Rejected loser = (PlayerEntity.Rejected) replies.stream()
        .filter(r -> r instanceof PlayerEntity.Rejected).findFirst().orElseThrow();
    assertEquals(io.microcosm.entity.Rejection.Code.ITEM_NOT_HERE, loser.rejection().code());
    int carried = gems("eve") + gems("fay");
    int onGround = look(HALL).items().stream().filter(s -> s.item().equals("gem")).mapToInt(ItemStack::quantity).sum();
    assertEquals(1, carried + onGround, "the world still holds exactly one gem");
    assertEquals(0, onGround);
  }

  private PlayerEntity.JoinReply joinWorld(String who) {
    return ask(player(who), r -> new PlayerEntity.Join(meta(who), r));
  }

  private PlayerEntity.TakeReply take(String who, String item, int quantity) {
    return ask(player(who), r -> new PlayerEntity.Take(meta(who), item, quantity, r));
  }

  private PlayerEntity.MoveReply move(String who, String direction) {
    return ask(player(who), r -> new PlayerEntity.Move(meta(who), direction, r));
  }

  private PlayerEntity.DropReply drop(String who, String item, int quantity) {
    return ask(player(who), r -> new PlayerEntity.Drop(meta(who), item, quantity, r));
  }

  private PlayerEntity.InventoryView inventory(String who) {
    return ask(player(who), r -> new PlayerEntity.ShowInventory(meta(who), r));
  }

  private PlayerEntity.StatusView status(String who) {
    return ask(player(who), r -> new PlayerEntity.ShowStatus(meta(who), r));
  }

  private int gems(String who) {
    PlayerEntity.InventoryView view = inventory(who);
    return view.items().stream().filter(s -> s.item().equals("gem")).mapToInt(ItemStack::quantity).sum();
  }

  private LocationEntity.LocationView look(String id) {
    LocationEntity.LookReply reply = ask(ClusterSharding.get(system).entityRefFor(LocationEntity.ENTITY_KEY, id),
        r -> new LocationEntity.Look(meta("test"), r));
    return ((LocationEntity.Seen) reply).view();
  }

  private EntityRef<PlayerEntity.Command> player(String name) {
    return ClusterSharding.get(system).entityRefFor(PlayerEntity.ENTITY_KEY, name);
  }

  private static <C, R> R ask(EntityRef<C> ref, Function<ActorRef<R>, C> message) {
    return join(ref.ask(message::apply, TIMEOUT));
  }

  private static <R> R join(CompletionStage<R> stage) {
    return stage.toCompletableFuture().orTimeout(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS).join();
  }

  private static CommandMeta meta(String who) {
    return CommandMeta.fresh(who);
  }
}
