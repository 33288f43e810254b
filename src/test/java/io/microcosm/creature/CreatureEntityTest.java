package io.microcosm.creature;

import static io.microcosm.testkit.CampWorld.CLEARING;
import static io.microcosm.testkit.CampWorld.DEN;
import static io.microcosm.testkit.CampWorld.RAT;
import static io.microcosm.testkit.CampWorld.WOLF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import io.microcosm.creature.CreatureEntity.*;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.location.LocationEntity;
import io.microcosm.rules.CombatRules.Combatant;
import io.microcosm.rules.CombatRules.Outcome;
import io.microcosm.rules.ItemStack;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.CampWorld;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.TestWorlds;
import io.microcosm.world.World;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CreatureEntityTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  private static final Combatant STRONG = new Combatant(5, 40, 5, 0);
  private static final Combatant WEAK = new Combatant(1, 3, 0, 0);

  private final World camp = CampWorld.create();
  private final AtomicLong tick = new AtomicLong(500);
  private TestProbe<LocationEntity.Command> places;

  @BeforeEach
  void setUp() {
    places = kit.testKit().createTestProbe();
  }

  private EventSourcedBehaviorTestKit<Command, Event, State> creature(String id) {
    ActorRef<LocationEntity.Command> relay = places.ref();
    Behavior<Command> behavior = CreatureEntity.create(id, camp, TestWorlds.settings(), tick::get, any -> relay);
    var testKit = EventSourcedBehaviorTestKit.<Command, Event, State>create(kit.testKit().system(), behavior,
        EventSourcedBehaviorTestKit.enabledSerializationSettings());
    testKit.clear();
    return testKit;
  }

  @Test
  void a_killing_blow_grants_experience_drops_loot_where_it_fell_and_tells_its_home() {
    var rat = creature(RAT);
    StrikeOutcome o = strikeUntilHit(rat, CLEARING, STRONG);
    assertTrue(o.killed());
    assertEquals(5, o.exp());
    assertEquals(List.of(new ItemStack("pelt", 1)), o.loot());
    assertEquals(Outcome.MISS, o.counter().outcome(), "a dead rat strikes nothing");
    LocationEntity.PlaceItem loot = assertInstanceOf(LocationEntity.PlaceItem.class, places.receiveMessage());
    assertEquals("pelt", loot.item());
    assertEquals(RAT, loot.dropper());
    LocationEntity.CreatureFell fell = assertInstanceOf(LocationEntity.CreatureFell.class, places.receiveMessage());
    assertEquals(tick.get() + 50, fell.respawnAt());
    assertFalse(rat.getState().aliveAt(tick.get()));
  }

  @Test
  void a_dead_creature_refuses_attacks_until_it_respawns_at_home() {
    var rat = creature(RAT);
    strikeUntilHit(rat, CLEARING, STRONG);
    assertRejected(strike(rat, CLEARING, STRONG, UUID.randomUUID()), Code.TARGET_DEAD);
    tick.addAndGet(49);
    assertRejected(strike(rat, CLEARING, STRONG, UUID.randomUUID()), Code.TARGET_DEAD);
    tick.addAndGet(1);
    var back = strike(rat, CLEARING, WEAK, UUID.randomUUID());
    assertInstanceOf(StrikeOutcome.class, back.reply());
    assertInstanceOf(Respawned.class, back.events().get(0), "it comes back lazily, on the first command that needs it");
  }

  @Test
  void the_world_tick_respawns_a_dead_creature() {
    var rat = creature(RAT);
    strikeUntilHit(rat, CLEARING, STRONG);
    CreatureView early = rat.<CreatureView>runCommand(r -> new Tick(CommandMeta.fresh("clock"), tick.get() + 10, r)).reply();
    assertFalse(early.alive());
    var due = rat.<CreatureView>runCommand(r -> new Tick(CommandMeta.fresh("clock"), tick.get() + 50, r));
    assertTrue(due.reply().alive());
    assertEquals(1, due.events().size());
    assertEquals(1, due.state().hp());
  }

  @Test
  void a_defensive_creature_strikes_back_and_may_apply_its_effect() {
    var wolf = creature(WOLF);
    boolean hitBack = false;
    for (int i = 0; i < 20 && !hitBack; i++) {
      StrikeOutcome o = assertInstanceOf(StrikeOutcome.class, strike(wolf, DEN, WEAK, UUID.randomUUID()).reply());
      assertEquals(20 - totalDamage(wolf), o.hp());
      if (o.counter().damage() > 0) {
        hitBack = true;
        assertEquals("poisoned", o.inflicted().effect(), "every hit of this wolf poisons");
      }
    }
    assertTrue(hitBack, "a wolf that hits 84 % of the time hit back within 20 blows");
  }

  @Test
  void a_retried_attack_gets_the_recorded_answer_and_changes_nothing() {
    var wolf = creature(WOLF);
    UUID once = UUID.randomUUID();
    var first = strike(wolf, DEN, WEAK, once);
    var again = strike(wolf, DEN, WEAK, once);
    StrikeOutcome a = (StrikeOutcome) first.reply();
    StrikeOutcome b = (StrikeOutcome) again.reply();
    assertEquals(List.of(a.blow(), a.counter(), a.hp()), List.of(b.blow(), b.counter(), b.hp()));
    assertTrue(again.hasNoEvents());
  }

  @Test
  void an_attacker_elsewhere_or_an_unknown_creature_is_refused() {
    assertRejected(strike(creature(WOLF), CLEARING, STRONG, UUID.randomUUID()), Code.NOT_HERE);
    TestProbe<StrikeReply> probe = kit.testKit().createTestProbe();
    ActorRef<Command> ghost = kit.testKit().spawn(
        CreatureEntity.create("camp.ghost.1", camp, TestWorlds.settings(), tick::get, any -> places.ref()));
    ghost.tell(new Strike(CommandMeta.fresh("ann"), "ann", DEN, STRONG, probe.ref()));
    assertEquals(Code.NO_SUCH_TARGET, ((Rejected) probe.receiveMessage()).rejection().code());
  }

  @Test
  void the_same_command_rolls_the_same_outcome_on_a_fresh_creature() {
    UUID id = new UUID(7, 7);
    StrikeOutcome a = (StrikeOutcome) strike(creature(WOLF), DEN, WEAK, id).reply();
    StrikeOutcome b = (StrikeOutcome) strike(creature(WOLF), DEN, WEAK, id).reply();
    assertEquals(List.of(a.blow(), a.counter()), List.of(b.blow(), b.counter()), "outcomes come from the seed");
  }

  private int totalDamage(EventSourcedBehaviorTestKit<Command, Event, State> wolf) {
    return 20 - wolf.getState().hp();
  }

  private StrikeOutcome strikeUntilHit(EventSourcedBehaviorTestKit<Command, Event, State> c, String where, Combatant who) {
    for (int i = 0; i < 20; i++) {
      StrikeOutcome o = assertInstanceOf(StrikeOutcome.class, strike(c, where, who, UUID.randomUUID()).reply());
      if (o.blow().damage() > 0) {
        return o;
      }
    }
    throw new AssertionError("twenty misses");
  }

  private CommandResultWithReply<Command, Event, State, StrikeReply> strike(
      EventSourcedBehaviorTestKit<Command, Event, State> c, String where, Combatant who, UUID id) {
    return c.runCommand(r -> new Strike(new CommandMeta(id, "ann", 0), "ann", where, who, r));
  }

  private static void assertRejected(CommandResultWithReply<Command, Event, State, StrikeReply> result, Code code) {
    Rejected r = assertInstanceOf(Rejected.class, result.reply());
    assertEquals(code, r.rejection().code(), r.rejection().message());
    assertTrue(result.hasNoEvents());
  }
}
