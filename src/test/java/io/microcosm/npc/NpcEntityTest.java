package io.microcosm.npc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import io.microcosm.entity.CommandMeta;
import io.microcosm.npc.NpcEntity.*;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.WorldFixture;
import io.microcosm.world.NpcActivity;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NpcEntityTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  static final World VALE = WorldLoader.load("vale");
  static final NpcMind.Settings SETTINGS = new NpcMind.Settings(new DayCycle(1440), 80, 40, 2880);
  static final String MIRA = "vale.npc.mira";
  static final String ELRIC = "vale.npc.elric";

  private WorldFixture fixture;
  private final Map<String, ActorRef<Command>> npcs = new HashMap<>();
  private NpcMind minds;

  @BeforeEach
  void setUp() {
    fixture = new WorldFixture(kit.testKit(), VALE);
    fixture.reset();
    npcs.clear();
    minds = new NpcMind(VALE, SETTINGS);
  }

  private NpcEntity.Peers peers() {
    return new NpcEntity.Peers(fixture::location, id -> npcs.get(id));
  }

  private ActorRef<Command> spawn(String id) {
    ActorRef<Command> ref = kit.testKit().spawn(NpcEntity.create(id, minds, fixture.settings, peers()));
    npcs.put(id, ref);
    return ref;
  }

  private Ticked tick(ActorRef<Command> npc, long tick) {
    TestProbe<Ticked> probe = kit.testKit().createTestProbe();
    npc.tell(new Tick(CommandMeta.fresh("zone"), tick, null, probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }

  private NpcView inspect(ActorRef<Command> npc) {
    TestProbe<NpcView> probe = kit.testKit().createTestProbe();
    npc.tell(new Inspect(CommandMeta.fresh("test"), probe.ref()));
    return probe.receiveMessage();
  }

  @Test
  void an_npc_appears_at_home_and_its_location_counts_it_present() {
    ActorRef<Command> mira = spawn(MIRA);
    Ticked first = tick(mira, 60); // 01:00, asleep at home
    assertEquals("vale.herbalist", first.location());
    assertEquals(NpcActivity.SLEEP, first.activity());
    assertTrue(fixture.look("vale.herbalist").occupants().contains(MIRA));
  }

  @Test
  void it_walks_to_work_through_the_locations_and_back_home_at_night_even_ticked_rarely() {
    ActorRef<Command> mira = spawn(MIRA);
    tick(mira, 60);
    Ticked morning = tick(mira, 9 * 60); // level of detail: one tick for eight hours
    assertEquals("vale.orchard", morning.location(), "at work in the orchard by nine");
    assertTrue(fixture.look("vale.orchard").occupants().contains(MIRA));
    assertTrue(!fixture.look("vale.herbalist").occupants().contains(MIRA), "left home");
    Ticked night = tick(mira, 23 * 60 + 30);
    assertEquals("vale.herbalist", night.location());
    assertEquals(NpcActivity.SLEEP, night.activity());
    NpcView view = inspect(mira);
    assertTrue(view.memories() > 0);
  }

  @Test
  void after_a_restart_it_resumes_where_it_was() {
    ActorRef<Command> mira = spawn(MIRA);
    tick(mira, 60);
    for (long t = 6 * 60; t <= 10 * 60; t += 30) {
      tick(mira, t);
    }
    NpcView before = inspect(mira);
    kit.testKit().stop(mira);
    ActorRef<Command> again = spawn(MIRA);
    NpcView after = inspect(again);
    assertEquals(before.location(), after.location());
    assertEquals(before.memories(), after.memories());
    assertEquals(before.goals(), after.goals());
    Ticked next = tick(again, 10 * 60 + 30);
    assertEquals(before.location(), next.location(), "still at work half an hour later");
    assertTrue(fixture.look(before.location()).occupants().contains(MIRA));
  }

  /** One NPC's day from 01:00 to 22:00, ticked every {@code every} ticks; what it ends up as. */
  private List<Object> liveADay(long every) {
    return liveADay(every, Long.MAX_VALUE);
  }

  /** As {@link #liveADay(long)}, with the NPC stopped and started again from its journal at tick {@code restartAt}. */
  private List<Object> liveADay(long every, long restartAt) {
    fixture.reset();
    ActorRef<Command> mira = spawn(MIRA);
    for (long t = 60; t <= 22 * 60; t += every) {
      fixture.tick.set(t);
      if (t >= restartAt) {
        kit.testKit().stop(mira);
        mira = spawn(MIRA);
        restartAt = Long.MAX_VALUE;
      }
      tick(mira, t);
    }
    fixture.tick.set(22 * 60);
    tick(mira, 22 * 60);
    NpcView v = inspect(mira);
    TestProbe<MemoriesView> probe = kit.testKit().createTestProbe();
    mira.tell(new Recall(CommandMeta.fresh("test"), null, 1, 200, null, probe.ref()));
    List<String> memories = probe.receiveMessage().memories().stream().map(m -> m.tick() + " " + m.text()).toList();
    kit.testKit().stop(mira);
    return List.of(v.location(), v.activity(), v.needs(), v.emotion(), v.pack(), v.goals(), memories);
  }

  @Test
  void ticked_every_tick_or_every_ten_it_lives_the_same_day() {
    List<Object> full = liveADay(1);
    List<Object> rare = liveADay(10);
    assertEquals(full, rare);
    assertTrue(((List<?>) full.get(6)).size() >= 3, "a day leaves at least its meals in memory: " + full.get(6));
  }

  @Test
  void stopped_and_started_again_mid_day_it_lives_the_same_day_as_without_a_stop() {
    List<Object> uninterrupted = liveADay(10);
    // at work in the orchard, then at lunch and back at work: the day goes on as if nothing happened
    assertEquals(uninterrupted, liveADay(10, 11 * 60));
    assertEquals(uninterrupted, liveADay(10, 14 * 60 + 5));
  }

  @Test
  void two_npcs_in_one_place_talk_and_grow_closer() {
    ActorRef<Command> mira = spawn(MIRA);
    ActorRef<Command> elric = spawn(ELRIC);
    // evening: Mira socialises at the tavern, Elric at the square; put both on the square's schedule hour
    long t = 19 * 60;
    tick(mira, t);
    tick(elric, t);
    for (long x = t + 1; x <= 21 * 60; x++) {
      tick(mira, x);
      tick(elric, x);
    }
    NpcView m = inspect(mira);
    NpcView e = inspect(elric);
    assertNotNull(m.location());
    assertNotNull(e.location());
    TestProbe<MemoriesView> probe = kit.testKit().createTestProbe();
    mira.tell(new Recall(CommandMeta.fresh("test"), null, 1, 50, null, probe.ref()));
    assertTrue(!probe.receiveMessage().memories().isEmpty());
  }

  @Test
  void entity_protocol_under_the_behaviour_testkit() {
    EventSourcedBehaviorTestKit<Command, Event, State> npc = EventSourcedBehaviorTestKit.create(kit.testKit().system(),
        NpcEntity.create(MIRA, minds, fixture.settings, peers()), EventSourcedBehaviorTestKit.enabledSerializationSettings());
    npc.clear();
    // not yet in the world: a player elsewhere cannot talk to her
    var away = npc.<TalkReply>runCommand(r -> new Talk(CommandMeta.fresh("ann"), "ann", "vale.square", null, 100, 0, r));
    assertInstanceOf(Rejected.class, away.reply());
    assertTrue(away.hasNoEvents());

    var gift = npc.<GiveReply>runCommand(r -> new Give(CommandMeta.fresh("ann"), "ann", null, "bread", 2, 100, 0, r));
    Received received = (Received) gift.reply();
    assertEquals(2, received.quantity());
    assertEquals(4, gift.state().mind().pack().quantity("bread"));
    assertTrue(gift.state().mind().relationTo("ann").affinity() > 0);
    assertEquals(Mood.JOY, gift.state().mind().emotion().mood());
    Memory last = gift.state().mind().memory().memories().get(gift.state().mind().memory().memories().size() - 1);
    assertTrue(last.text().contains("ann gave me 2"), last.text());

    var repeat = npc.<GiveReply>runCommand(r -> new Give(gift.command().meta(), "ann", null, "bread", 2, 100, 0, r));
    assertTrue(repeat.hasNoEvents(), "a retried gift is not received twice");

    var bad = npc.<GiveReply>runCommand(r -> new Give(CommandMeta.fresh("ann"), "ann", null, "dragon", 1, 100, 0, r));
    assertInstanceOf(Rejected.class, bad.reply());

    npc.restart();
    assertEquals(4, npc.getState().mind().pack().quantity("bread"));
  }

  @Test
  void a_hungry_npc_with_nothing_to_eat_asks_a_player_for_bread_and_thanks_them() {
    EventSourcedBehaviorTestKit<Command, Event, State> npc = EventSourcedBehaviorTestKit.create(kit.testKit().system(),
        NpcEntity.create(MIRA, minds, fixture.settings, peers()), EventSourcedBehaviorTestKit.enabledSerializationSettings());
    npc.clear();
    Goal goal = new Goal(MIRA + ".goal.1", "bread", 3, 100, "I have nothing to eat");
    npc.<GiveReply>runCommand(r -> new Give(CommandMeta.fresh("x"), "x", null, "apple", 1, 90, 0, r));
    // a goal set as the mind sets it
    State s = npc.getState();
    Mind withGoal = s.mind().apply(new GoalSet(1, java.util.UUID.randomUUID(), 100, goal), VALE.npc(MIRA).get(), 80);
    assertEquals(List.of(goal), withGoal.goals());
    Dialogue.Reply ask = new Dialogue(minds).reply(VALE.npc(MIRA).get(), withGoal.apply(
        new Placed(1, java.util.UUID.randomUUID(), 100, "vale.orchard"), VALE.npc(MIRA).get(), 80), "ann", null, 100, 0);
    assertEquals(goal, ask.offer());
    assertTrue(ask.line().contains("bring me 3 loaf of bread"), ask.line());
    List<Event> gift = minds.afterGift(VALE.npc(MIRA).get(), withGoal, 120, 2, java.util.UUID.randomUUID(), "ann", "bread", 3, goal);
    Mind after = withGoal;
    for (Event e : gift) {
      after = after.apply(e, VALE.npc(MIRA).get(), 80);
    }
    assertTrue(after.goals().isEmpty(), "the goal is met");
    assertTrue(after.relationTo("ann").trust() > withGoal.relationTo("ann").trust());
  }
}
