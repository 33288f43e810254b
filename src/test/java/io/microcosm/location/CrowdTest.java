package io.microcosm.location;

import static io.microcosm.testkit.TestWorlds.HALL;
import static io.microcosm.testkit.TestWorlds.YARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.pubsub.Topic;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import io.microcosm.entity.CommandMeta;
import io.microcosm.location.LocationEntity.*;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.TestWorlds;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CrowdTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  /** Crowded above two; announced every 300 ms; views and announcements name two. */
  private static final Crowds SMALL = new Crowds(2, Duration.ofMillis(300), 2);

  @Test
  void a_crowded_place_announces_arrivals_and_departures_together_and_names_only_a_few() {
    EventSourcedBehaviorTestKit<Command, Event, State> hall = EventSourcedBehaviorTestKit.create(kit.testKit().system(),
        LocationEntity.create(HALL, TestWorlds.keep(), TestWorlds.settings(), () -> 1_000L, SMALL),
        EventSourcedBehaviorTestKit.enabledSerializationSettings());
    TestProbe<Broadcast> heard = kit.testKit().createTestProbe();
    ActorRef<Topic.Command<Broadcast>> topic = kit.testKit().spawn(LocationEntity.topic(HALL));
    topic.tell(Topic.subscribe(heard.ref()));
    // A drop is always told at once: repeat one until the location's topic knows the subscriber.
    heard.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(10), () -> {
      hall.<PlaceReply>runCommand(r -> new PlaceItem(CommandMeta.fresh("test"), "ann", "pebble", 1, r));
      heard.expectMessageClass(ItemsDropped.class, Duration.ofMillis(200));
      return null;
    });
    heard.receiveSeveralMessages(0);

    for (String who : List.of("ann", "bob")) {
      hall.<EnterReply>runCommand(r -> new Enter(CommandMeta.fresh(who), who, YARD, r));
      assertEquals(who, heard.expectMessageClass(Arrival.class).occupant(), "two are not a crowd: told one by one");
    }
    for (String who : List.of("cid", "dee", "eve")) {
      hall.<EnterReply>runCommand(r -> new Enter(CommandMeta.fresh(who), who, YARD, r));
    }
    Crowd came = heard.expectMessageClass(Crowd.class, Duration.ofSeconds(3));
    assertEquals(List.of("cid", "dee"), came.arrived());
    assertEquals(3, came.arrivals());
    assertEquals(0, came.departures());
    assertEquals(5, came.present());
    heard.expectNoMessage(Duration.ofMillis(400));

    Seen seen = (Seen) hall.<LookReply>runCommand(r -> new Look(CommandMeta.fresh("eve"), r)).reply();
    assertEquals(List.of("eve", "dee"), seen.view().occupants(), "a view names the latest arrivals, at most two");
    assertEquals(5, seen.view().present());

    hall.<LeaveReply>runCommand(r -> new Leave(CommandMeta.fresh("ann"), "ann", YARD, r));
    Crowd went = heard.expectMessageClass(Crowd.class, Duration.ofSeconds(3));
    assertEquals(List.of("ann"), went.departed());
    assertEquals(1, went.departures());
    assertEquals(4, went.present());
  }

  @Test
  void crowd_settings_name_the_key_that_is_wrong() {
    var e = assertThrows(IllegalArgumentException.class, () -> new Crowds(0, Duration.ofSeconds(1), 5));
    assertEquals("microcosm.location.crowd-size must be >= 1, was 0", e.getMessage());
    assertInstanceOf(IllegalArgumentException.class,
        assertThrows(IllegalArgumentException.class, () -> new Crowds(5, Duration.ZERO, 5)));
  }
}
