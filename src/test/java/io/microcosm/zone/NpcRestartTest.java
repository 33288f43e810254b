package io.microcosm.zone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.RecipientRef;
import io.microcosm.clock.Almanac;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.creature.CreatureHabits;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.EntitySettings;
import io.microcosm.entity.ShardRouting;
import io.microcosm.location.Crowds;
import io.microcosm.location.LocationEntity;
import io.microcosm.npc.DayCycle;
import io.microcosm.npc.NpcEntity;
import io.microcosm.npc.NpcMind;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.TestWorlds;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * An NPC living on its zone's ticks, in its zone's weather, among the zone's locations and
 * creatures; the zone and the NPC are stopped in the middle of the day and started again from their
 * journals. The day ends as it would have without the stop.
 */
class NpcRestartTest {

  static final String MIRA = "vale.npc.mira";
  /** The Vale with Mira as its only person, so that nothing but the world's seed decides her day. */
  static final World WORLD = onlyMira(WorldLoader.load("vale"));
  static final long START = 60;
  static final long END = 20 * 60;

  @Test
  void an_npc_and_its_zone_stopped_mid_day_and_started_again_end_the_day_as_without_the_stop() {
    List<Object> uninterrupted = live("uninterrupted", Long.MAX_VALUE);
    List<Object> restarted = live("restarted", 11 * 60 + 17);
    assertEquals(uninterrupted, restarted);
    @SuppressWarnings("unchecked")
    List<String> memories = (List<String>) uninterrupted.get(uninterrupted.size() - 1);
    assertTrue(memories.size() >= 3, "the day left memories to compare: " + memories);
  }

  /** Mira's day on the zone's ticks, the zone and Mira stopped and started again at {@code restartAt}. */
  private List<Object> live(String name, long restartAt) {
    ActorTestKit kit = ActorTestKit.create(name, TestConfigs.eventSourcedUnit());
    try {
      Vale vale = new Vale(kit);
      for (long t = START; t <= END; t++) {
        if (t == restartAt) {
          vale.restartZoneAndMira();
        }
        vale.pass(t);
      }
      NpcEntity.NpcView v = vale.ask(vale.npc(MIRA), r -> new NpcEntity.Inspect(CommandMeta.fresh("test"), r));
      NpcEntity.MemoriesView memories = vale.ask(vale.npc(MIRA),
          r -> new NpcEntity.Recall(CommandMeta.fresh("test"), null, 1, 500, null, r));
      ZoneEntity.ZoneView zone = vale.ask(vale.zones.get("vale"), r -> new ZoneEntity.GetStatus(CommandMeta.fresh("test"), r));
      return List.of(zone.weather(), v.location(), v.activity(), v.needs(), v.emotion(), v.pack(), v.goals(),
          v.relationships(), memories.memories().stream().map(m -> m.tick() + " " + m.importance() + " " + m.text()).toList());
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** The world's entities in one test actor system, wired as sharding would wire them. */
  private static final class Vale {
    final ActorTestKit kit;
    final EntitySettings settings = TestWorlds.settings();
    final AtomicLong tick = new AtomicLong(START);
    final Almanac almanac = Almanac.calm(WORLD);
    final NpcMind minds = new NpcMind(WORLD, new NpcMind.Settings(new DayCycle(1440), 80, 40, 2880), almanac);
    final Map<String, ActorRef<LocationEntity.Command>> locations = new ConcurrentSkipListMap<>();
    final Map<String, ActorRef<CreatureEntity.Command>> creatures = new ConcurrentSkipListMap<>();
    final Map<String, ActorRef<ZoneEntity.Command>> zones = new ConcurrentSkipListMap<>();
    final Map<String, ActorRef<NpcEntity.Command>> npcs = new ConcurrentSkipListMap<>();
    final List<Residents> residents;

    Vale(ActorTestKit kit) {
      this.kit = kit;
      residents = List.of(new LocationResidents(WORLD, this::location), new CreatureResidents(WORLD, this::creature),
          new NpcResidents(WORLD, this::npc, kit.system()));
      WORLD.zones().keySet().forEach(this::spawnZone);
      CreatureEntity.Links links = new CreatureEntity.Links(this::location, CreatureEntity.Prey.NONE, almanac,
          CreatureHabits.DEFAULT);
      for (String id : WORLD.locations().keySet()) {
        locations.put(id, kit.spawn(LocationEntity.create(id, WORLD, settings, tick::get, almanac,
            (location, present) -> zones.get(ShardRouting.zoneOf(location))
                .tell(new ZoneEntity.PlayersAt(CommandMeta.fresh(location), location, present)),
            Crowds.DEFAULT, NpcEntity.onlookers(this::npc))));
      }
      for (String id : WORLD.creatures().keySet()) {
        creatures.put(id, kit.spawn(CreatureEntity.create(id, WORLD, settings, tick::get, links)));
      }
      spawnNpc(MIRA);
    }

    private void spawnZone(String zone) {
      zones.put(zone, kit.spawn(ZoneEntity.create(zone, WORLD, settings, almanac, new ZoneSettings(1, 10_000), residents,
          id -> locations.containsKey(id) ? locations.get(id) : kit.system().deadLetters())));
    }

    private void spawnNpc(String id) {
      npcs.put(id, kit.spawn(NpcEntity.create(id, minds, settings,
          new NpcEntity.Peers(this::location, this::npc, this::creature))));
    }

    void restartZoneAndMira() {
      kit.stop(zones.get("vale"));
      kit.stop(npcs.get(MIRA));
      spawnZone("vale");
      spawnNpc(MIRA);
    }

    /**
     * Tick {@code t} passes: the zones are told, and the test waits until Mira has lived it (a tick
     * asked for again is answered once the mind has got there), so each of her capabilities meets
     * the world at the same tick in every run.
     */
    void pass(long t) {
      tick.set(t);
      zones.forEach((zone, ref) -> ref.tell(new ZoneEntity.Tick(new CommandMeta(ZoneEntity.pulseId(zone, t), "clock", 0), t, t)));
      this.<ZoneEntity.Command, ZoneEntity.ZoneView>ask(zones.get("vale"), r -> new ZoneEntity.GetStatus(CommandMeta.fresh("test"), r));
      NpcEntity.Ticked lived = ask(npc(MIRA), r -> new NpcEntity.Tick(CommandMeta.fresh("test"), t,
          almanac.conditions("vale", t).weather().label(), r));
      assertEquals(t, lived.tick());
    }

    RecipientRef<LocationEntity.Command> location(String id) {
      return locations.get(id);
    }

    RecipientRef<CreatureEntity.Command> creature(String id) {
      return creatures.get(id);
    }

    RecipientRef<NpcEntity.Command> npc(String id) {
      ActorRef<NpcEntity.Command> ref = npcs.get(id);
      return ref != null ? ref : kit.system().deadLetters();
    }

    <T, R> R ask(RecipientRef<T> target, java.util.function.Function<ActorRef<R>, T> message) {
      TestProbe<R> probe = kit.createTestProbe();
      target.tell(message.apply(probe.ref()));
      return probe.receiveMessage(Duration.ofSeconds(10));
    }
  }

  private static World onlyMira(World w) {
    return new World(w.name(), w.title(), w.start(), w.home(), w.seed(), w.player(), w.zones(), w.locations(), w.items(),
        w.effects(), w.nodes(), w.stations(), w.recipes(), w.creatureKinds(), w.creatures(), Map.of(MIRA, w.npcs().get(MIRA)),
        w.factions(), w.lore());
  }
}
