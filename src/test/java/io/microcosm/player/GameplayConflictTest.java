package io.microcosm.player;

import static io.microcosm.testkit.CampWorld.CLEARING;
import static io.microcosm.testkit.CampWorld.RAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity.*;
import io.microcosm.rules.ItemStack;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.CampWorld;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.WorldFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two players reach for the same scarce thing at the same moment. The entity that owns it decides,
 * one command at a time: the first wins, the second is refused, and nothing is created or lost.
 */
class GameplayConflictTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  private WorldFixture camp;
  private ActorRef<Command> ann;
  private ActorRef<Command> bob;

  @BeforeEach
  void setUp() {
    camp = new WorldFixture(kit.testKit(), CampWorld.create());
    camp.reset();
    ann = kit.testKit().spawn(PlayerEntity.create("ann", camp.world, camp.settings, camp.peers(), camp.ticks));
    bob = kit.testKit().spawn(PlayerEntity.create("bob", camp.world, camp.settings, camp.peers(), camp.ticks));
    for (ActorRef<Command> p : List.of(ann, bob)) {
      TestProbe<JoinReply> joined = kit.testKit().createTestProbe();
      p.tell(new Join(CommandMeta.fresh("test"), joined.ref()));
      assertInstanceOf(Joined.class, joined.receiveMessage());
    }
  }

  @AfterEach
  void tearDown() {
    kit.testKit().stop(ann);
    kit.testKit().stop(bob);
  }

  @RepeatedTest(5)
  void two_players_gather_the_last_unit_and_only_one_gets_it() {
    // Work the herb patch down to its last unit straight at the location.
    TestProbe<LocationEntity.HarvestReply> direct = kit.testKit().createTestProbe();
    int left = 3;
    while (left > 1) {
      camp.location(CLEARING).tell(new LocationEntity.Harvest(CommandMeta.fresh("test"), "someone", "herb-patch", 0, 1,
          direct.ref()));
      left = ((LocationEntity.Harvested) direct.receiveMessage()).remaining();
    }
    TestProbe<GatherReply> annSays = kit.testKit().createTestProbe();
    TestProbe<GatherReply> bobSays = kit.testKit().createTestProbe();
    ann.tell(new Gather(CommandMeta.fresh("ann"), "herb-patch", annSays.ref()));
    bob.tell(new Gather(CommandMeta.fresh("bob"), "herb-patch", bobSays.ref()));
    List<GatherReply> replies = List.of(annSays.receiveMessage(), bobSays.receiveMessage());

    long won = replies.stream().filter(r -> r instanceof Gathered).count();
    assertEquals(1, won, "exactly one gets the last herb: " + replies);
    Rejected lost = (Rejected) replies.stream().filter(r -> r instanceof Rejected).findFirst().orElseThrow();
    assertEquals(Code.DEPLETED, lost.rejection().code());
    assertEquals(1, carried(ann, "herb") + carried(bob, "herb"), "units are conserved");
    assertEquals(0, camp.look(CLEARING).nodes().get(0).remaining());
  }

  @RepeatedTest(5)
  void two_players_strike_a_creature_with_one_hit_point_and_it_dies_once() {
    TestProbe<AttackReply> annSays = kit.testKit().createTestProbe();
    TestProbe<AttackReply> bobSays = kit.testKit().createTestProbe();
    long kills = 0;
    long exp = 0;
    // A blow may miss; strike together until the rat is dead.
    for (int round = 0; round < 20 && kills == 0; round++) {
      ann.tell(new Attack(CommandMeta.fresh("ann"), RAT, annSays.ref()));
      bob.tell(new Attack(CommandMeta.fresh("bob"), RAT, bobSays.ref()));
      List<AttackReply> replies = List.of(annSays.receiveMessage(), bobSays.receiveMessage());
      for (AttackReply r : replies) {
        if (r instanceof Fought f) {
          kills += f.killed() ? 1 : 0;
          exp += f.exp();
        } else {
          assertEquals(Code.TARGET_DEAD, ((Rejected) r).rejection().code(), r.toString());
        }
      }
    }
    assertEquals(1, kills, "exactly one killing blow");
    assertEquals(5, exp, "experience is granted once");
    assertEquals(5, status(ann).exp() + status(bob).exp());
    kit.testKit().createTestProbe().awaitAssert(Duration.ofSeconds(3), () -> {
      assertEquals(List.of(new ItemStack("pelt", 1)),
          camp.look(CLEARING).items().stream().filter(s -> s.item().equals("pelt")).toList(), "one loot drop");
      return null;
    });
  }

  private int carried(ActorRef<Command> player, String item) {
    TestProbe<InventoryView> probe = kit.testKit().createTestProbe();
    player.tell(new ShowInventory(CommandMeta.fresh("test"), probe.ref()));
    return probe.receiveMessage().items().stream().filter(s -> s.item().equals(item)).mapToInt(ItemStack::quantity).sum();
  }

  private StatusView status(ActorRef<Command> player) {
    TestProbe<StatusView> probe = kit.testKit().createTestProbe();
    player.tell(new ShowStatus(CommandMeta.fresh("test"), probe.ref()));
    return probe.receiveMessage();
  }
}
