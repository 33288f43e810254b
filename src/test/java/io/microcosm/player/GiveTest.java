package io.microcosm.player;

import static io.microcosm.testkit.TestWorlds.HALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.player.PlayerEntity.*;
import io.microcosm.rules.ItemStack;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.TestWorlds;
import io.microcosm.testkit.WorldFixture;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Handing items from one character to another: offer, handover, receipt. */
@SuppressWarnings({"unchecked", "rawtypes"})
class GiveTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  private WorldFixture keep;
  private ActorRef<Command> ann;
  private ActorRef<Command> bob;

  @BeforeEach
  void setUp() {
    keep = new WorldFixture(kit.testKit(), TestWorlds.keep());
    keep.reset();
    ann = keep.spawnPlayer("ann");
    bob = keep.spawnPlayer("bob");
    assertInstanceOf(Joined.class, ask(ann, r -> new Join(CommandMeta.fresh("ann"), r)));
    assertInstanceOf(Joined.class, ask(bob, r -> new Join(CommandMeta.fresh("bob"), r)));
    assertInstanceOf(Taken.class, ask(ann, r -> new Take(CommandMeta.fresh("ann"), "pebble", 3, r)));
  }

  @Test
  void a_give_moves_the_units_from_one_pack_to_the_other_once_even_when_retried() {
    CommandMeta meta = CommandMeta.fresh("ann");
    Given given = assertInstanceOf(Given.class, ask(ann, r -> new Give(meta, "pebble", 2, "bob", r)));
    assertEquals("bob", given.to());
    assertEquals(false, given.atTheirFeet());
    assertEquals(List.of(new ItemStack("pebble", 1)), given.inventory().items());

    assertInstanceOf(Given.class, ask(ann, r -> new Give(meta, "pebble", 2, "bob", r)), "a retry is answered again");
    assertEquals(List.of(new ItemStack("pebble", 1)), pack(ann));
    assertEquals(List.of(new ItemStack("pebble", 2)), pack(bob), "received once");
    assertEquals(27, keep.look(HALL).items().stream().filter(i -> i.item().equals("pebble")).findFirst()
        .orElseThrow().quantity(), "the ground is untouched");

    var journal = PersistenceTestKit.create(kit.testKit().system());
    var handedOver = journal.persistedInStorage("Player|ann").stream()
        .filter(e -> e instanceof ItemHandedOver).map(e -> (ItemHandedOver) e).toList();
    assertEquals(1, handedOver.size());
    assertEquals("bob", handedOver.get(0).to());
    var received = journal.persistedInStorage("Player|bob").stream()
        .filter(e -> e instanceof GiftReceived).map(e -> (GiftReceived) e).toList();
    assertEquals(1, received.size());
    assertEquals(meta.commandId(), received.get(0).commandId(), "grant and receipt share the command id");
    assertTrue(handedOver.get(0).lamport() < received.get(0).lamport(), "the receipt comes after the grant");
  }

  @Test
  void a_give_is_refused_with_a_reason_and_changes_nothing() {
    assertRejected(ask(ann, r -> new Give(CommandMeta.fresh("ann"), "gem", 1, "bob", r)), Code.ITEM_NOT_CARRIED);
    assertRejected(ask(ann, r -> new Give(CommandMeta.fresh("ann"), "pebble", 9, "bob", r)), Code.ITEM_NOT_CARRIED);
    assertRejected(ask(ann, r -> new Give(CommandMeta.fresh("ann"), "pebble", 1, "ann", r)), Code.NOT_HERE);
    assertRejected(ask(ann, r -> new Give(CommandMeta.fresh("ann"), "unobtainium", 1, "bob", r)), Code.UNKNOWN_ITEM);

    assertInstanceOf(Arrived.class, ask(bob, r -> new Move(CommandMeta.fresh("bob"), "north", r)));
    Rejected away = assertRejected(ask(ann, r -> new Give(CommandMeta.fresh("ann"), "pebble", 1, "bob", r)), Code.NOT_HERE);
    assertEquals("There is no one called bob here.", away.rejection().message());
    assertEquals(List.of(new ItemStack("pebble", 3)), pack(ann), "nothing left the giver's pack");
  }

  @Test
  void a_full_pack_refuses_the_offer_and_a_receipt_that_no_longer_fits_lands_at_the_receivers_feet() {
    for (int i = 0; i < 3; i++) {
      assertInstanceOf(Taken.class, ask(bob, r -> new Take(CommandMeta.fresh("bob"), "sword", 1, r)));
    }
    Rejected full = assertRejected(ask(ann, r -> new Give(CommandMeta.fresh("ann"), "pebble", 1, "bob", r)),
        Code.NO_FREE_SLOT);
    assertTrue(full.rejection().message().startsWith("bob cannot carry that: "), full.rejection().message());

    // The receiver filled up between offer and receipt: the units are set down, once.
    CommandMeta late = CommandMeta.fresh("ann");
    Received first = assertInstanceOf(Received.class,
        ask(bob, r -> new Receive(late, "ann", "pebble", 1, HALL, r)));
    assertTrue(first.atMyFeet());
    Received again = assertInstanceOf(Received.class,
        ask(bob, r -> new Receive(late, "ann", "pebble", 1, HALL, r)));
    assertTrue(again.atMyFeet(), "a repeat is answered the same way");
    var probe = kit.testKit().createTestProbe();
    probe.awaitAssert(() -> {
      assertEquals(28, keep.look(HALL).items().stream().filter(i -> i.item().equals("pebble")).findFirst()
          .orElseThrow().quantity(), "one pebble set down, not two");
      return null;
    });
    assertEquals(List.of(new ItemStack("sword", 3)), pack(bob), "the receiver's pack is unchanged");
  }

  @SuppressWarnings("unchecked")
  private List<ItemStack> pack(ActorRef<Command> player) {
    return ((InventoryView) ask(player, r -> new ShowInventory(CommandMeta.fresh("test"), r))).items();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object ask(ActorRef<Command> player, Function<ActorRef, Command> command) {
    var probe = kit.testKit().createTestProbe();
    player.tell(command.apply(probe.ref()));
    return probe.receiveMessage();
  }

  private static Rejected assertRejected(Object reply, Code code) {
    Rejected rejected = assertInstanceOf(Rejected.class, reply);
    assertEquals(code, rejected.rejection().code(), rejected.rejection().message());
    return rejected;
  }
}
