package io.microcosm.location;

import static io.microcosm.testkit.TestWorlds.HALL;
import static io.microcosm.testkit.TestWorlds.YARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.pubsub.Topic;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.location.LocationEntity.*;
import io.microcosm.rules.ItemStack;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.TestWorlds;
import io.microcosm.world.Direction;
import io.microcosm.world.World;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocationEntityTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  private final World world = TestWorlds.keep();
  private EventSourcedBehaviorTestKit<Command, Event, State> hall;

  @BeforeEach
  void setUp() {
    String id = HALL;
    hall = EventSourcedBehaviorTestKit.create(kit.testKit().system(),
        LocationEntity.create(id, world, TestWorlds.settings(), () -> 1_000L), EventSourcedBehaviorTestKit.enabledSerializationSettings());
    hall.clear();
  }

  private static CommandMeta meta() {
    return CommandMeta.fresh("test");
  }

  @Test
  void starts_with_the_items_of_its_world_data() {
    Seen seen = (Seen) look(meta()).reply();
    assertEquals("the great hall", seen.view().name());
    assertTrue(seen.view().items().contains(new ItemStack("gem", 1)));
    assertEquals(4, seen.view().exits().size());
  }

  @Test
  void enter_records_the_occupant_once() {
    var first = enter(meta(), "ann", YARD);
    assertEquals(List.of("ann"), ((Entered) first.reply()).view().occupants());
    assertInstanceOf(OccupantArrived.class, first.event());

    var again = enter(meta(), "ann", null);
    assertInstanceOf(Entered.class, again.reply());
    assertTrue(again.hasNoEvents(), "entering twice must persist nothing");
    assertEquals(List.of("ann"), again.state().occupants());
  }

  @Test
  void leave_removes_the_occupant_and_leaving_when_absent_changes_nothing() {
    enter(meta(), "ann", null);
    enter(meta(), "bob", null);
    var left = leave(meta(), "ann", YARD);
    assertInstanceOf(Left.class, left.reply());
    assertInstanceOf(OccupantDeparted.class, left.event());
    assertEquals(List.of("bob"), left.state().occupants());

    var absent = leave(meta(), "ann", YARD);
    assertInstanceOf(Left.class, absent.reply());
    assertTrue(absent.hasNoEvents());
  }

  @Test
  void find_exit_answers_open_missing_blocked_and_locked_ways() {
    ExitOpen north = (ExitOpen) findExit(meta(), Direction.NORTH).reply();
    assertEquals(YARD, north.target());
    assertEquals(1, north.staminaCost());

    assertRejected(findExit(meta(), Direction.SOUTH), Code.NO_EXIT);
    Rejected blocked = assertRejected(findExit(meta(), Direction.EAST), Code.EXIT_BLOCKED);
    assertEquals("Rubble blocks the east door.", blocked.rejection().message());
    assertRejected(findExit(meta(), Direction.WEST), Code.EXIT_LOCKED);
  }

  @Test
  void take_grants_from_the_ground_and_a_retry_grants_nothing_more() {
    CommandMeta meta = meta();
    var granted = take(meta, "ann", "coin", 5);
    assertEquals(new ItemGranted("coin", 5, 1), granted.reply());
    assertEquals(new ItemTaken(1, meta.commandId(), "ann", "coin", 5, 1_000), granted.event());
    assertEquals(7, granted.state().ground().quantity("coin"));

    var retry = take(meta, "ann", "coin", 5);
    assertInstanceOf(ItemGranted.class, retry.reply());
    assertTrue(retry.hasNoEvents());
    assertEquals(7, retry.state().ground().quantity("coin"));
  }

  @Test
  void take_refuses_what_is_not_there_unknown_things_and_bad_quantities() {
    assertRejected(take(meta(), "ann", "gem", 2), Code.ITEM_NOT_HERE);
    assertRejected(take(meta(), "ann", "unicorn", 1), Code.UNKNOWN_ITEM);
    assertRejected(take(meta(), "ann", "coin", 0), Code.INVALID_QUANTITY);
    take(meta(), "ann", "gem", 1);
    Rejected gone = assertRejected(take(meta(), "bob", "gem", 1), Code.ITEM_NOT_HERE);
    assertEquals("There is no green gem here.", gone.rejection().message());
  }

  @Test
  void place_adds_to_the_ground_once_per_command() {
    CommandMeta meta = meta();
    var placed = place(meta, "ann", "sword", 1);
    assertInstanceOf(ItemPlaced.class, placed.reply());
    assertEquals(5, placed.state().ground().quantity("sword"));
    var retry = place(meta, "ann", "sword", 1);
    assertInstanceOf(ItemPlaced.class, retry.reply());
    assertTrue(retry.hasNoEvents());
    assertRejected(place(meta(), "ann", "unicorn", 1), Code.UNKNOWN_ITEM);
    assertRejected(place(meta(), "ann", "sword", -1), Code.INVALID_QUANTITY);
  }

  @Test
  void events_carry_a_lamport_clock_above_the_senders_and_the_locations_own() {
    var first = enter(new CommandMeta(UUID.randomUUID(), "ann", 41), "ann", null);
    assertEquals(42, first.event().lamport());
    var second = take(new CommandMeta(UUID.randomUUID(), "bob", 3), "bob", "coin", 1);
    assertEquals(43, second.event().lamport(), "a sender behind the location's clock still moves it forward");
    assertEquals(43, second.state().clock());
  }

  @Test
  void state_survives_a_restart() {
    enter(meta(), "ann", null);
    for (int i = 0; i < 7; i++) {
      take(meta(), "ann", "pebble", 2);
    }
    CommandMeta last = meta();
    place(last, "ann", "pebble", 1);
    State before = hall.getState();
    var restarted = hall.restart();
    assertEquals(before.occupants(), restarted.state().occupants());
    assertEquals(before.ground(), restarted.state().ground());
    assertEquals(before.clock(), restarted.state().clock());
    assertTrue(restarted.state().recent().contains(last.commandId()), "dedup memory survives, snapshots included");
    assertEquals(17, restarted.state().ground().quantity("pebble"));
  }

  @Test
  void publishes_what_happens_on_the_location_topic() {
    TestProbe<Broadcast> subscriber = kit.testKit().createTestProbe();
    ActorRef<Topic.Command<Broadcast>> topic = kit.testKit().spawn(LocationEntity.topic(HALL));
    topic.tell(Topic.subscribe(subscriber.ref()));
    // The location's topic learns of this subscriber through the receptionist: keep arriving until it has.
    int[] visitor = {0};
    subscriber.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(10), () -> {
      String who = "visitor-" + visitor[0]++;
      enter(meta(), who, YARD);
      Arrival arrival = subscriber.expectMessageClass(Arrival.class, Duration.ofMillis(200));
      assertEquals(who, arrival.occupant());
      return null;
    });
    var taken = take(meta(), "ann", "coin", 2);
    assertEquals(new ItemsTaken(HALL, "ann", "coin", 2, taken.event().lamport()), subscriber.receiveMessage());
    place(meta(), "ann", "coin", 1);
    assertInstanceOf(ItemsDropped.class, subscriber.receiveMessage());
    leave(meta(), "visitor-0", YARD);
    assertEquals(new Departure(HALL, "visitor-0", YARD, hall.getState().clock()), subscriber.receiveMessage());
  }

  private CommandResultWithReply<Command, Event, State, EnterReply> enter(CommandMeta meta, String who, String from) {
    return hall.runCommand(r -> new Enter(meta, who, from, r));
  }

  private CommandResultWithReply<Command, Event, State, LeaveReply> leave(CommandMeta meta, String who, String to) {
    return hall.runCommand(r -> new Leave(meta, who, to, r));
  }

  private CommandResultWithReply<Command, Event, State, LookReply> look(CommandMeta meta) {
    return hall.runCommand(r -> new Look(meta, r));
  }

  private CommandResultWithReply<Command, Event, State, ExitReply> findExit(CommandMeta meta, Direction direction) {
    return hall.runCommand(r -> new FindExit(meta, direction, r));
  }

  private CommandResultWithReply<Command, Event, State, TakeReply> take(CommandMeta meta, String who, String item, int quantity) {
    return hall.runCommand(r -> new TakeItem(meta, who, item, quantity, r));
  }

  private CommandResultWithReply<Command, Event, State, PlaceReply> place(CommandMeta meta, String who, String item, int quantity) {
    return hall.runCommand(r -> new PlaceItem(meta, who, item, quantity, r));
  }

    private static Rejected assertRejected(CommandResultWithReply<Command, Event, State, ?> result, Code code) {
    Rejected rejected = assertInstanceOf(Rejected.class, result.reply());
    assertEquals(code, rejected.rejection().code(), rejected.rejection().message());
    assertTrue(result.hasNoEvents(), "a rejection persists nothing");
    assertTrue(rejected.rejection().message().endsWith("."), "a rejection is a sentence");
    return rejected;
  }
}
