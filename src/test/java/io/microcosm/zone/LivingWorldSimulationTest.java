package io.microcosm.zone;

import static io.microcosm.testkit.CampWorld.CLEARING;
import static io.microcosm.testkit.CampWorld.DEN;
import static io.microcosm.testkit.CampWorld.RAT;
import static io.microcosm.testkit.CampWorld.WOLF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.pubsub.Topic;
import io.microcosm.clock.Almanac;
import io.microcosm.clock.Calendar;
import io.microcosm.clock.Perturbation;
import io.microcosm.clock.Weather;
import io.microcosm.clock.WeatherModel;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.creature.CreatureHabits;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.ShardRouting;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.rules.CombatRules.Combatant;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.world.World;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The living world, simulated deterministically: the test hands the zones thousands of ticks
 * directly (no timers, no waiting) on a seeded world and looks at the outcome.
 */
class LivingWorldSimulationTest {

  private static final long START = 1_000;
  private static final long END = 4_010;
  private final World world = LivingWorld.frontier();
  private final Almanac almanac = Almanac.calm(world);

  /** Runs {@code body} in a fresh actor system with its own in-memory journal. */
  private void inWorld(String name, ZoneSettings zones, CreatureHabits habits, Almanac almanac, Consumer<LivingWorld> body) {
    ActorTestKit kit = ActorTestKit.create(name, TestConfigs.eventSourcedUnit());
    try {
      body.accept(new LivingWorld(kit, world, almanac, zones, habits, START));
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** Kills the camp's rat at the start, so the run also sees a respawn; the same blows in every world. */
  private static void killTheRat(LivingWorld w) {
    for (int i = 0; ; i++) {
      UUID id = UUID.nameUUIDFromBytes(("blow " + i).getBytes(StandardCharsets.UTF_8));
      CreatureEntity.StrikeReply reply = w.ask(w.creature(RAT), r -> new CreatureEntity.Strike(
          new CommandMeta(id, "hunter", 0), "hunter", CLEARING, new Combatant(5, 40, 5, 0), r));
      if (((CreatureEntity.StrikeOutcome) reply).killed()) {
        return;
      }
    }
  }

  @Test
  void zones_ticked_with_level_of_detail_catch_up_to_the_same_state_as_zones_ticked_every_tick() {
    CreatureHabits restless = new CreatureHabits(20, 50);
    List<LivingWorld.Snapshot> outcomes = new ArrayList<>();
    Map<String, Set<String>> visited = new HashMap<>();
    inWorld("every-tick", new ZoneSettings(1, 10_000), restless, almanac, w -> {
      killTheRat(w);
      for (long t = START + 1; t <= END; t += 100) {
        w.run(t, Math.min(END, t + 99));
        w.settle().creatures().forEach((id, c) -> visited.computeIfAbsent(id, k -> new HashSet<>()).add(c.location()));
      }
      outcomes.add(arrive(w));
    });
    inWorld("every-7th-tick", new ZoneSettings(7, 10_000), restless, almanac, w -> {
      killTheRat(w);
      w.run(START + 1, END);
      LivingWorld.Snapshot asleep = w.settle();
      assertTrue(asleep.zones().values().stream().allMatch(z -> z.livedThrough().get("creature") < END),
          "a sleeping zone lags behind until someone comes: " + asleep.zones());
      outcomes.add(arrive(w));
    });
    inWorld("all-at-once", new ZoneSettings(10, 10_000), restless, almanac, w -> {
      killTheRat(w);
      w.pass(START + 1, END);
      outcomes.add(arrive(w));
    });

    LivingWorld.Snapshot full = outcomes.get(0);
    assertEquals(full.creatures(), outcomes.get(1).creatures(), "every 7th tick, caught up when a player came");
    assertEquals(full.creaturesSeen(), outcomes.get(1).creaturesSeen());
    assertEquals(full.creatures(), outcomes.get(2).creatures(), "three thousand ticks at once");
    assertEquals(full.creaturesSeen(), outcomes.get(2).creaturesSeen());

    // The comparison means something: creatures went places, and the rat came back.
    assertTrue(visited.values().stream().allMatch(places -> places.size() >= 2), "every creature roamed: " + visited);
    assertTrue(full.creatures().get(RAT).alive(), "the rat respawned");
    // What each location shows agrees with where the creatures say they are.
    for (CreatureEntity.CreatureView c : full.creatures().values()) {
      assertTrue(full.creaturesSeen().get(c.location()).contains(c.id()), c + " is seen where it is: " + full.creaturesSeen());
    }
    assertEquals(full.creatures().size(), full.creaturesSeen().values().stream().mapToInt(List::size).sum(),
        "no creature is seen twice or left behind: " + full.creaturesSeen());
  }

  @Test
  void zones_waking_in_an_empty_world_tick_their_residents_each_on_its_own_beat_from_the_tick_they_woke() {
    int every = 7;
    inWorld("waking", new ZoneSettings(every, 10_000), new CreatureHabits(20, 50), almanac, w -> {
      long first = START + 1;
      Map<String, Boolean> dueAtOnce = new HashMap<>();
      for (String zone : world.zones().keySet()) {
        dueAtOnce.put(zone, Math.floorMod(first - Math.floorMod(zone.hashCode(), every), every) == 0);
      }
      assertTrue(dueAtOnce.containsValue(false), "some zone's beat is not the first tick: " + dueAtOnce);

      w.run(first, first);
      Map<String, ZoneEntity.ZoneView> woken = w.settle().zones();
      dueAtOnce.forEach((zone, due) -> assertEquals(due ? first : START, woken.get(zone).livedThrough().get("creature"),
          zone + " ticks its creatures at once only on its beat: " + woken.get(zone)));

      w.run(first + 1, first + every);
      Map<String, ZoneEntity.ZoneView> later = w.settle().zones();
      later.forEach((zone, view) -> assertTrue(view.livedThrough().get("creature") >= first,
          zone + " has lived every tick since it woke within " + every + " ticks: " + view));
    });
  }

  /** A player enters the camp and the wild after the last tick; what the world looks like then. */
  private static LivingWorld.Snapshot arrive(LivingWorld w) {
    for (String player : List.of("scout", "ranger")) {
      PlayerEntity.JoinReply joined = w.ask(w.player(player), r -> new PlayerEntity.Join(CommandMeta.fresh(player), r));
      assertInstanceOf(PlayerEntity.Joined.class, joined);
    }
    PlayerEntity.MoveReply moved = w.ask(w.player("ranger"),
        r -> new PlayerEntity.Teleport(CommandMeta.fresh("ranger"), LivingWorld.GLADE, r));
    assertInstanceOf(PlayerEntity.Arrived.class, moved);
    return w.settle();
  }

  @Test
  void creatures_roam_within_their_zone_and_never_cross_into_another() {
    inWorld("roaming", new ZoneSettings(1, 10_000), new CreatureHabits(50, 50), almanac, w -> {
      Map<String, Set<String>> visited = new HashMap<>();
      for (long t = START; t < START + 3_000; t += 10) {
        w.run(t, t + 9);
        w.settle().creatures().forEach((id, c) -> {
          assertEquals(ShardRouting.zoneOf(id), w.world.location(c.location()).orElseThrow().zone(),
              id + " strayed to " + c.location() + " at tick " + w.tick.get());
          visited.computeIfAbsent(id, k -> new HashSet<>()).add(c.location());
        });
      }
      // The borders were reached (the den opens east into the wild; the wild's edge west into the camp).
      assertTrue(visited.get(WOLF).contains(DEN) && visited.get(RAT).contains(DEN), visited.toString());
      assertTrue(visited.get(LivingWorld.WILD_WOLF).contains(LivingWorld.EDGE), visited.toString());
      assertEquals(Set.of(LivingWorld.EDGE, LivingWorld.GLADE), visited.get(LivingWorld.WILD_RAT));
    });
  }

  @Test
  void an_aggressive_creature_attacks_a_player_who_comes_near_and_leaves_an_empty_place_alone() {
    inWorld("ambush", new ZoneSettings(10, 10_000), new CreatureHabits(0, 100), almanac, w -> {
      TestProbe<LocationEntity.Broadcast> den = w.kit.createTestProbe();
      var denTopic = w.kit.spawn(LocationEntity.topic(DEN));
      denTopic.tell(Topic.subscribe(den.ref()));
      assertEquals(CLEARING, status(w, "ann").location());
      w.run(START, START + 200);
      w.settle();
      assertEquals(50, status(w, "ann").hp(), "the wolf in its den left ann in the clearing alone");

      PlayerEntity.MoveReply moved = w.ask(w.player("ann"), r -> new PlayerEntity.Move(CommandMeta.fresh("ann"), "east", r));
      assertInstanceOf(PlayerEntity.Arrived.class, moved);
      w.run(START + 201, START + 220);
      w.settle();
      LocationEntity.CreatureAttacked attack = null;
      for (int i = 0; i < 50 && attack == null; i++) {
        LocationEntity.Broadcast b = den.receiveMessage(Duration.ofSeconds(5));
        if (b instanceof LocationEntity.CreatureAttacked a) {
          attack = a;
        }
      }
      assertTrue(attack != null, "the wolf attacked");
      assertEquals(WOLF, attack.creature());
      assertEquals("ann", attack.target());
      PlayerEntity.StatusView ann = status(w, "ann");
      assertTrue(ann.hp() < 50 || ann.deaths() > 0, "ann was hurt: " + ann);
    });
  }

  private static PlayerEntity.StatusView status(LivingWorld w, String name) {
    PlayerEntity.JoinReply joined = w.ask(w.player(name), r -> new PlayerEntity.Join(CommandMeta.fresh(name), r));
    assertInstanceOf(PlayerEntity.Joined.class, joined);
    return w.ask(w.player(name), r -> new PlayerEntity.ShowStatus(CommandMeta.fresh(name), r));
  }

  @Test
  void world_events_and_weather_are_announced_in_their_zone_and_change_the_world_while_they_last() {
    Calendar calendar = new Calendar(1, 7);
    // On day 1 from 02:00 to 04:00 (ticks 120..239) a storm in the camp; from 05:00 to 07:00 a fair.
    Perturbation storm = new Perturbation("storm", "a storm", Set.of("camp"), null, 1, 7, 2, 2, Weather.STORM, 0,
        Set.of(), 0, "The storm breaks.", "The storm is over.");
    Perturbation fair = new Perturbation("fair", "a fair", Set.of("camp"), null, 1, 7, 5, 2, null, 400,
        Set.of(), 0, "The fair opens.", "The fair closes.");
    Almanac stormy = new Almanac(calendar, new WeatherModel(world.seed(), calendar, 60, 65), List.of(storm, fair));
    ActorTestKit kit = ActorTestKit.create("news", TestConfigs.eventSourcedUnit());
    try {
      LivingWorld w = new LivingWorld(kit, world, stormy, new ZoneSettings(1, 10_000), new CreatureHabits(100, 0), 0);
      TestProbe<ZoneEntity.Broadcast> camp = kit.createTestProbe();
      kit.spawn(ZoneEntity.topic("camp")).tell(Topic.subscribe(camp.ref()));
      TestProbe<ZoneEntity.Broadcast> wild = kit.createTestProbe();
      kit.spawn(ZoneEntity.topic("wild")).tell(Topic.subscribe(wild.ref()));
      w.run(0, 119);
      LivingWorld.Snapshot before = w.settle();
      w.run(120, 239);
      LivingWorld.Snapshot during = w.settle();
      assertEquals(Weather.STORM, during.zones().get("camp").weather());
      assertEquals(List.of("storm"), during.zones().get("camp").events());
      // Creatures that wander every tick stay put in a storm...
      for (String id : List.of(RAT, WOLF)) {
        assertEquals(stormLocation(w, id, before), during.creatures().get(id).location(), id + " sheltered");
      }
      w.run(240, 400);
      w.settle();
      // ...and the players there are told.
      List<ZoneEntity.Broadcast> news = new ArrayList<>();
      camp.receiveSeveralMessages(1, Duration.ofSeconds(5)).forEach(news::add);
      while (news.stream().noneMatch(n -> n instanceof ZoneEntity.DayTurned d && d.tick() == 300)) {
        news.add(camp.receiveMessage(Duration.ofSeconds(5)));
      }
      List<String> said = news.stream().filter(n -> n instanceof ZoneEntity.WorldEventNews)
          .map(n -> ((ZoneEntity.WorldEventNews) n).text()).toList();
      assertEquals(List.of("The storm breaks.", "The storm is over.", "The fair opens."), said);
      assertTrue(news.stream().anyMatch(n -> n instanceof ZoneEntity.WeatherTurned t && t.to() == Weather.STORM), news.toString());
      assertTrue(news.stream().anyMatch(n -> n instanceof ZoneEntity.DayTurned d
          && d.phase() == io.microcosm.clock.WorldTime.DayPhase.DAWN), "dawn at 05:00: " + news);
      // The wild has no events of its own.
      List<ZoneEntity.Broadcast> wildNews = new ArrayList<>();
      while (wildNews.size() < 1) {
        wildNews.add(wild.receiveMessage(Duration.ofSeconds(5)));
      }
      assertFalse(wildNews.stream().anyMatch(n -> n instanceof ZoneEntity.WorldEventNews), wildNews.toString());

      // During the fair the herbs give five times as much: a bare-handed gatherer fills up the patch.
      PlayerEntity.GatherReply gathered = w.ask(w.player("bo"), r -> {
        w.player("bo").tell(new PlayerEntity.Join(CommandMeta.fresh("bo"), kit.system().ignoreRef()));
        return new PlayerEntity.Gather(CommandMeta.fresh("bo"), "herbs", r);
      });
      assertEquals(3, assertInstanceOf(PlayerEntity.Gathered.class, gathered).quantity(), "the fair's yield");
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** Where a creature was when the storm began: as it was just before. */
  private static String stormLocation(LivingWorld w, String id, LivingWorld.Snapshot before) {
    return before.creatures().get(id).location();
  }
}
