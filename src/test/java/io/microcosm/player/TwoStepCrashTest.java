package io.microcosm.player;

import static io.microcosm.testkit.TestWorlds.HALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.Behaviors;
import io.microcosm.entity.CommandMeta;
import io.microcosm.location.LocationEntity;
import io.microcosm.rules.ItemStack;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.WorldFixture;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.TestWorlds;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A player that stops between the two steps of a capability (as in a crash) loses and duplicates
 * nothing: a retry with the same commandId, or its own recovery, completes the capability once.
 */
class TwoStepCrashTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  private WorldFixture keep;

  @BeforeEach
  void setUp() {
    keep = new WorldFixture(kit.testKit(), TestWorlds.keep());
    keep.reset();
  }

  @Test
  void a_take_granted_but_never_received_completes_once_when_retried() {
    TestProbe<LocationEntity.TakeReply> lostGrants = kit.testKit().createTestProbe();
    // The hall's grant goes to the probe instead of the player: the player never hears of it.
    ActorRef<PlayerEntity.Command> first = spawnPlayer("cat", hallWith(cmd -> cmd instanceof LocationEntity.TakeItem t
        ? new LocationEntity.TakeItem(t.meta(), t.taker(), t.item(), t.quantity(), lostGrants.ref())
        : cmd));
    join(first);
    CommandMeta take = CommandMeta.fresh("cat");
    first.tell(new PlayerEntity.Take(take, "coin", 3, kit.testKit().<PlayerEntity.TakeReply>createTestProbe().ref()));
    assertInstanceOf(LocationEntity.ItemGranted.class, lostGrants.receiveMessage());
    assertEquals(9, quantityAt("coin"), "the grant is persisted at the location");
    stopAndWait(first);

    ActorRef<PlayerEntity.Command> second = spawnPlayer("cat", keep::location);
    PlayerEntity.Taken taken = assertInstanceOf(PlayerEntity.Taken.class, take(second, take));
    assertEquals(3, taken.inventory().items().get(0).quantity());
    assertInstanceOf(PlayerEntity.Taken.class, take(second, take));
    assertEquals(9, quantityAt("coin"), "the location granted once");
    assertEquals(3, inventory(second).items().get(0).quantity(), "the player received once");
  }

  @Test
  void a_drop_handed_over_but_never_placed_is_delivered_on_recovery() {
    TestProbe<LocationEntity.Command> swallowed = kit.testKit().createTestProbe();
    ActorRef<PlayerEntity.Command> first = spawnPlayer("dan", hallWith(cmd -> {
      if (cmd instanceof LocationEntity.PlaceItem) {
        swallowed.ref().tell(cmd);
        return null;
      }
      return cmd;
    }));
    join(first);
    take(first, CommandMeta.fresh("dan"), "sword", 2);
    CommandMeta drop = CommandMeta.fresh("dan");
    first.tell(new PlayerEntity.Drop(drop, "sword", 2, kit.testKit().<PlayerEntity.DropReply>createTestProbe().ref()));
    swallowed.expectMessageClass(LocationEntity.PlaceItem.class);
    assertEquals(2, quantityAt("sword"));
    stopAndWait(first);

    ActorRef<PlayerEntity.Command> second = spawnPlayer("dan", keep::location);
    assertEquals(0, inventory(second).items().size(), "the handover was persisted before the crash");
    kit.testKit().createTestProbe().awaitAssert(Duration.ofSeconds(3), () -> {
      assertEquals(4, quantityAt("sword"), "recovery delivers the swords to the hall");
      return null;
    });
    var probe = kit.testKit().<PlayerEntity.DropReply>createTestProbe();
    second.tell(new PlayerEntity.Drop(drop, "sword", 2, probe.ref()));
    assertInstanceOf(PlayerEntity.Dropped.class, probe.receiveMessage());
    assertEquals(4, quantityAt("sword"), "a retry afterwards delivers nothing more");
  }

  /** The hall, with its messages from the player rewritten (or dropped when the rewrite gives null). */
  private Function<String, RecipientRef<LocationEntity.Command>> hallWith(
      Function<LocationEntity.Command, LocationEntity.Command> rewrite) {
    Behavior<LocationEntity.Command> relay = Behaviors.receiveMessage(cmd -> {
      LocationEntity.Command rewritten = rewrite.apply(cmd);
      if (rewritten != null) {
        keep.location(HALL).tell(rewritten);
      }
      return Behaviors.same();
    });
    ActorRef<LocationEntity.Command> hall = kit.testKit().spawn(relay);
    return id -> id.equals(HALL) ? hall : keep.location(id);
  }

  private ActorRef<PlayerEntity.Command> spawnPlayer(
      String name, Function<String, RecipientRef<LocationEntity.Command>> locations) {
    return kit.testKit().spawn(PlayerEntity.create(name, keep.world, keep.settings, new PlayerEntity.Peers(locations, keep.peers().creatures(), keep.peers().players()), keep.ticks));
  }

  private void join(ActorRef<PlayerEntity.Command> player) {
    var probe = kit.testKit().<PlayerEntity.JoinReply>createTestProbe();
    player.tell(new PlayerEntity.Join(CommandMeta.fresh("test"), probe.ref()));
    assertInstanceOf(PlayerEntity.Joined.class, probe.receiveMessage());
  }

  private PlayerEntity.TakeReply take(ActorRef<PlayerEntity.Command> player, CommandMeta meta) {
    return take(player, meta, "coin", 3);
  }

  private PlayerEntity.TakeReply take(ActorRef<PlayerEntity.Command> player, CommandMeta meta, String item, int quantity) {
    var probe = kit.testKit().<PlayerEntity.TakeReply>createTestProbe();
    player.tell(new PlayerEntity.Take(meta, item, quantity, probe.ref()));
    return probe.receiveMessage();
  }

  private PlayerEntity.InventoryView inventory(ActorRef<PlayerEntity.Command> player) {
    var probe = kit.testKit().<PlayerEntity.InventoryView>createTestProbe();
    player.tell(new PlayerEntity.ShowInventory(CommandMeta.fresh("test"), probe.ref()));
    return probe.receiveMessage();
  }

  private void stopAndWait(ActorRef<PlayerEntity.Command> player) {
    kit.testKit().stop(player, Duration.ofSeconds(3));
  }

  private int quantityAt(String item) {
    return keep.look(HALL).items().stream().filter(s -> s.item().equals(item)).mapToInt(ItemStack::quantity).sum();
  }
}
