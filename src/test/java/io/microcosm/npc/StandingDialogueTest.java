package io.microcosm.npc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.microcosm.entity.CommandMeta;
import io.microcosm.npc.NpcEntity.Command;
import io.microcosm.npc.NpcEntity.NpcView;
import io.microcosm.npc.NpcEntity.Said;
import io.microcosm.npc.NpcEntity.Talk;
import io.microcosm.npc.NpcEntity.TalkReply;
import io.microcosm.npc.NpcEntity.Tick;
import io.microcosm.npc.NpcEntity.Ticked;
import io.microcosm.player.PlayerEntity;
import io.microcosm.player.PlayerEntity.GaveToNpc;
import io.microcosm.player.PlayerEntity.StatusView;
import io.microcosm.player.PlayerEntity.TalkedToNpc;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.WorldFixture;
import io.microcosm.world.FactionDef;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * NPCs treat players by their standing with the NPC's faction: a lean year in which the Order of the
 * Lantern starts out counting newcomers enemies. Mira turns such a player away and takes no help
 * from them; gifts raise the standing until she talks again, and asks for help.
 */
class StandingDialogueTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  static final String MIRA = EmergentQuestTest.MIRA;

  @Test
  void a_hostile_player_is_refused_until_gifts_raise_the_standing() {
    World world = distrustful(EmergentQuestTest.leanYear(WorldLoader.load("vale")), -61);
    WorldFixture fixture = new WorldFixture(kit.testKit(), world);
    fixture.reset();
    NpcMind minds = new NpcMind(world, new NpcMind.Settings(new DayCycle(1440), 80, 40, 2880));
    Map<String, ActorRef<Command>> npcs = new LinkedHashMap<>();
    ActorRef<Command> mira = kit.testKit().spawn(NpcEntity.create(MIRA, minds, fixture.settings,
        new NpcEntity.Peers(fixture::location, npcs::get)));
    npcs.put(MIRA, mira);
    NpcView view = hungry(fixture, mira);

    PlayerEntity.Peers peers = new PlayerEntity.Peers(fixture::location, fixture::creature, fixture::player, npcs::get);
    ActorRef<PlayerEntity.Command> ann = kit.testKit().spawn(PlayerEntity.create("ann", world, fixture.settings, peers,
        fixture.ticks));
    TestProbe<Object> probe = kit.testKit().createTestProbe();
    ann.tell(new PlayerEntity.Join(CommandMeta.fresh("ann"), narrow(probe.ref())));
    probe.receiveMessage();
    ann.tell(new PlayerEntity.Teleport(CommandMeta.fresh("admin"), view.location(), narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.Arrived.class, probe.receiveMessage());
    ann.tell(new PlayerEntity.Grant(CommandMeta.fresh("admin"), "bread", 5, narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.Taken.class, probe.receiveMessage());

    // hostile (-61): turned away, no help asked
    TalkedToNpc refused = talk(ann, probe);
    assertTrue(refused.line().contains("nothing to say"), refused.line());
    assertNull(refused.offer());
    assertTrue(refused.quests().isEmpty(), "no quests offered either");
    ann.tell(new PlayerEntity.AcceptQuest(CommandMeta.fresh("ann"), "vale.quest.healwort-for-mira", narrow(probe.ref())));
    PlayerEntity.Rejected noQuest = assertInstanceOf(PlayerEntity.Rejected.class, probe.receiveMessage());
    assertTrue(noQuest.rejection().message().contains("will not trust you"), noQuest.rejection().message());

    // nor taken: three loaves meet her need, but not from an enemy
    ann.tell(new PlayerEntity.GiveToNpc(CommandMeta.fresh("ann"), "bread", 3, MIRA, narrow(probe.ref())));
    GaveToNpc cold = assertInstanceOf(GaveToNpc.class, probe.receiveMessage());
    assertNull(cold.helped());
    assertEquals(0, cold.exp());
    assertTrue(cold.line().contains("buys you nothing"), cold.line());
    assertEquals(-60, standing(ann, probe, "lantern-order"), "a gift is still worth a point");
    assertEquals("hostile", tier(ann, probe, "lantern-order"));

    // one more gift: unfriendly now, she talks (curtly) and asks for help again
    ann.tell(new PlayerEntity.GiveToNpc(CommandMeta.fresh("ann"), "bread", 1, MIRA, narrow(probe.ref())));
    assertInstanceOf(GaveToNpc.class, probe.receiveMessage());
    assertEquals(-59, standing(ann, probe, "lantern-order"));
    assertEquals("unfriendly", tier(ann, probe, "lantern-order"));
    TalkedToNpc curt = talk(ann, probe);
    assertTrue(curt.line().startsWith("What do you want, ann?"), curt.line());
    assertNotNull(curt.offer(), "she still needs bread: " + curt.line());
  }

  @Test
  void honoured_players_are_greeted_warmly_and_neutral_ones_plainly() {
    World world = WorldLoader.load("vale");
    WorldFixture fixture = new WorldFixture(kit.testKit(), world);
    fixture.reset();
    NpcMind minds = new NpcMind(world, new NpcMind.Settings(new DayCycle(1440), 80, 40, 2880));
    Map<String, ActorRef<Command>> npcs = new LinkedHashMap<>();
    ActorRef<Command> mira = kit.testKit().spawn(NpcEntity.create(MIRA, minds, fixture.settings,
        new NpcEntity.Peers(fixture::location, npcs::get)));
    NpcView view = hungry(fixture, mira, 0);
    TestProbe<TalkReply> talk = kit.testKit().createTestProbe();
    mira.tell(new Talk(CommandMeta.fresh("ann"), "ann", view.location(), null, fixture.tick.get(), 75, talk.ref()));
    Said warm = assertInstanceOf(Said.class, talk.receiveMessage());
    assertTrue(warm.line().startsWith("Welcome, welcome, ann! The Order of the Lantern owes you much"), warm.line());
    mira.tell(new Talk(CommandMeta.fresh("bob"), "bob", view.location(), null, fixture.tick.get(), 0, talk.ref()));
    Said plain = assertInstanceOf(Said.class, talk.receiveMessage());
    assertTrue(!plain.line().contains("Welcome, welcome") && !plain.line().contains("What do you want"), plain.line());
    mira.tell(new Talk(CommandMeta.fresh("cy"), "cy", view.location(), null, fixture.tick.get(), -100, talk.ref()));
    Said cold = assertInstanceOf(Said.class, talk.receiveMessage());
    assertTrue(cold.line().contains("nothing to say"), cold.line());
  }

  private static NpcView hungry(WorldFixture fixture, ActorRef<Command> mira) {
    return hungry(fixture, mira, 1);
  }

  /** Ticks Mira from morning until she wants {@code goals} goals (0: just one tick, awake). */
  private static NpcView hungry(WorldFixture fixture, ActorRef<Command> mira, int goals) {
    TestProbe<Ticked> ticked = kit.testKit().createTestProbe();
    NpcView view = null;
    for (long t = 600; t <= 1440 + 360 && (view == null || view.goals().size() < goals); t += 30) {
      fixture.tick.set(t);
      mira.tell(new Tick(CommandMeta.fresh("zone"), t, null, ticked.ref()));
      ticked.receiveMessage(Duration.ofSeconds(10));
      TestProbe<NpcView> probe = kit.testKit().createTestProbe();
      mira.tell(new NpcEntity.Inspect(CommandMeta.fresh("test"), probe.ref()));
      view = probe.receiveMessage();
    }
    assertNotNull(view);
    assertEquals(goals, Math.min(goals, view.goals().size()), "she wants bread: " + view.needs());
    return view;
  }

  private static TalkedToNpc talk(ActorRef<PlayerEntity.Command> player, TestProbe<Object> probe) {
    player.tell(new PlayerEntity.TalkToNpc(CommandMeta.fresh("p"), MIRA, null, narrow(probe.ref())));
    return assertInstanceOf(TalkedToNpc.class, probe.receiveMessage());
  }

  private static int standing(ActorRef<PlayerEntity.Command> player, TestProbe<Object> probe, String faction) {
    return view(player, probe, faction).standing();
  }

  private static String tier(ActorRef<PlayerEntity.Command> player, TestProbe<Object> probe, String faction) {
    return view(player, probe, faction).tier();
  }

  private static PlayerEntity.StandingView view(ActorRef<PlayerEntity.Command> player, TestProbe<Object> probe,
      String faction) {
    player.tell(new PlayerEntity.ShowStatus(CommandMeta.fresh("p"), narrow(probe.ref())));
    StatusView status = assertInstanceOf(StatusView.class, probe.receiveMessage());
    return status.standing().stream().filter(v -> v.faction().equals(faction)).findFirst().orElseThrow();
  }

  /** The world with the Order of the Lantern starting newcomers at {@code standing}. */
  static World distrustful(World w, int standing) {
    Map<String, FactionDef> factions = new LinkedHashMap<>(w.factions());
    FactionDef o = factions.get("lantern-order");
    factions.put(o.id(), new FactionDef(o.id(), o.name(), o.description(), o.relations(), standing));
    return new World(w.name(), w.title(), w.start(), w.home(), w.seed(), w.player(), w.zones(), w.locations(), w.items(),
        w.effects(), w.nodes(), w.stations(), w.recipes(), w.creatureKinds(), w.creatures(), w.npcs(), factions, w.lore(), w.quests());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <R> ActorRef<R> narrow(ActorRef<Object> ref) {
    return (ActorRef) ref;
  }
}
