package io.microcosm.player;

import static io.microcosm.testkit.TestWorlds.HALL;
import static io.microcosm.testkit.TestWorlds.TOWER;
import static io.microcosm.testkit.TestWorlds.YARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity.*;
import io.microcosm.rules.ItemStack;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.WorldFixture;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.TestWorlds;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlayerEntityTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  private WorldFixture keep;
  private EventSourcedBehaviorTestKit<Command, Event, State> ann;

  @BeforeEach
  void setUp() {
    keep = new WorldFixture(kit.testKit(), TestWorlds.keep());
    keep.reset();
    ann = EventSourcedBehaviorTestKit.create(kit.testKit().system(),
        PlayerEntity.create("ann", keep.world, keep.settings, keep.peers(), keep.ticks),
        EventSourcedBehaviorTestKit.enabledSerializationSettings());
  }

  @Test
  void joining_places_a_new_character_at_the_start_with_full_vitals() {
    var joined = join(meta());
    Joined reply = assertInstanceOf(Joined.class, joined.reply());
    assertEquals(HALL, reply.here().id());
    assertTrue(reply.here().occupants().contains("ann"));
    assertVitals(reply.status(), HALL, 50, 50, 10, 10, 10, 10);
    assertEquals(1, reply.status().level());
    assertInstanceOf(EnteredWorld.class, joined.event());
    assertEquals(List.of("ann"), keep.look(HALL).occupants());

    var again = join(meta());
    assertInstanceOf(Joined.class, again.reply());
    assertTrue(again.hasNoEvents(), "joining again changes nothing");
  }

  @Test
  void nothing_but_looking_at_oneself_works_before_joining() {
    assertRejected(move(meta(), "north"), Code.NOT_IN_WORLD);
    assertRejected(take(meta(), "coin", 1), Code.NOT_IN_WORLD);
    assertRejected(drop(meta(), "coin", 1), Code.NOT_IN_WORLD);
    assertRejected(look(meta()), Code.NOT_IN_WORLD);
    InventoryView empty = ann.<InventoryView>runCommand(r -> new ShowInventory(meta(), r)).reply();
    assertEquals(List.of(), empty.items());
  }

  @Test
  void moving_enters_the_target_leaves_the_origin_and_costs_stamina() {
    join(meta());
    var moved = move(meta(), "n");
    Arrived arrived = assertInstanceOf(Arrived.class, moved.reply());
    assertEquals(HALL, arrived.from());
    assertEquals(YARD, arrived.to());
    assertEquals(9, arrived.stamina());
    assertTrue(arrived.here().occupants().contains("ann"));
    Moved event = assertInstanceOf(Moved.class, moved.event());
    assertEquals(YARD, moved.state().location());

    kit.testKit().createTestProbe().awaitAssert(() -> {
      assertFalse(keep.look(HALL).occupants().contains("ann"), "the origin is told the player left");
      return null;
    });
    assertEquals(List.of("ann"), keep.look(YARD).occupants());
    assertTrue(event.lamport() > 0);
  }

  @Test
  void a_move_retried_with_its_commandId_moves_once_even_after_later_moves() {
    join(meta());
    CommandMeta north = meta();
    assertInstanceOf(Arrived.class, move(north, "north").reply());
    var retried = move(north, "north");
    assertEquals(YARD, assertInstanceOf(Arrived.class, retried.reply()).to());
    assertTrue(retried.hasNoEvents(), "the retry persists nothing");
    assertInstanceOf(Arrived.class, move(meta(), "south").reply());
    var stale = move(north, "north");
    Arrived answer = assertInstanceOf(Arrived.class, stale.reply());
    assertTrue(stale.hasNoEvents());
    assertEquals(HALL, answer.to(), "an old move retried later leaves the player where it is");
    assertEquals(HALL, stale.state().location());
    assertEquals(8, stale.state().vitals().sp(), "stamina was spent twice, for two moves");
  }

  @Test
  void moving_the_wrong_way_is_refused_with_a_reason_and_changes_nothing() {
    join(meta());
    Rejected unknown = assertRejected(move(meta(), "sideways"), Code.UNKNOWN_DIRECTION);
    assertTrue(unknown.rejection().message().contains("north"), "the refusal lists the directions");
    assertRejected(move(meta(), "south"), Code.NO_EXIT);
    assertRejected(move(meta(), "east"), Code.EXIT_BLOCKED);
    assertRejected(move(meta(), "w"), Code.EXIT_LOCKED);
    assertEquals(HALL, ann.getState().location());
  }

  @Test
  void a_tired_player_cannot_climb() {
    join(meta());
    assertInstanceOf(Arrived.class, move(meta(), "up").reply());
    assertEquals(TOWER, ann.getState().location());
    assertInstanceOf(Arrived.class, move(meta(), "down").reply());
    Rejected tired = assertRejected(move(meta(), "up"), Code.NOT_ENOUGH_STAMINA);
    assertEquals("You are too tired to go up: it takes 4 stamina and you have 2.", tired.rejection().message());
    assertEquals(HALL, ann.getState().location());
  }

  @Test
  void taking_moves_units_from_the_ground_into_the_pack_once_per_command() {
    join(meta());
    CommandMeta meta = meta();
    var taken = take(meta, "coin", 3);
    Taken reply = assertInstanceOf(Taken.class, taken.reply());
    assertEquals(List.of(new ItemStack("coin", 3)), reply.inventory().items());
    ItemReceived receipt = assertInstanceOf(ItemReceived.class, taken.event());
    assertEquals(9, quantityAt(HALL, "coin"));

    var retry = take(meta, "coin", 3);
    assertInstanceOf(Taken.class, retry.reply());
    assertTrue(retry.hasNoEvents());
    assertEquals(3, retry.state().inventory().quantity("coin"));
    assertEquals(9, quantityAt(HALL, "coin"), "a retried take is granted once");
    assertTrue(receipt.lamport() > 1, "the receipt comes after the grant in Lamport order");
  }

  @Test
  void taking_is_refused_for_unknown_absent_and_too_many_things() {
    join(meta());
    assertRejected(take(meta(), "unicorn", 1), Code.UNKNOWN_ITEM);
    assertRejected(take(meta(), "gem", 2), Code.ITEM_NOT_HERE);
    assertRejected(take(meta(), "coin", 0), Code.INVALID_QUANTITY);
    assertEquals(0, ann.getState().inventory().stacks().size());
  }

  @Test
  void carrying_limits_weight_slots_and_stacks() {
    join(meta());
    Rejected heavy = assertRejected(take(meta(), "boulder", 1), Code.OVERWEIGHT);
    assertTrue(heavy.rejection().message().contains("10.0 kg"), heavy.rejection().message());

    assertInstanceOf(Taken.class, take(meta(), "coin", 5).reply());
    assertInstanceOf(Taken.class, take(meta(), "sword", 2).reply());
    assertRejected(take(meta(), "coin", 1), Code.STACK_LIMIT);
    assertRejected(take(meta(), "pebble", 1), Code.NO_FREE_SLOT);
    assertEquals(1, quantityAt(HALL, "boulder"));
    assertEquals(7, quantityAt(HALL, "coin"));
  }

  @Test
  void dropping_hands_units_to_the_location_once_per_command() {
    join(meta());
    take(meta(), "pebble", 4);
    CommandMeta meta = meta();
    var dropped = drop(meta, "pebble", 3);
    Dropped reply = assertInstanceOf(Dropped.class, dropped.reply());
    assertEquals(List.of(new ItemStack("pebble", 1)), reply.inventory().items());
    assertInstanceOf(ItemHandedOver.class, dropped.event());
    assertEquals(29, quantityAt(HALL, "pebble"));

    var retry = drop(meta, "pebble", 3);
    assertInstanceOf(Dropped.class, retry.reply());
    assertTrue(retry.hasNoEvents());
    assertEquals(29, quantityAt(HALL, "pebble"), "a retried drop arrives once");

    assertRejected(drop(meta(), "pebble", 2), Code.ITEM_NOT_CARRIED);
    assertRejected(drop(meta(), "sword", 1), Code.ITEM_NOT_CARRIED);
    assertRejected(drop(meta(), "unicorn", 1), Code.UNKNOWN_ITEM);
  }

  @Test
  void inventory_and_status_describe_the_pack_and_vitals() {
    join(meta());
    take(meta(), "sword", 1);
    take(meta(), "pebble", 12);
    InventoryView inventory = ann.<InventoryView>runCommand(r -> new ShowInventory(meta(), r)).reply();
    assertEquals(3, inventory.slotsUsed(), "12 pebbles fill a stack of 10 and spill into a second slot");
    assertEquals(3, inventory.slots());
    assertEquals(4_200, inventory.weightGrams());
    assertEquals(10_000, inventory.carryGrams());
    move(meta(), "north");
    StatusView status = ann.<StatusView>runCommand(r -> new ShowStatus(meta(), r)).reply();
    assertVitals(status, YARD, 50, 50, 10, 10, 9, 10);
  }

  @Test
  void state_survives_a_restart_and_presence_is_reasserted() {
    join(meta());
    take(meta(), "coin", 2);
    move(meta(), "north");
    for (int i = 0; i < 6; i++) {
      drop(meta(), "coin", 1);
      take(meta(), "coin", 1);
    }
    State before = ann.getState();

    // The yard forgets her (as after a crash between two steps); her recovery must tell it again.
    TestProbe<LocationEntity.LeaveReply> left = kit.testKit().createTestProbe();
    keep.location(YARD).tell(new LocationEntity.Leave(meta(), "ann", null, left.ref()));
    left.receiveMessage();
    assertFalse(keep.look(YARD).occupants().contains("ann"));

    State after = ann.restart().state();
    assertEquals(before.location(), after.location());
    assertEquals(before.inventory(), after.inventory());
    assertEquals(before.vitals(), after.vitals());
    assertEquals(before.clock(), after.clock());
    kit.testKit().createTestProbe().awaitAssert(Duration.ofSeconds(3), () -> {
      assertTrue(keep.look(YARD).occupants().contains("ann"), "presence is re-asserted after recovery");
      return null;
    });
  }

  private static CommandMeta meta() {
    return CommandMeta.fresh("ann");
  }

  private int quantityAt(String location, String item) {
    return keep.look(location).items().stream().filter(s -> s.item().equals(item)).mapToInt(ItemStack::quantity).sum();
  }

  private CommandResultWithReply<Command, Event, State, JoinReply> join(CommandMeta meta) {
    return ann.runCommand(r -> new Join(meta, r));
  }

  private CommandResultWithReply<Command, Event, State, MoveReply> move(CommandMeta meta, String direction) {
    return ann.runCommand(r -> new Move(meta, direction, r));
  }

  private CommandResultWithReply<Command, Event, State, LookReply> look(CommandMeta meta) {
    return ann.runCommand(r -> new Look(meta, r));
  }

  private CommandResultWithReply<Command, Event, State, TakeReply> take(CommandMeta meta, String item, int quantity) {
    return ann.runCommand(r -> new Take(meta, item, quantity, r));
  }

  private CommandResultWithReply<Command, Event, State, DropReply> drop(CommandMeta meta, String item, int quantity) {
    return ann.runCommand(r -> new Drop(meta, item, quantity, r));
  }

  private static Rejected assertRejected(CommandResultWithReply<Command, Event, State, ?> result, Code code) {
    Rejected rejected = assertInstanceOf(Rejected.class, result.reply());
    assertEquals(code, rejected.rejection().code(), rejected.rejection().message());
    assertTrue(result.hasNoEvents(), "a rejection persists nothing");
    assertTrue(rejected.rejection().message().endsWith("."), "a rejection is a sentence: " + rejected.rejection().message());
    return rejected;
  }

  private static void assertVitals(StatusView s, String location, int hp, int hpMax, int mp, int mpMax, int sp, int spMax) {
    assertEquals(List.of(location, hp, hpMax, mp, mpMax, sp, spMax),
        List.of(s.location(), s.hp(), s.hpMax(), s.mp(), s.mpMax(), s.sp(), s.spMax()));
  }
}
