package io.microcosm.persistence;

import static io.microcosm.testkit.TestWorlds.HALL;
import static io.microcosm.testkit.TestWorlds.YARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.rules.ItemStack;
import io.microcosm.testkit.SingleNode;
import io.microcosm.testkit.TestWorlds;
import io.microcosm.testkit.WorldAsks;
import io.microcosm.world.World;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
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
  private final WorldAsks asks = new WorldAsks(() -> system, TIMEOUT);

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

  @AfterEach
  void tearDown() {
    system = SingleNode.stop(system);
  }

  @Test
  void entities_recover_their_state_in_a_new_actor_system_on_the_same_store() {
    system = SingleNode.startUp(config(), world, null, TIMEOUT);
    String ann = "ann";
    asks.join(ann);
    asks.take(ann, "coin", 4);
    asks.take(ann, "pebble", 6);
    assertInstanceOf(PlayerEntity.Arrived.class, asks.move(ann, "north"));
    for (int i = 0; i < 6; i++) {
      asks.drop(ann, "pebble", 1);
    }
    PlayerEntity.StatusView status = asks.status(ann);
    PlayerEntity.InventoryView inventory = asks.inventory(ann);
    LocationEntity.LocationView yard = asks.look(YARD);
    LocationEntity.LocationView hall = asks.look(HALL);
    system = SingleNode.stop(system);

    system = SingleNode.startUp(config(), world, null, TIMEOUT);
    assertEquals(inventory, asks.inventory(ann));
    PlayerEntity.StatusView recovered = asks.status(ann);
    assertEquals(status.location(), recovered.location());
    assertEquals(YARD, recovered.location());
    assertEquals(yard, asks.look(YARD));
    assertEquals(hall, asks.look(HALL));
    assertEquals(List.of(new ItemStack("coin", 4)), inventory.items());
    assertTrue(yard.items().contains(new ItemStack("pebble", 6)));
  }

  @Test
  void two_players_reaching_for_the_last_item_at_once_get_it_once() {
    system = SingleNode.startUp(config(), world, null, TIMEOUT);
    asks.join("eve");
    asks.join("fay");
    CompletionStage<PlayerEntity.TakeReply> eve = asks.player("eve").ask(r -> new PlayerEntity.Take(WorldAsks.meta("eve"), "gem", 1, r), TIMEOUT);
    CompletionStage<PlayerEntity.TakeReply> fay = asks.player("fay").ask(r -> new PlayerEntity.Take(WorldAsks.meta("fay"), "gem", 1, r), TIMEOUT);
    List<PlayerEntity.TakeReply> replies = List.of(asks.await(eve), asks.await(fay));

    long winners = replies.stream().filter(r -> r instanceof PlayerEntity.Taken).count();
    assertEquals(1, winners, "exactly one gets the gem: " + replies);
    PlayerEntity.Rejected loser = (PlayerEntity.Rejected) replies.stream()
        .filter(r -> r instanceof PlayerEntity.Rejected).findFirst().orElseThrow();
    assertEquals(io.microcosm.entity.Rejection.Code.ITEM_NOT_HERE, loser.rejection().code());
    int carried = gems("eve") + gems("fay");
    int onGround = asks.look(HALL).items().stream().filter(s -> s.item().equals("gem")).mapToInt(ItemStack::quantity).sum();
    assertEquals(1, carried + onGround, "the world still holds exactly one gem");
    assertEquals(0, onGround);
  }

  private int gems(String who) {
    PlayerEntity.InventoryView view = asks.inventory(who);
    return view.items().stream().filter(s -> s.item().equals("gem")).mapToInt(ItemStack::quantity).sum();
  }

}
