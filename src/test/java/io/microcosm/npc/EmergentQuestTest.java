package io.microcosm.npc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.WorldFixture;
import io.microcosm.world.LocationDef;
import io.microcosm.world.NpcDef;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A lean year in the Vale: no food grows or lies anywhere and Mira's household has nothing to give.
 * Starving, she wants bread; a player who talks to her is asked for it, brings it, and is rewarded.
 */
class EmergentQuestTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  static final String MIRA = "vale.npc.mira";

  @Test
  void a_starving_npc_asks_a_player_for_bread_who_brings_it_and_is_rewarded() {
    World world = leanYear(WorldLoader.load("vale"));
    WorldFixture fixture = new WorldFixture(kit.testKit(), world);
    fixture.reset();
    NpcMind minds = new NpcMind(world, new NpcMind.Settings(new DayCycle(1440), 80, 40, 2880));
    Map<String, ActorRef<Command>> npcs = new LinkedHashMap<>();
    NpcEntity.Peers npcPeers = new NpcEntity.Peers(fixture::location, npcs::get);
    ActorRef<Command> mira = kit.testKit().spawn(NpcEntity.create(MIRA, minds, fixture.settings, npcPeers));
    npcs.put(MIRA, mira);

    TestProbe<Ticked> ticked = kit.testKit().createTestProbe();
    NpcView view = null;
    for (long t = 360; t <= 1440 + 360 && (view == null || view.goals().isEmpty()); t += 30) {
      fixture.tick.set(t);
      mira.tell(new Tick(CommandMeta.fresh("zone"), t, null, ticked.ref()));
      ticked.receiveMessage(Duration.ofSeconds(10));
      view = inspect(mira);
    }
    assertNotNull(view);
    assertEquals(1, view.goals().size(), "starving with nothing to eat, she wants something: " + view.needs());
    Goal goal = view.goals().get(0);
    assertEquals("bread", goal.item());
    assertEquals(3, goal.quantity());

    PlayerEntity.Peers peers = new PlayerEntity.Peers(fixture::location, fixture::creature, fixture::player, npcs::get);
    ActorRef<PlayerEntity.Command> ann = kit.testKit().spawn(PlayerEntity.create("ann", world, fixture.settings, peers,
        fixture.ticks));
    TestProbe<Object> probe = kit.testKit().createTestProbe();
    ann.tell(new PlayerEntity.Join(CommandMeta.fresh("ann"), narrow(probe.ref())));
    probe.receiveMessage();
    ann.tell(new PlayerEntity.Teleport(CommandMeta.fresh("admin"), view.location(), narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.Arrived.class, probe.receiveMessage());
    ann.tell(new PlayerEntity.Grant(CommandMeta.fresh("admin"), "bread", 3, narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.Taken.class, probe.receiveMessage());

    // offered
    TestProbe<TalkReply> talk = kit.testKit().createTestProbe();
    mira.tell(new Talk(CommandMeta.fresh("ann"), "ann", view.location(), null, fixture.tick.get(), 0, talk.ref()));
    Said said = assertInstanceOf(Said.class, talk.receiveMessage());
    assertEquals(goal, said.offer());
    assertTrue(said.line().contains("bring me 3 loaf of bread"), said.line());

    // asked through the player, and accepted: it joins the quest log
    ann.tell(new PlayerEntity.TalkToNpc(CommandMeta.fresh("ann"), MIRA, null, narrow(probe.ref())));
    PlayerEntity.TalkedToNpc asked = assertInstanceOf(PlayerEntity.TalkedToNpc.class, probe.receiveMessage());
    assertEquals(goal, asked.offer());
    ann.tell(new PlayerEntity.AcceptQuest(CommandMeta.fresh("ann"), null, narrow(probe.ref())));
    PlayerEntity.QuestView quest = assertInstanceOf(PlayerEntity.QuestTaken.class, probe.receiveMessage()).quest();
    assertTrue(quest.emergent());
    assertEquals(MIRA, quest.giver());
    assertEquals("Bring 3 loaf of bread to Mira", quest.title());
    assertEquals(30, quest.exp());

    // bob takes the same need on; ann will be the one to meet it
    ActorRef<PlayerEntity.Command> bob = kit.testKit().spawn(PlayerEntity.create("bob", world, fixture.settings, peers,
        fixture.ticks));
    bob.tell(new PlayerEntity.Join(CommandMeta.fresh("bob"), narrow(probe.ref())));
    probe.receiveMessage();
    bob.tell(new PlayerEntity.Teleport(CommandMeta.fresh("admin"), view.location(), narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.Arrived.class, probe.receiveMessage());
    bob.tell(new PlayerEntity.TalkToNpc(CommandMeta.fresh("bob"), MIRA, null, narrow(probe.ref())));
    assertEquals(goal, assertInstanceOf(PlayerEntity.TalkedToNpc.class, probe.receiveMessage()).offer());
    bob.tell(new PlayerEntity.AcceptQuest(CommandMeta.fresh("bob"), null, narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.QuestTaken.class, probe.receiveMessage());

    // brought and completed
    CommandMeta give = CommandMeta.fresh("ann");
    ann.tell(new PlayerEntity.GiveToNpc(give, "bread", 3, MIRA, narrow(probe.ref())));
    PlayerEntity.GaveToNpc gave = assertInstanceOf(PlayerEntity.GaveToNpc.class, probe.receiveMessage());
    assertEquals(goal.id(), gave.helped().id());
    assertEquals(30, gave.exp());
    assertTrue(gave.inventory().items().stream().noneMatch(s -> s.item().equals("bread")), "the bread left the pack");

    NpcView after = inspect(mira);
    assertTrue(after.goals().isEmpty(), "the need is met");
    assertTrue(after.relationships().get("ann").affinity() > 10, after.relationships().toString());
    assertTrue(after.pack().stream().anyMatch(s -> s.item().equals("bread") && s.quantity() == 3));

    ann.tell(new PlayerEntity.ShowStatus(CommandMeta.fresh("ann"), narrow(probe.ref())));
    PlayerEntity.StatusView status = assertInstanceOf(PlayerEntity.StatusView.class, probe.receiveMessage());
    assertEquals(30, status.exp());
    ann.tell(new PlayerEntity.ShowQuests(CommandMeta.fresh("ann"), narrow(probe.ref())));
    PlayerEntity.QuestsView log = assertInstanceOf(PlayerEntity.QuestsView.class, probe.receiveMessage());
    assertTrue(log.active().isEmpty(), "the gift that met her need completed it");
    assertEquals(List.of(quest.id()), log.completed().stream().map(PlayerEntity.QuestView::id).toList());
    // the gift (+1) and the help (+2 a loaf) raise standing with her Order, a little with its friends
    // the Vale Folk (40%) and lower it with its rivals the Hill Guild (-20%)
    Map<String, Integer> standing = standing(status);
    assertEquals(Map.of("lantern-order", 7, "vale-folk", 12, "hill-guild", -1), standing);
    assertEquals("neutral", status.standing().get(0).tier());

    // a retry of the same gift neither takes nor rewards twice
    ann.tell(new PlayerEntity.GiveToNpc(give, "bread", 3, MIRA, narrow(probe.ref())));
    assertInstanceOf(PlayerEntity.GaveToNpc.class, probe.receiveMessage());
    ann.tell(new PlayerEntity.ShowStatus(CommandMeta.fresh("ann"), narrow(probe.ref())));
    PlayerEntity.StatusView again = assertInstanceOf(PlayerEntity.StatusView.class, probe.receiveMessage());
    assertEquals(30, again.exp());
    assertEquals(standing, standing(again));

    // bob, talking to her next, hears that she needs nothing now, and the need leaves his journal
    CommandMeta bobTalks = CommandMeta.fresh("bob");
    bob.tell(new PlayerEntity.TalkToNpc(bobTalks, MIRA, null, narrow(probe.ref())));
    PlayerEntity.TalkedToNpc told = assertInstanceOf(PlayerEntity.TalkedToNpc.class, probe.receiveMessage());
    assertEquals(List.of(quest.title()), told.withdrawn());
    bob.tell(new PlayerEntity.ShowQuests(CommandMeta.fresh("bob"), narrow(probe.ref())));
    PlayerEntity.QuestsView bobs = assertInstanceOf(PlayerEntity.QuestsView.class, probe.receiveMessage());
    assertTrue(bobs.active().isEmpty() && bobs.completed().isEmpty(), "withdrawn, neither active nor completed: " + bobs);
    bob.tell(new PlayerEntity.TalkToNpc(bobTalks, MIRA, null, narrow(probe.ref())));
    assertTrue(assertInstanceOf(PlayerEntity.TalkedToNpc.class, probe.receiveMessage()).withdrawn().isEmpty(),
        "a retried talk withdraws nothing more");

    // she eats it when next she ticks, and remembers who helped her
    fixture.tick.set(fixture.tick.get() + 1);
    mira.tell(new Tick(CommandMeta.fresh("zone"), fixture.tick.get(), null, ticked.ref()));
    ticked.receiveMessage(Duration.ofSeconds(10));
    TestProbe<NpcEntity.MemoriesView> memories = kit.testKit().createTestProbe();
    mira.tell(new NpcEntity.Recall(CommandMeta.fresh("api"), null, 1, 3, "ann bread helped", memories.ref()));
    assertTrue(memories.receiveMessage().memories().get(0).about().contains("ann"));
  }

  private static Map<String, Integer> standing(PlayerEntity.StatusView status) {
    Map<String, Integer> byFaction = new LinkedHashMap<>();
    status.standing().forEach(v -> byFaction.put(v.faction(), v.standing()));
    return byFaction;
  }

  private static NpcView inspect(ActorRef<Command> npc) {
    TestProbe<NpcView> probe = kit.testKit().createTestProbe();
    npc.tell(new NpcEntity.Inspect(CommandMeta.fresh("test"), probe.ref()));
    return probe.receiveMessage();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <R> ActorRef<R> narrow(ActorRef<Object> ref) {
    return (ActorRef) ref;
  }

  /** The world with no food on any ground, no food node anywhere, and Mira owning and given nothing. */
  static World leanYear(World w) {
    Map<String, LocationDef> locations = new LinkedHashMap<>();
    for (LocationDef l : w.locations().values()) {
      Map<String, Integer> items = new LinkedHashMap<>(l.items());
      items.keySet().removeIf(i -> w.items().get(i).kind() == io.microcosm.world.ItemKind.FOOD);
      List<String> nodes = l.nodes().stream()
          .filter(n -> w.items().get(w.nodes().get(n).item()).kind() != io.microcosm.world.ItemKind.FOOD).toList();
      locations.put(l.id(), new LocationDef(l.id(), l.zone(), l.name(), l.description(), l.exits(), items, nodes,
          l.stations(), l.creatures()));
    }
    Map<String, NpcDef> npcs = new LinkedHashMap<>(w.npcs());
    NpcDef m = npcs.get(MIRA);
    npcs.put(MIRA, new NpcDef(m.id(), m.zone(), m.name(), m.aliases(), m.role(), m.description(), m.faction(), m.home(),
        m.workplace(), m.haunt(), m.personality(), Map.of(), Map.of(), m.schedule(), m.affinities(), m.topics()));
    return new World(w.name(), w.title(), w.start(), w.home(), w.seed(), w.player(), w.zones(), locations, w.items(),
        w.effects(), w.nodes(), w.stations(), w.recipes(), w.creatureKinds(), w.creatures(), npcs, w.factions(), w.lore(), w.quests());
  }
}
