package io.microcosm.zone;

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
import io.microcosm.player.PlayerEntity;
import io.microcosm.testkit.CampWorld;
import io.microcosm.testkit.TestWorlds;
import io.microcosm.world.Aggression;
import io.microcosm.world.CreatureKindDef;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.Direction;
import io.microcosm.world.ExitDef;
import io.microcosm.world.LocationDef;
import io.microcosm.world.World;
import io.microcosm.world.ZoneDef;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A whole small world alive in one test actor system: zones, locations, creatures and players wired
 * to each other as sharding would wire them, with the world's ticks driven by the test. Nothing
 * waits on a timer: {@link #run} hands every tick to the zones, {@link #settle} returns once every
 * entity has dealt with them.
 */
final class LivingWorld {

  static final String EDGE = "wild.edge";
  static final String GLADE = "wild.glade";
  static final String WILD_RAT = "wild.rat.1";
  static final String WILD_WOLF = "wild.wolf.1";

  final ActorTestKit kit;
  final World world;
  final Almanac almanac;
  final EntitySettings settings = TestWorlds.settings();
  final AtomicLong tick;
  private final ZoneSettings zoneSettings;
  private final CreatureHabits habits;
  // Read by the entities' threads while the test thread fills them.
  private final Map<String, ActorRef<LocationEntity.Command>> locations = new ConcurrentSkipListMap<>();
  private final Map<String, ActorRef<CreatureEntity.Command>> creatures = new ConcurrentSkipListMap<>();
  private final Map<String, ActorRef<ZoneEntity.Command>> zones = new ConcurrentSkipListMap<>();
  private final Map<String, ActorRef<PlayerEntity.Command>> players = new ConcurrentSkipListMap<>();

  LivingWorld(ActorTestKit kit, World world, Almanac almanac, ZoneSettings zoneSettings, CreatureHabits habits, long start) {
    this.kit = kit;
    this.world = world;
    this.almanac = almanac;
    this.zoneSettings = zoneSettings;
    this.habits = habits;
    this.tick = new AtomicLong(start);
    CreatureEntity.Links links = new CreatureEntity.Links(this::location,
        (player, assault) -> player(player).tell(new PlayerEntity.Ambush(assault.meta(), assault, kit.system().ignoreRef())),
        almanac, habits);
    // Zones first, so that every location finds its zone. A zone asks its locations who is there when
    // it starts; before they exist nobody is, so what it asks of a location not yet there is lost.
    List<Residents> residents = List.of(new LocationResidents(world, this::location),
        new CreatureResidents(world, this::creature));
    for (String zone : world.zones().keySet()) {
      zones.put(zone, kit.spawn(ZoneEntity.create(zone, world, settings, almanac, zoneSettings, residents,
          id -> locations.containsKey(id) ? locations.get(id) : kit.system().deadLetters())));
    }
    for (String id : world.locations().keySet()) {
      locations.put(id, kit.spawn(LocationEntity.create(id, world, settings, tick::get, Crowds.DEFAULT, almanac,
          (location, present) -> zones.get(ShardRouting.zoneOf(location))
              .tell(new ZoneEntity.PlayersAt(CommandMeta.fresh(location), location, present)))));
    }
    for (String id : world.creatures().keySet()) {
      creatures.put(id, kit.spawn(CreatureEntity.create(id, world, settings, tick::get, links)));
    }
  }

  /**
   * The camp of {@link CampWorld} with its wolf made aggressive, and beyond the den a second zone,
   * the wild: its edge (east of the den) and a glade north of it, with a rat and a (defensive) wolf.
   */
  static World frontier() {
    World camp = CampWorld.create();
    Map<String, CreatureKindDef> kinds = new LinkedHashMap<>(camp.creatureKinds());
    CreatureKindDef wolf = kinds.get("wolf");
    kinds.put("wolf", new CreatureKindDef(wolf.id(), wolf.name(), wolf.aliases(), wolf.description(), wolf.level(),
        wolf.hp(), wolf.attack(), wolf.defense(), Aggression.AGGRESSIVE, wolf.exp(), wolf.loot(), wolf.respawnTicks(),
        wolf.onHit(), wolf.onHitPercent()));
    kinds.put("wild-wolf", new CreatureKindDef("wild-wolf", "timber wolf", List.of("wolf"), "", 2, 20, 6, 1,
        Aggression.DEFENSIVE, 10, List.of(), 100, null, 0));
    Map<String, LocationDef> locations = new LinkedHashMap<>(camp.locations());
    LocationDef den = locations.get(CampWorld.DEN);
    Map<Direction, ExitDef> denExits = new LinkedHashMap<>(den.exits());
    denExits.put(Direction.EAST, new ExitDef(Direction.EAST, EDGE, null, null, 1));
    locations.put(CampWorld.DEN, new LocationDef(den.id(), den.zone(), den.name(), den.description(), denExits,
        den.items(), den.nodes(), den.stations(), den.creatures()));
    locations.put(EDGE, new LocationDef(EDGE, "wild", "the forest edge", "Trees begin.",
        Map.of(Direction.WEST, new ExitDef(Direction.WEST, CampWorld.DEN, null, null, 1),
            Direction.NORTH, new ExitDef(Direction.NORTH, GLADE, null, null, 1)),
        Map.of(), List.of(), List.of(), List.of(WILD_RAT)));
    locations.put(GLADE, new LocationDef(GLADE, "wild", "a glade", "Grass and sun.",
        Map.of(Direction.SOUTH, new ExitDef(Direction.SOUTH, EDGE, null, null, 1)),
        Map.of(), List.of(), List.of(), List.of(WILD_WOLF)));
    Map<String, CreatureSpawn> spawns = new LinkedHashMap<>(camp.creatures());
    spawns.put(WILD_RAT, new CreatureSpawn(WILD_RAT, "rat", EDGE));
    spawns.put(WILD_WOLF, new CreatureSpawn(WILD_WOLF, "wild-wolf", GLADE));
    Map<String, ZoneDef> zones = new LinkedHashMap<>(camp.zones());
    zones.put("wild", new ZoneDef("wild", "The Wild", ""));
    return new World("frontier", "The Frontier", camp.start(), camp.home(), camp.seed(), camp.player(), zones, locations,
        camp.items(), camp.effects(), camp.nodes(), camp.stations(), camp.recipes(), kinds, spawns);
  }

  RecipientRef<LocationEntity.Command> location(String id) {
    return require(locations, id);
  }

  RecipientRef<CreatureEntity.Command> creature(String id) {
    return require(creatures, id);
  }

  RecipientRef<ZoneEntity.Command> zone(String id) {
    return require(zones, id);
  }

  /** The player entity of {@code name}, created on first use. */
  ActorRef<PlayerEntity.Command> player(String name) {
    return players.computeIfAbsent(name, n -> kit.spawn(PlayerEntity.create(n, world, settings,
        new PlayerEntity.Peers(this::location, this::creature, this::playerRef), tick::get)));
  }

  private RecipientRef<PlayerEntity.Command> playerRef(String name) {
    return player(name);
  }

  private static <T> T require(Map<String, T> refs, String id) {
    T ref = refs.get(id);
    if (ref == null) {
      throw new IllegalArgumentException("nothing called " + id + " in this world");
    }
    return ref;
  }

  /**
   * Ticks {@code from} to {@code to} pass one by one, as the world clock would tell them. Every 50
   * ticks it waits for the zones and creatures to keep up: an entity that is persisting holds what
   * arrives meanwhile in a bounded stash (a second's tick at a time never fills it; a test's thousands
   * sent at once would).
   */
  void run(long from, long to) {
    for (long t = from; t <= to; t++) {
      pass(t, t);
      if (t % 50 == 0) {
        zones.values().forEach(ref -> this.<ZoneEntity.Command, ZoneEntity.ZoneView>ask(ref,
            r -> new ZoneEntity.GetStatus(CommandMeta.fresh("test"), r)));
        creatures.values().forEach(ref -> this.<CreatureEntity.Command, CreatureEntity.CreatureView>ask(ref,
            r -> new CreatureEntity.Inspect(CommandMeta.fresh("test"), r)));
      }
    }
  }

  /** Ticks {@code from} to {@code to} pass at once (the world was down meanwhile). */
  void pass(long from, long to) {
    tick.set(to);
    zones.forEach((zone, ref) -> ref.tell(new ZoneEntity.Tick(new CommandMeta(ZoneEntity.pulseId(zone, to), "clock", 0),
        from, to)));
  }

  /** Returns once every zone, creature and location has dealt with everything sent so far. */
  Snapshot settle() {
    Map<String, ZoneEntity.ZoneView> zoneViews = new TreeMap<>();
    zones.forEach((id, ref) -> zoneViews.put(id, ask(ref, r -> new ZoneEntity.GetStatus(CommandMeta.fresh("test"), r))));
    Map<String, CreatureEntity.CreatureView> creatureViews = new TreeMap<>();
    creatures.forEach((id, ref) -> creatureViews.put(id,
        ask(ref, r -> new CreatureEntity.Inspect(CommandMeta.fresh("test"), r))));
    // Looks are answered ahead of what a location has not yet applied; a command is not, so one goes
    // first to make sure everything sent to the location before has been applied.
    locations.values().forEach(ref -> this.<LocationEntity.Command, LocationEntity.ExitReply>ask(ref,
        r -> new LocationEntity.FindExit(CommandMeta.fresh("test"), Direction.UP, r)));
    Map<String, List<String>> seen = new TreeMap<>();
    locations.forEach((id, ref) -> seen.put(id, ((LocationEntity.Seen) this.<LocationEntity.Command, LocationEntity.LookReply>ask(
        ref, r -> new LocationEntity.Look(CommandMeta.fresh("test"), r))).view().creatures()));
    return new Snapshot(zoneViews, creatureViews, seen);
  }

  <T, R> R ask(RecipientRef<T> target, java.util.function.Function<ActorRef<R>, T> message) {
    TestProbe<R> probe = kit.createTestProbe();
    target.tell(message.apply(probe.ref()));
    return probe.receiveMessage(Duration.ofSeconds(10));
  }

  /**
   * What the world looks like: each zone's status, each creature as it says it is, and the creatures
   * each location shows to players.
   */
  record Snapshot(
      Map<String, ZoneEntity.ZoneView> zones, Map<String, CreatureEntity.CreatureView> creatures,
      Map<String, List<String>> creaturesSeen) {}
}
