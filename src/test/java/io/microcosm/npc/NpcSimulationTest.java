package io.microcosm.npc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.npc.NpcEntity.Ate;
import io.microcosm.npc.NpcEntity.Event;
import io.microcosm.npc.NpcEntity.Reflected;
import io.microcosm.world.NpcActivity;
import io.microcosm.world.NpcDef;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The people of the Vale lived for four days, tick by tick, with nobody else about. */
class NpcSimulationTest {

  static final NpcMind.Settings SETTINGS = new NpcMind.Settings(new DayCycle(1440), 60, 40, 2880);
  static final long DAYS = 4;
  static final long END = DAYS * 1440;

  static World world;
  static ValeSimulation sim;
  static final Map<String, List<Event>> events = new HashMap<>();
  /** Per NPC, per tick: hunger, energy, social, safety, and whether asleep. */
  static final Map<String, List<double[]>> trace = new HashMap<>();
  static final Map<String, Integer> maxMemories = new HashMap<>();

  @BeforeAll
  static void live() {
    world = WorldLoader.load("vale");
    sim = new ValeSimulation(world, SETTINGS);
    sim.observer = (npc, e) -> events.computeIfAbsent(npc, k -> new ArrayList<>()).add(e);
    for (long t = 1; t <= END; t++) {
      sim.run(t, t);
      for (NpcDef def : world.npcs().values()) {
        Mind m = sim.mind.get(def.id());
        Needs n = m.needs();
        trace.computeIfAbsent(def.id(), k -> new ArrayList<>()).add(new double[] {
            n.hunger(), n.energy(), n.social(), n.safety(), m.activity() == NpcActivity.SLEEP ? 1 : 0});
        maxMemories.merge(def.id(), m.memory().memories().size(), Math::max);
      }
    }
  }

  @Test
  void each_keeps_its_own_time_within_half_an_hour_so_the_vale_does_not_move_on_the_stroke_of_the_hour() {
    NpcMind minds = new NpcMind(world, SETTINGS);
    Set<Long> offsets = new HashSet<>();
    for (NpcDef def : world.npcs().values()) {
      // The tick at which its schedule turns to seven o'clock on day 2.
      long seven = 1440 + 7 * 60;
      long turn = seven - 31;
      while (minds.scheduleHour(def, turn) != 7) {
        turn++;
      }
      assertTrue(turn >= seven - 30 && turn <= seven + 30, def.id() + " turns to seven at " + (turn - seven) + " minutes");
      offsets.add(turn - seven);
    }
    assertTrue(offsets.size() >= world.npcs().size() / 2, "the hour turns at different minutes for different people: " + offsets);
    // and what they do follows: the morning's changes of activity fall over more than a handful of ticks
    Set<Long> morningChanges = new HashSet<>();
    events.values().forEach(list -> list.stream()
        .filter(e -> e instanceof NpcEntity.ActivityChosen && Math.floorMod(e.tick(), 1440) >= 5 * 60 && Math.floorMod(e.tick(), 1440) < 9 * 60)
        .forEach(e -> morningChanges.add(e.tick())));
    assertTrue(morningChanges.size() > 12, "changes of activity in the mornings fall on " + morningChanges.size() + " ticks");
  }

  @Test
  void the_vale_has_at_least_twelve_people_in_three_factions() {
    assertTrue(world.npcs().size() >= 12, "npcs: " + world.npcs().size());
    assertTrue(world.factions().size() >= 3);
    Set<String> roles = new HashSet<>();
    world.npcs().values().forEach(n -> roles.add(n.role()));
    assertTrue(roles.containsAll(Set.of("smith", "herbalist", "guard", "merchant")), roles.toString());
  }

  @Test
  void they_sleep_at_night() {
    for (NpcDef def : world.npcs().values()) {
      int nights = 0;
      int asleep = 0;
      List<double[]> tr = trace.get(def.id());
      for (long day = 1; day < DAYS; day++) {
        for (int hour : new int[] {2, 3, 4}) {
          long t = day * 1440 + hour * 60;
          if (def.blockAt(hour).activity() == NpcActivity.SLEEP) {
            nights++;
            asleep += (int) tr.get((int) t - 1)[4];
          }
        }
      }
      assertTrue(nights > 0, def.id() + " never sleeps at night by its schedule");
      assertTrue(asleep >= nights * 0.9, def.id() + " slept " + asleep + " of " + nights + " night hours looked at");
    }
  }

  @Test
  void they_eat_when_hungry() {
    for (NpcDef def : world.npcs().values()) {
      List<Event> ate = events.get(def.id()).stream().filter(e -> e instanceof Ate).toList();
      assertTrue(ate.size() >= DAYS * 2, def.id() + " ate only " + ate.size() + " times in " + DAYS + " days");
      List<double[]> tr = trace.get(def.id());
      // every time hunger fell below 30 it was back above it within three hours
      for (int i = 0; i < tr.size(); i++) {
        if (tr.get(i)[0] < 30) {
          int j = i;
          while (j < tr.size() && tr.get(j)[0] < 30) {
            j++;
          }
          assertTrue(j - i < 180 || j == tr.size(), def.id() + " stayed hungry from tick " + (i + 1) + " to " + (j + 1));
          i = j;
        }
      }
    }
  }

  @Test
  void no_need_stays_at_its_worst_for_long() {
    for (NpcDef def : world.npcs().values()) {
      List<double[]> tr = trace.get(def.id());
      for (int need = 0; need < 4; need++) {
        int run = 0;
        int longest = 0;
        for (double[] row : tr) {
          run = row[need] < 5 ? run + 1 : 0;
          longest = Math.max(longest, run);
        }
        assertTrue(longest <= 60, def.id() + ": need " + need + " was at its worst for " + longest + " ticks");
      }
    }
  }

  @Test
  void they_talk_with_each_other_and_reflect_citing_evidence() {
    int reflections = 0;
    for (NpcDef def : world.npcs().values()) {
      Mind m = sim.mind.get(def.id());
      for (Event e : events.get(def.id())) {
        if (e instanceof Reflected r) {
          reflections++;
          for (Memory insight : r.insights()) {
            assertEquals(MemoryType.REFLECTION, insight.type());
            assertFalse(insight.evidence().isEmpty(), def.id() + ": an insight without evidence: " + insight.text());
          }
        }
      }
      assertTrue(m.relationships().values().stream().anyMatch(r -> r.trust() > 20),
          def.id() + " has grown no trust in anyone: " + m.relationships());
    }
    assertTrue(reflections >= world.npcs().size(), "only " + reflections + " reflections in " + DAYS + " days");
    long dialogues = events.values().stream().flatMap(List::stream)
        .filter(e -> e instanceof NpcEntity.Remembered r && r.memory().type() == MemoryType.DIALOGUE).count();
    assertTrue(dialogues > 20, "only " + dialogues + " conversations");
  }

  @Test
  void reflections_cite_memories_that_existed_when_they_were_written() {
    for (NpcDef def : world.npcs().values()) {
      Set<Long> seen = new HashSet<>();
      long nextId = 1;
      for (Event e : events.get(def.id())) {
        if (e instanceof NpcEntity.Remembered) {
          seen.add(nextId++);
        } else if (e instanceof Reflected r) {
          for (Memory insight : r.insights()) {
            assertTrue(seen.containsAll(insight.evidence()), def.id() + " cites unknown memories " + insight.evidence());
          }
          for (int i = 0; i < r.insights().size(); i++) {
            seen.add(nextId++);
          }
        }
      }
    }
  }

  @Test
  void memory_stays_bounded() {
    maxMemories.forEach((npc, max) -> assertTrue(max <= SETTINGS.memoryCapacity(), npc + " held " + max + " memories"));
    assertTrue(sim.mind.values().stream().anyMatch(m -> m.memory().forgotten() > 0), "nobody ever forgot anything");
  }

  @Test
  void emotions_return_to_baseline() {
    for (NpcDef def : world.npcs().values()) {
      Mind m = sim.mind.get(def.id());
      Emotion scared = m.emotion().felt(Mood.FEAR, 1.0, def.personality());
      assertEquals(Mood.FEAR, scared.mood());
      Emotion later = scared.settled(def.personality(), 600);
      assertEquals(Emotion.baseline(def.personality()).mood(), later.mood(), def.id());
      assertEquals(Emotion.baseline(def.personality()).intensity(), later.intensity(), 0.05, def.id());
    }
  }

  @Test
  void the_same_world_lives_the_same_way() {
    ValeSimulation again = new ValeSimulation(world, SETTINGS);
    again.run(1, END);
    assertEquals(sim.mind, again.mind);
  }
}
