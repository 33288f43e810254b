package io.microcosm.location;

import static io.microcosm.testkit.TestWorlds.HALL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.microcosm.clock.Almanac;
import io.microcosm.entity.CommandMeta;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.TestWorlds;
import io.microcosm.world.World;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A location tells the NPCs present, and only them, what it publishes and what is said there. */
class OnlookersTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  private final World world = TestWorlds.keep();

  /** What one NPC was told. */
  record Told(String npc, Object what) {}

  @Test
  void the_npcs_present_are_told_what_happens_and_what_is_said_and_players_are_not() {
    TestProbe<Told> told = kit.testKit().createTestProbe();
    Onlookers onlookers = new Onlookers() {
      @Override
      public void saw(String npc, CommandMeta meta, LocationEntity.Broadcast broadcast) {
        told.ref().tell(new Told(npc, broadcast));
      }

      @Override
      public void heard(String npc, CommandMeta meta, String location, String speaker, String text) {
        told.ref().tell(new Told(npc, speaker + ": " + text));
      }
    };
    ActorRef<LocationEntity.Command> hall = kit.testKit().spawn(LocationEntity.create(HALL, world, TestWorlds.settings(),
        () -> 1_000L, Almanac.calm(world), LocationEntity.PresenceListener.NONE, Crowds.DEFAULT, onlookers));
    TestProbe<LocationEntity.EnterReply> entered = kit.testKit().createTestProbe();

    hall.tell(new LocationEntity.Enter(CommandMeta.fresh("keep.npc.ada"), "keep.npc.ada", null, entered.ref()));
    entered.receiveMessage();
    told.expectNoMessage(Duration.ofMillis(200)); // nobody else there, and she is not told of herself

    hall.tell(new LocationEntity.Enter(CommandMeta.fresh("keep.npc.bo"), "keep.npc.bo", null, entered.ref()));
    entered.receiveMessage();
    Told first = told.receiveMessage();
    assertEquals("keep.npc.ada", first.npc());
    assertEquals("keep.npc.bo", assertInstanceOf(LocationEntity.Arrival.class, first.what()).occupant());

    hall.tell(new LocationEntity.Enter(CommandMeta.fresh("ann"), "ann", null, entered.ref()));
    entered.receiveMessage();
    List<Told> arrival = told.receiveSeveralMessages(2);
    assertEquals(List.of("keep.npc.ada", "keep.npc.bo"), arrival.stream().map(Told::npc).toList(), "the NPCs, not the player");

    hall.tell(new LocationEntity.Speak(CommandMeta.fresh("ann"), "ann", "Hello, Bo."));
    assertEquals(List.of(new Told("keep.npc.ada", "ann: Hello, Bo."), new Told("keep.npc.bo", "ann: Hello, Bo.")),
        told.receiveSeveralMessages(2));

    TestProbe<LocationEntity.LeaveReply> left = kit.testKit().createTestProbe();
    hall.tell(new LocationEntity.Leave(CommandMeta.fresh("keep.npc.bo"), "keep.npc.bo", null, left.ref()));
    left.receiveMessage();
    Told gone = told.receiveMessage();
    assertEquals("keep.npc.ada", gone.npc(), "who left is told no more");
    assertTrue(gone.what() instanceof LocationEntity.Departure);
    told.expectNoMessage(Duration.ofMillis(200));
  }
}
