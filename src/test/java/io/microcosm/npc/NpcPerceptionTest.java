package io.microcosm.npc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.pubsub.Topic;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.entity.CommandMeta;
import io.microcosm.location.LocationEntity;
import io.microcosm.npc.NpcEntity.*;
import io.microcosm.npc.NpcMind.Perception;
import io.microcosm.rules.CombatRules;
import io.microcosm.rules.CombatRules.Blow;
import io.microcosm.rules.CombatRules.Combatant;
import io.microcosm.rules.Dice;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.WorldFixture;
import io.microcosm.world.CreatureKindDef;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.LocationDef;
import io.microcosm.world.NpcDef;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * NPCs at a place take in what the place tells them: who comes, what is said, fights and deaths;
 * the watch fights dangerous beasts through the creature's own Strike, and the others get away.
 * The world's ticks are handed to the NPCs directly; locations and creatures are live entities.
 */
class NpcPerceptionTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  static final World VALE = WorldLoader.load("vale");
  static final NpcMind.Settings SETTINGS = new NpcMind.Settings(new DayCycle(1440), 80, 40, 2880);
  static final String MIRA = "vale.npc.mira";
  static final String ELRIC = "vale.npc.elric";
  static final String BRYN = "vale.npc.bryn";
  static final String DAGNY = "vale.npc.dagny";
  static final String CORRA = "vale.npc.corra";
  static final String HILDA = "vale.npc.hilda";
  static final String ORCHARD = "vale.orchard";
  static final String FOREST_EDGE = "vale.forest-edge";
  static final String BANDIT = "vale.bandit.1";
  static final String SPIDER = "vale.spider.1";
  /** The Vale with a bandit at the forest edge, where Bryn keeps watch. */
  static final World BESET = beset(VALE, Map.of(BANDIT, "bandit"), FOREST_EDGE);
  /** The Vale with a giant spider at the mill. */
  static final World SPIDERY = beset(VALE, Map.of(SPIDER, "giant-spider"), "vale.mill");

  private final Map<String, ActorRef<Command>> npcs = new ConcurrentHashMap<>();
  private WorldFixture fixture;
  private NpcMind minds;

  private void start(World world) {
    fixture = new WorldFixture(kit.testKit(), world, NpcEntity.onlookers(this::npc));
    fixture.reset();
    minds = new NpcMind(world, SETTINGS);
  }

  @AfterEach
  void stopNpcs() {
    npcs.values().forEach(kit.testKit()::stop);
    npcs.clear();
  }

  private RecipientRef<Command> npc(String id) {
    ActorRef<Command> ref = npcs.get(id);
    return ref != null ? ref : kit.testKit().system().deadLetters();
  }

  private ActorRef<Command> spawn(String id) {
    ActorRef<Command> ref = kit.testKit().spawn(NpcEntity.create(id, minds, fixture.settings,
        new NpcEntity.Peers(fixture::location, this::npc, fixture::creature)));
    npcs.put(id, ref);
    return ref;
  }

  private Ticked tick(ActorRef<Command> npc, long tick, String weather) {
    TestProbe<Ticked> probe = kit.testKit().createTestProbe();
    npc.tell(new Tick(CommandMeta.fresh("zone"), tick, weather, probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(20));
  }

  private NpcView inspect(ActorRef<Command> npc) {
    TestProbe<NpcView> probe = kit.testKit().createTestProbe();
    npc.tell(new Inspect(CommandMeta.fresh("test"), probe.ref()));
    return probe.receiveMessage();
  }

  private List<MemoryView> memories(ActorRef<Command> npc) {
    TestProbe<MemoriesView> probe = kit.testKit().createTestProbe();
    npc.tell(new Recall(CommandMeta.fresh("test"), null, 1, 200, null, probe.ref()));
    return probe.receiveMessage().memories();
  }

  /** Waits (a few seconds at most) until the NPC remembers something matching {@code text} with at least {@code importance}. */
  private MemoryView awaitMemory(ActorRef<Command> npc, String text, int importance) {
    TestProbe<Object> waiter = kit.testKit().createTestProbe();
    return waiter.awaitAssert(Duration.ofSeconds(5), () -> memories(npc).stream()
        .filter(m -> m.text().contains(text) && m.importance() >= importance).findFirst()
        .orElseThrow(() -> new AssertionError("no memory with '" + text + "' of importance >= " + importance + ": "
            + memories(npc).stream().map(m -> m.importance() + " " + m.text()).toList())));
  }

  private List<Object> journal(String npc) {
    return PersistenceTestKit.create(kit.testKit().system()).persistedInStorage("Npc|" + npc);
  }

  /** Mira at work in the orchard at nine in the morning. */
  private ActorRef<Command> miraAtWork() {
    ActorRef<Command> mira = spawn(MIRA);
    tick(mira, 60, null);
    assertEquals(ORCHARD, tick(mira, 9 * 60, null).location());
    return mira;
  }

  @Test
  void an_npc_perceives_a_players_arrival_a_friends_and_what_is_said_and_remembers_them() {
    start(VALE);
    ActorRef<Command> mira = miraAtWork();
    TestProbe<LocationEntity.EnterReply> entered = kit.testKit().createTestProbe();
    fixture.location(ORCHARD).tell(new LocationEntity.Enter(CommandMeta.fresh("ann"), "ann", "vale.square", entered.ref()));
    assertInstanceOf(LocationEntity.Entered.class, entered.receiveMessage());
    awaitMemory(mira, "ann came to", Importance.SAW_SOMEONE);
    // ann pacing out and back in within the hour is one thing to remember, not two
    int journaled = journal(MIRA).size();
    mira.tell(new Witness(CommandMeta.fresh("test"), new LocationEntity.Departure(ORCHARD, "ann", "vale.square", 20)));
    mira.tell(new Witness(CommandMeta.fresh("test"), new LocationEntity.Arrival(ORCHARD, "ann", "vale.square", 21)));
    inspect(mira);
    assertEquals(journaled, journal(MIRA).size(), "nothing journaled for ann's second coming");

    fixture.location(ORCHARD).tell(new LocationEntity.Speak(CommandMeta.fresh("ann"), "ann", "Good morning, Mira! Any healwort today?"));
    MemoryView said = awaitMemory(mira, "ann said to me", Importance.PLAYER_TALK);
    assertTrue(said.text().contains("Any healwort today?"), said.text());
    assertEquals("dialogue", said.type());
    assertEquals(1, inspect(mira).relationships().get("ann").affinity(), "spoken to by name: a little warmth");

    // Elric is her friend: his coming matters more, and gladdens her
    fixture.location(ORCHARD).tell(new LocationEntity.Enter(CommandMeta.fresh(ELRIC), ELRIC, "vale.square", entered.ref()));
    entered.receiveMessage();
    MemoryView friend = awaitMemory(mira, "Elric came to", Importance.ARRIVAL + 1);
    assertTrue(friend.importance() < Importance.FIGHT, "moderately: " + friend.importance());
    assertEquals(Mood.JOY, inspect(mira).emotion().mood());
  }

  @Test
  void a_fight_where_it_stands_frightens_it_and_is_remembered_as_important() {
    start(VALE);
    ActorRef<Command> mira = miraAtWork();
    String rabbit = VALE.locations().get(ORCHARD).creatures().get(0);
    double safetyBefore = inspect(mira).needs().safety();
    fixture.location(ORCHARD).tell(new LocationEntity.Announce(CommandMeta.fresh(rabbit),
        new LocationEntity.CreatureAttacked(ORCHARD, rabbit, "ann", "hit", 6, 44, null, 1)));
    MemoryView fight = awaitMemory(mira, "attacked ann", Importance.FIGHT);
    assertTrue(fight.about().contains("ann") && fight.about().contains(rabbit), fight.about().toString());
    NpcView after = inspect(mira);
    assertEquals(Mood.FEAR, after.emotion().mood());
    assertTrue(after.needs().safety() < safetyBefore, "shaken: " + after.needs());
  }

  @Test
  void whoever_attacks_a_friend_or_one_of_its_faction_becomes_a_rival() {
    NpcDef mira = VALE.npc(MIRA).orElseThrow();
    NpcMind mindsOfVale = new NpcMind(VALE, SETTINGS);
    Mind m = Mind.initial(mira).apply(new Placed(1, UUID.randomUUID(), 540, ORCHARD), mira, 80)
        .apply(new ActivityChosen(1, UUID.randomUUID(), 540, io.microcosm.world.NpcActivity.WORK), mira, 80);
    List<Event> events = mindsOfVale.afterWitness(mira, m, 541, 2, UUID.randomUUID(),
        new LocationEntity.Attacked(ORCHARD, "ann", ELRIC, "hit", 5, 20, 2));
    for (Event e : events) {
      m = m.apply(e, mira, 80);
    }
    assertTrue(m.relationTo("ann").rival(), "rival: " + m.relationTo("ann"));
    assertEquals(Mood.ANGER, m.emotion().mood());
    Memory last = m.memory().memories().get(m.memory().memories().size() - 1);
    assertTrue(last.importance() >= Importance.FIGHT + 1 && last.text().contains("ann fought Elric"), last.toString());
  }

  @Test
  void perceptions_that_change_nothing_persist_nothing() {
    start(VALE);
    ActorRef<Command> mira = miraAtWork();
    String rabbit = VALE.locations().get(ORCHARD).creatures().get(0);
    int before = journal(MIRA).size();
    List<LocationEntity.Broadcast> routine = List.of(
        new LocationEntity.Departure(ORCHARD, "bob", "vale.square", 1),
        new LocationEntity.ItemsDropped(ORCHARD, "bob", "apple", 2, 2),
        new LocationEntity.ItemsTaken(ORCHARD, "cat", "apple", 1, 3),
        new LocationEntity.Arrival(ORCHARD, CORRA, "vale.square", 4), // a neighbour, neither friend nor rival
        new LocationEntity.Departure(ORCHARD, CORRA, "vale.square", 5),
        new LocationEntity.CreatureDeparted(ORCHARD, rabbit, "vale.fields", 6),
        new LocationEntity.NodesRegrown(ORCHARD, List.of(), 7),
        new LocationEntity.Arrival("vale.square", "dan", null, 8), // somewhere else
        new LocationEntity.CreatureAttacked("vale.mill", rabbit, "dan", "hit", 3, 40, null, 9));
    for (LocationEntity.Broadcast b : routine) {
      mira.tell(new Witness(CommandMeta.fresh("test"), b));
    }
    mira.tell(new Hear(CommandMeta.fresh("eve"), "vale.tavern", "eve", "Where is Mira?"));
    inspect(mira); // answered after all of the above
    assertEquals(before, journal(MIRA).size(), "nothing journaled");

    // asleep, a stranger's coming goes unnoticed
    Ticked night = tick(mira, 23 * 60 + 30, null);
    assertEquals(io.microcosm.world.NpcActivity.SLEEP, night.activity());
    int asleep = journal(MIRA).size();
    mira.tell(new Witness(CommandMeta.fresh("test"), new LocationEntity.Arrival(night.location(), "fay", null, 10)));
    mira.tell(new Hear(CommandMeta.fresh("fay"), night.location(), "fay", "Hello?"));
    inspect(mira);
    assertEquals(asleep, journal(MIRA).size());
  }

  @Test
  void a_guard_attacks_an_aggressive_creature_at_its_post_and_the_creature_takes_its_blows_by_the_combat_rules() {
    start(BESET);
    TestProbe<LocationEntity.Broadcast> seen = kit.testKit().createTestProbe();
    kit.testKit().spawn(LocationEntity.topic(FOREST_EDGE)).tell(Topic.subscribe(seen.ref()));
    ActorRef<Command> bryn = spawn(BRYN);
    tick(bryn, 60, null); // asleep at the shrine
    assertEquals(FOREST_EDGE, tick(bryn, 9 * 60, null).location(), "at his post by nine");

    List<Fought> blows = new ArrayList<>();
    journal(BRYN).forEach(e -> {
      if (e instanceof Fought f) {
        blows.add(f);
      }
    });
    assertFalse(blows.isEmpty(), "he fought");
    CreatureKindDef bandit = BESET.creatureKinds().get("bandit");
    Combatant defender = new Combatant(bandit.level(), bandit.attack(), bandit.defense(), CreatureEntity.CRIT_PERCENT);
    long seed = Dice.entitySeed(BESET.seed(), BANDIT);
    int hp = bandit.hp();
    for (Fought f : blows) {
      assertEquals(BANDIT, f.creature());
      assertEquals(FOREST_EDGE, f.location());
      // the creature rolled the blow from its seed and the blow's command id, as it does a player's
      SplittableRandom rng = Dice.roll(Dice.rollSeed(seed, f.commandId()));
      Blow expected = CombatRules.strike(NpcMind.GUARD, defender, rng);
      assertEquals(expected, f.blow(), "blow at tick " + f.tick());
      hp -= f.blow().damage();
      assertEquals(f.killed(), hp <= 0);
      assertEquals(f.killed() ? 0 : hp, f.hpLeft());
    }
    CreatureEntity.CreatureView after = fixture.inspect(BANDIT);
    assertTrue(!after.alive() || after.hp() == hp, after + " after " + blows.size() + " blows");
    assertTrue(after.hp() < bandit.hp() || !after.alive(), "the bandit took damage: " + after);
    awaitMemory(bryn, "bandit", Importance.DEATH);

    // those present see the fight
    LocationEntity.Attacked told = null;
    for (int i = 0; i < 50 && told == null; i++) {
      if (seen.receiveMessage(Duration.ofSeconds(5)) instanceof LocationEntity.Attacked a) {
        told = a;
      }
    }
    assertTrue(told != null, "the blows were told");
    assertEquals(BRYN, told.attacker());
    assertEquals(BANDIT, told.target());
  }

  @Test
  void afraid_of_a_beast_that_comes_where_it_is_an_npc_gets_away() {
    start(SPIDERY);
    ActorRef<Command> dagny = spawn(DAGNY);
    tick(dagny, 60, null);
    Ticked atWork = tick(dagny, 8 * 60, null);
    assertEquals(FOREST_EDGE, atWork.location());
    // a giant spider crawls out of the wood
    fixture.location(FOREST_EDGE).tell(new LocationEntity.CreatureMoved(CommandMeta.fresh(SPIDER), SPIDER, "vale.mill",
        FOREST_EDGE));
    awaitMemory(dagny, "giant spider came prowling", Importance.DANGER);
    assertEquals(Mood.FEAR, inspect(dagny).emotion().mood());
    Ticked fled = tick(dagny, 8 * 60 + 5, null);
    assertNotEquals(FOREST_EDGE, fled.location(), "she left her own home's doorstep: " + fled);
    assertNotEquals(FOREST_EDGE, tick(dagny, 8 * 60 + 30, null).location(), "and keeps away while afraid");
    assertTrue(fixture.look(FOREST_EDGE).occupants().stream().noneMatch(DAGNY::equals));
  }

  @Test
  void weather_moves_the_anxious_more_than_the_steady_and_a_clearing_sky_cheers_the_outgoing_most() {
    NpcMind m = new NpcMind(VALE, SETTINGS);
    double corraFear = felt(m, CORRA, "storm", Mood.FEAR);
    double elricFear = felt(m, ELRIC, "storm", Mood.FEAR);
    assertTrue(corraFear > 1.5 * elricFear, "storm: anxious Corra " + corraFear + ", steady Elric " + elricFear);
    double hildaJoy = felt(m, HILDA, "clear", Mood.JOY);
    double corraJoy = felt(m, CORRA, "clear", Mood.JOY);
    assertTrue(hildaJoy > corraJoy, "sun after rain: outgoing Hilda " + hildaJoy + ", shy Corra " + corraJoy);
    assertTrue(felt(m, CORRA, "rain", Mood.SADNESS) > felt(m, ELRIC, "rain", Mood.SADNESS), "rain weighs on the anxious");
  }

  /** How strongly an NPC at home, having seen rain, feels {@code mood} when the weather turns to {@code weather}. */
  private static double felt(NpcMind minds, String id, String weather, Mood mood) {
    NpcDef def = VALE.npc(id).orElseThrow();
    Mind m = Mind.initial(def).apply(new Placed(1, UUID.randomUUID(), 0, def.home()), def, 80)
        .apply(new WeatherNoticed(1, UUID.randomUUID(), 0, weather.equals("rain") ? "cloudy" : "rain"), def, 80);
    return minds.step(def, m, 600, Perception.NOTHING, weather, 2).events().stream()
        .filter(e -> e instanceof Felt f && f.mood() == mood && f.cause().equals(weather))
        .mapToDouble(e -> ((Felt) e).strength()).sum();
  }

  @Test
  void a_storm_shows_in_the_emotion_the_api_serves() {
    start(VALE);
    ActorRef<Command> corra = spawn(CORRA);
    tick(corra, 60, "clear");
    tick(corra, 599, "clear");
    tick(corra, 600, "storm");
    NpcView view = inspect(corra);
    assertEquals(Mood.FEAR, view.emotion().mood());
    assertTrue(memories(corra).stream().anyMatch(x -> x.text().startsWith("A storm broke")));
  }

  @Test
  void world_events_beginning_in_its_zone_cheer_or_frighten_it() {
    io.microcosm.clock.Calendar calendar = new io.microcosm.clock.Calendar(1, 7);
    io.microcosm.clock.Perturbation fair = new io.microcosm.clock.Perturbation("fair", "the fair",
        java.util.Set.of("vale"), null, 1, 7, 8, 4, null, 50, java.util.Set.of(), 0, "The fair opens.", "It closes.");
    io.microcosm.clock.Perturbation raid = new io.microcosm.clock.Perturbation("raid", "a raid of wolves",
        java.util.Set.of("vale"), null, 1, 7, 20, 4, null, 0, java.util.Set.of("wolf"), 10, "Howls.", "Quiet.");
    io.microcosm.clock.Almanac almanac = new io.microcosm.clock.Almanac(calendar,
        new io.microcosm.clock.WeatherModel(VALE.seed(), calendar, 60, 65), List.of(fair, raid));
    NpcMind m = new NpcMind(VALE, SETTINGS, almanac);
    NpcDef hilda = VALE.npc(HILDA).orElseThrow();
    Mind mind = Mind.initial(hilda).apply(new Placed(1, UUID.randomUUID(), 0, hilda.home()), hilda, 80);
    List<Event> atEight = m.step(hilda, mind, 8 * 60, Perception.NOTHING, null, 2).events();
    assertTrue(atEight.stream().anyMatch(e -> e instanceof Felt f && f.mood() == Mood.JOY && f.cause().equals("fair")), atEight.toString());
    assertTrue(atEight.stream().anyMatch(e -> e instanceof Remembered r && r.memory().text().equals("The fair began.")));
    assertTrue(m.step(hilda, mind, 8 * 60 + 1, Perception.NOTHING, null, 2).events().stream()
        .noneMatch(e -> e instanceof Felt f && f.cause().equals("fair")), "noticed once, as it begins");
    List<Event> atEight_pm = m.step(hilda, mind, 20 * 60, Perception.NOTHING, null, 2).events();
    assertTrue(atEight_pm.stream().anyMatch(e -> e instanceof Felt f && f.mood() == Mood.FEAR && f.cause().equals("raid")),
        atEight_pm.toString());
    NpcDef bryn = VALE.npc(BRYN).orElseThrow();
    Mind guard = Mind.initial(bryn).apply(new Placed(1, UUID.randomUUID(), 0, bryn.home()), bryn, 80);
    assertTrue(m.step(bryn, guard, 20 * 60, Perception.NOTHING, null, 2).events().stream()
        .anyMatch(e -> e instanceof Felt f && f.mood() == Mood.ANGER && f.cause().equals("raid")), "the watch is roused, not afraid");
  }

  /** The Vale with creatures of the given kinds (by id) living at {@code home}. */
  static World beset(World vale, Map<String, String> kinds, String home) {
    Map<String, LocationDef> locations = new LinkedHashMap<>(vale.locations());
    Map<String, CreatureSpawn> spawns = new LinkedHashMap<>(vale.creatures());
    kinds.forEach((id, kind) -> {
      locations.put(home, withCreature(locations.get(home), id));
      spawns.put(id, new CreatureSpawn(id, kind, home));
    });
    return new World(vale.name(), vale.title(), vale.start(), vale.home(), vale.seed(), vale.player(), vale.zones(),
        locations, vale.items(), vale.effects(), vale.nodes(), vale.stations(), vale.recipes(), vale.creatureKinds(), spawns,
        vale.npcs(), vale.factions(), vale.lore());
  }

  private static LocationDef withCreature(LocationDef l, String creature) {
    List<String> creatures = new ArrayList<>(l.creatures());
    creatures.add(creature);
    return new LocationDef(l.id(), l.zone(), l.name(), l.description(), l.exits(), l.items(), l.nodes(), l.stations(),
        creatures);
  }
}
