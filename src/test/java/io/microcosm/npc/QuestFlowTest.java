package io.microcosm.npc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.npc.NpcEntity.Command;
import io.microcosm.npc.NpcEntity.NpcView;
import io.microcosm.npc.NpcEntity.Tick;
import io.microcosm.npc.NpcEntity.Ticked;
import io.microcosm.player.PlayerEntity;
import io.microcosm.player.PlayerEntity.QuestTaken;
import io.microcosm.player.PlayerEntity.QuestView;
import io.microcosm.player.PlayerEntity.QuestsView;
import io.microcosm.player.PlayerEntity.StatusView;
import io.microcosm.player.PlayerEntity.TalkedToNpc;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.WorldFixture;
import io.microcosm.world.ItemDef;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A data quest from offer to reward: Hilda asks a player to look in on Brother Elric at the shrine.
 * Reaching the shrine and talking to Elric are tracked from the player's own deeds; talking to
 * Hilda again turns it in, and a retry of that talk does not pay twice.
 */
class QuestFlowTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  static final String HILDA = "vale.npc.hilda";
  static final String ELRIC = "vale.npc.elric";
  static final String QUEST = "vale.quest.a-word-for-the-keeper";

  @Test
  void a_data_quest_is_offered_accepted_progressed_and_turned_in_once() {
    World world = WorldLoader.load("vale");
    WorldFixture fixture = new WorldFixture(kit.testKit(), world);
    fixture.reset();
    NpcMind minds = new NpcMind(world, new NpcMind.Settings(new DayCycle(1440), 80, 40, 2880));
    Map<String, ActorRef<Command>> npcs = new LinkedHashMap<>();
    for (String id : List.of(HILDA, ELRIC)) {
      npcs.put(id, kit.testKit().spawn(NpcEntity.create(id, minds, fixture.settings,
          new NpcEntity.Peers(fixture::location, npcs::get))));
    }
    fixture.tick.set(600);
    Map<String, String> where = new LinkedHashMap<>();
    TestProbe<Ticked> ticked = kit.testKit().createTestProbe();
    for (var npc : npcs.entrySet()) {
      npc.getValue().tell(new Tick(CommandMeta.fresh("zone"), 600, null, ticked.ref()));
      ticked.receiveMessage(Duration.ofSeconds(10));
      TestProbe<NpcView> view = kit.testKit().createTestProbe();
      npc.getValue().tell(new NpcEntity.Inspect(CommandMeta.fresh("test"), view.ref()));
      where.put(npc.getKey(), view.receiveMessage().location());
    }
    assertNotNull(where.get(HILDA));
    assertTrue(!"vale.shrine".equals(where.get(HILDA)), "the shrine is a walk from the inn: " + where);

    PlayerEntity.Peers peers = new PlayerEntity.Peers(fixture::location, fixture::creature, fixture::player, npcs::get);
    ActorRef<PlayerEntity.Command> ann = kit.testKit().spawn(PlayerEntity.create("ann", world, fixture.settings, peers,
        fixture.ticks));
    TestProbe<Object> probe = kit.testKit().createTestProbe();
    ann.tell(new PlayerEntity.Join(CommandMeta.fresh("ann"), narrow(probe.ref())));
    probe.receiveMessage();
    teleport(ann, probe, where.get(HILDA));

    // offered when talking to Hilda, accepted with a bare "accept"
    TalkedToNpc offer = talk(ann, probe, HILDA, CommandMeta.fresh("ann"));
    assertEquals(List.of(QUEST), offer.quests().stream().map(PlayerEntity.QuestOffer::id).toList());
    ann.tell(new PlayerEntity.AcceptQuest(CommandMeta.fresh("ann"), null, narrow(probe.ref())));
    QuestView accepted = assertInstanceOf(QuestTaken.class, probe.receiveMessage()).quest();
    assertEquals(QUEST, accepted.id());
    assertEquals(List.of(0, 0), accepted.objectives().stream().map(PlayerEntity.ObjectiveView::progress).toList());
    ann.tell(new PlayerEntity.AcceptQuest(CommandMeta.fresh("ann"), QUEST, narrow(probe.ref())));
    assertEquals(Code.NO_SUCH_QUEST, assertInstanceOf(PlayerEntity.Rejected.class, probe.receiveMessage()).rejection().code());
    assertTrue(talk(ann, probe, HILDA, CommandMeta.fresh("ann")).quests().isEmpty(), "not offered again while on it");

    // turning in too early completes nothing
    assertTrue(talk(ann, probe, HILDA, CommandMeta.fresh("ann")).completed().isEmpty());

    // reach the shrine, talk to Elric
    teleport(ann, probe, "vale.shrine");
    assertEquals(List.of(1, 0), progress(ann, probe));
    teleport(ann, probe, where.get(ELRIC));
    talk(ann, probe, ELRIC, CommandMeta.fresh("ann"));
    assertEquals(List.of(1, 1), progress(ann, probe));

    // with a full pack the quest stays done, its stew not lost: the player is told to make room
    teleport(ann, probe, where.get(HILDA));
    long expDone = status(ann, probe).exp();
    Map<String, Integer> carried = fillPack(ann, probe, world);
    TalkedToNpc full = talk(ann, probe, HILDA, CommandMeta.fresh("ann"));
    assertTrue(full.completed().isEmpty(), "nothing turned in while the reward does not fit");
    assertEquals(List.of(QUEST), full.heldBack().stream().map(QuestView::id).toList());
    assertEquals(expDone, status(ann, probe).exp());
    assertEquals(List.of(1, 1), progress(ann, probe), "still done, still in the journal");
    carried.forEach((item, quantity) -> {
      ann.tell(new PlayerEntity.Drop(CommandMeta.fresh("ann"), item, quantity, narrow(probe.ref())));
      assertInstanceOf(PlayerEntity.Dropped.class, probe.receiveMessage());
    });

    // turned in to Hilda: exp, stew and standing, once
    StatusView before = status(ann, probe);
    CommandMeta turnIn = CommandMeta.fresh("ann");
    TalkedToNpc done = talk(ann, probe, HILDA, turnIn);
    assertEquals(List.of(QUEST), done.completed().stream().map(QuestView::id).toList());
    StatusView after = status(ann, probe);
    assertEquals(before.exp() + 20, after.exp());
    assertEquals(standing(before, "vale-folk") + 5, standing(after, "vale-folk"));
    assertEquals(standing(before, "lantern-order") + 3, standing(after, "lantern-order"));
    assertEquals(1, stew(ann, probe));

    TalkedToNpc again = talk(ann, probe, HILDA, turnIn);
    assertTrue(again.completed().isEmpty(), "a retried turn-in pays nothing more");
    assertEquals(after.exp(), status(ann, probe).exp());
    assertEquals(1, stew(ann, probe));

    ann.tell(new PlayerEntity.ShowQuests(CommandMeta.fresh("ann"), narrow(probe.ref())));
    QuestsView log = assertInstanceOf(QuestsView.class, probe.receiveMessage());
    assertTrue(log.active().isEmpty());
    assertEquals(List.of(QUEST), log.completed().stream().map(QuestView::id).toList());
    ann.tell(new PlayerEntity.AcceptQuest(CommandMeta.fresh("ann"), QUEST, narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.Rejected.class, probe.receiveMessage(), "done quests are not taken again");
  }

  /** Grants ann the heaviest things first, then lighter ones, until nothing more fits; what she then carries. */
  private static Map<String, Integer> fillPack(ActorRef<PlayerEntity.Command> p, TestProbe<Object> probe, World world) {
    Map<String, Integer> granted = new LinkedHashMap<>();
    List<ItemDef> byWeight = world.items().values().stream().filter(i -> !i.id().equals("hunters-stew"))
        .sorted(java.util.Comparator.comparingInt(ItemDef::weightGrams).reversed()).toList();
    for (ItemDef item : byWeight) {
      while (true) {
        p.tell(new PlayerEntity.Grant(CommandMeta.fresh("admin"), item.id(), 1, narrow(probe.ref())));
        if (!(probe.receiveMessage() instanceof PlayerEntity.Taken)) {
          break;
        }
        granted.merge(item.id(), 1, Integer::sum);
      }
    }
    assertTrue(!granted.isEmpty(), "the pack took something");
    return granted;
  }

  private static List<Integer> progress(ActorRef<PlayerEntity.Command> p, TestProbe<Object> probe) {
    p.tell(new PlayerEntity.ShowQuests(CommandMeta.fresh("ann"), narrow(probe.ref())));
    QuestsView log = assertInstanceOf(QuestsView.class, probe.receiveMessage());
    return log.active().get(0).objectives().stream().map(PlayerEntity.ObjectiveView::progress).toList();
  }

  private static int stew(ActorRef<PlayerEntity.Command> p, TestProbe<Object> probe) {
    p.tell(new PlayerEntity.ShowInventory(CommandMeta.fresh("ann"), narrow(probe.ref())));
    PlayerEntity.InventoryView inv = assertInstanceOf(PlayerEntity.InventoryView.class, probe.receiveMessage());
    return inv.items().stream().filter(s -> s.item().equals("hunters-stew")).mapToInt(s -> s.quantity()).sum();
  }

  private static int standing(StatusView s, String faction) {
    return s.standing().stream().filter(v -> v.faction().equals(faction)).findFirst().orElseThrow().standing();
  }

  private static StatusView status(ActorRef<PlayerEntity.Command> p, TestProbe<Object> probe) {
    p.tell(new PlayerEntity.ShowStatus(CommandMeta.fresh("ann"), narrow(probe.ref())));
    return assertInstanceOf(StatusView.class, probe.receiveMessage());
  }

  private static void teleport(ActorRef<PlayerEntity.Command> p, TestProbe<Object> probe, String to) {
    p.tell(new PlayerEntity.Teleport(CommandMeta.fresh("admin"), to, narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.Arrived.class, probe.receiveMessage());
  }

  private static TalkedToNpc talk(ActorRef<PlayerEntity.Command> p, TestProbe<Object> probe, String npc, CommandMeta meta) {
    p.tell(new PlayerEntity.TalkToNpc(meta, npc, null, narrow(probe.ref())));
    return assertInstanceOf(TalkedToNpc.class, probe.receiveMessage());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <R> ActorRef<R> narrow(ActorRef<Object> ref) {
    return (ActorRef) ref;
  }
}
