package io.microcosm.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.microcosm.entity.CommandMeta;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.WorldFixture;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quest objectives advance from the player's own deeds against the real world: healwort picked
 * from a real node, leather made at a real tanning rack, rats killed in the mines. Progress is
 * stored with the deed, so it is there when the log is read.
 */
class QuestProgressTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  private final World world = WorldLoader.load("vale");
  private WorldFixture fixture;
  private ActorRef<PlayerEntity.Command> cal;
  private TestProbe<Object> probe;

  @BeforeEach
  void setUp() {
    fixture = new WorldFixture(kit.testKit(), world);
    fixture.reset();
    PlayerEntity.Peers peers = new PlayerEntity.Peers(fixture::location, fixture::creature, fixture::player, id -> null);
    cal = kit.testKit().spawn(PlayerEntity.create("cal", world, fixture.settings, peers, fixture.ticks));
    probe = kit.testKit().createTestProbe();
    cal.tell(new PlayerEntity.Join(CommandMeta.fresh("cal"), narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.Joined.class, probe.receiveMessage());
  }

  @Test
  void picking_healwort_counts_towards_a_gather_objective() {
    accept("vale.quest.healwort-for-mira");
    go("vale.orchard");
    cal.tell(new PlayerEntity.Gather(CommandMeta.fresh("cal"), "herb-patch", narrow(probe.ref())));
    PlayerEntity.Gathered picked = assertInstanceOf(PlayerEntity.Gathered.class, probe.receiveMessage());
    assertEquals("healwort", picked.item());
    assertEquals(List.of(picked.quantity(), 0), progress("vale.quest.healwort-for-mira"),
        "gathered counts; delivering waits for Mira");
  }

  @Test
  void leather_made_at_the_tannery_counts_towards_a_craft_objective_and_finishes_it() {
    accept("vale.quest.hides-for-the-tannery");
    cal.tell(new PlayerEntity.Grant(CommandMeta.fresh("admin"), "wolf-pelt", 1, narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.Taken.class, probe.receiveMessage());
    go("vale.tannery");
    cal.tell(new PlayerEntity.Craft(CommandMeta.fresh("cal"), "leather-from-wolf-pelt", 1, narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.Crafted.class, probe.receiveMessage());
    assertEquals(List.of(2), progress("vale.quest.hides-for-the-tannery"));
    assertTrue(quest("vale.quest.hides-for-the-tannery").done(), "two leathers were asked for: done");
  }

  @Test
  void rats_killed_in_the_mines_count_towards_a_kill_objective() {
    accept("vale.quest.rats-in-the-mill");
    go("mines.tunnel");
    int kills = 0;
    for (int blow = 0; blow < 200 && kills < 2; blow++) {
      cal.tell(new PlayerEntity.Attack(CommandMeta.fresh("cal"), "rat", narrow(probe.ref())));
      Object reply = probe.receiveMessage();
      if (reply instanceof PlayerEntity.Fought f) {
        assertTrue(f.death() == null, "a rat is no match for a fresh character: " + f);
        kills += f.killed() ? 1 : 0;
      }
    }
    assertEquals(2, kills, "both rats of the tunnel fell");
    assertEquals(List.of(2), progress("vale.quest.rats-in-the-mill"));
    assertTrue(!quest("vale.quest.rats-in-the-mill").done(), "three were asked for");
  }

  private void accept(String quest) {
    cal.tell(new PlayerEntity.AcceptQuest(CommandMeta.fresh("cal"), quest, narrow(probe.ref())));
    assertEquals(quest, assertInstanceOf(PlayerEntity.QuestTaken.class, probe.receiveMessage()).quest().id());
  }

  private void go(String location) {
    cal.tell(new PlayerEntity.Teleport(CommandMeta.fresh("admin"), location, narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.Arrived.class, probe.receiveMessage());
  }

  private PlayerEntity.QuestView quest(String id) {
    cal.tell(new PlayerEntity.ShowQuests(CommandMeta.fresh("cal"), narrow(probe.ref())));
    PlayerEntity.QuestsView log = assertInstanceOf(PlayerEntity.QuestsView.class, probe.receiveMessage());
    return log.active().stream().filter(q -> q.id().equals(id)).findFirst().orElseThrow();
  }

  private List<Integer> progress(String id) {
    return quest(id).objectives().stream().map(PlayerEntity.ObjectiveView::progress).toList();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <R> ActorRef<R> narrow(ActorRef<Object> ref) {
    return (ActorRef) ref;
  }
}
