package io.microcosm.bench;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.Behavior;
import akka.actor.typed.BehaviorInterceptor;
import akka.actor.typed.TypedActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.Node;
import io.microcosm.clock.Almanac;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.creature.CreatureHabits;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.EntityKind;
import io.microcosm.entity.EntitySettings;
import io.microcosm.entity.ShardRouting;
import io.microcosm.entity.TickClock;
import io.microcosm.location.Crowds;
import io.microcosm.location.LocationEntity;
import io.microcosm.persistence.H2Schema;
import io.microcosm.player.PlayerEntity;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.Direction;
import io.microcosm.world.ExitDef;
import io.microcosm.world.LocationDef;
import io.microcosm.world.World;
import io.microcosm.world.ZoneDef;
import io.microcosm.zone.LocationResidents;
import io.microcosm.zone.Residents;
import io.microcosm.zone.ZoneEntity;
import io.microcosm.zone.ZonePulse;
import io.microcosm.zone.ZoneSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The living world's cost: how long a world tick takes, how many events it persists and how much
 * heap the world holds, against the number of residents the zones tick. One fresh node on a fresh
 * H2 journal per run; the world clock is off and the benchmark hands each tick to every zone itself
 * (as the clock would), waiting until every resident has handled it before the next.
 *
 * <p>Residents of a kind are a {@link Population}: creatures or NPCs; {@code --kind} chooses it.
 * Another kind plugs in by adding its population to {@link #POPULATIONS}.
 */
public final class WorldBenchmark {

  /**
   * A kind of resident the benchmark can fill a world with. {@link #populate} adds the residents to
   * a generated world; {@link #start} registers the entity kind with sharding, its behaviour wrapped
   * by {@code counted} (so the benchmark sees each tick handled) and returns how zones tick it.
   */
  public interface Population {
    World populate(World world, int count);

    Residents start(ActorSystem<?> system, ClusterSharding sharding, World world, Config config,
        EntitySettings settings, TickClock ticks, Almanac almanac, Counted counted);

    /**
     * Brings every resident up before the first tick a batch at a time (recovered from the journal;
     * placed in the world at tick {@code tick}, for residents that place themselves on their first
     * tick): a world waking all at once on its first tick measures the journal's recovery and a
     * population's arrival, not a tick.
     */
    void wake(ClusterSharding sharding, World world, Waker waker, Almanac almanac, long tick);
  }

  /** Asks each of many entities something and waits for every answer, a batch at a time. */
  public interface Waker {
    <T, R> void wake(List<? extends RecipientRef<T>> entities, java.util.function.Function<ActorRef<R>, T> question);
  }

  /**
   * Counts the ticks residents have handled: either every tick message an entity's behaviour takes
   * ({@link #wrap}), or, for residents that answer a tick when all it set off is done, each answer
   * ({@link #handled}).
   */
  public interface Counted {
    <C> Behavior<C> wrap(Class<C> type, Class<? extends C> tickType, Behavior<C> behavior);

    void handled();
  }

  static final Map<String, Population> POPULATIONS = new LinkedHashMap<>(Map.of("creature", new Creatures(), "npc", new Npcs()));

  static final String USAGE = """
      Usage: scripts/bench-world [-o] [options]

        --kind K        the residents to count: %s (default creature)
        --counts N,...  resident counts, one run each (default 1000,10000)
        --lod K,...     microcosm.zone.lod-every for each count (default 1,10: every tick, then level of detail)
        --zones Z       zones the residents are spread over (default: one per 100 residents, at least 1)
        --places P      locations per zone, in a ring (default 10)
        --busy B        zones with a player in them, ticked in full whatever --lod says (default 1)
        --roam P        microcosm.creatures.roam-percent (default 5)
        --warmup T      ticks run first and not measured (default 100)
        --ticks T       ticks measured (default 300)
        --timeout S     seconds one tick may take before the run is abandoned (default 60)
        --keep DIR      keep each run's H2 journal in DIR/<count>-lod<K> for scripts/replay (default: deleted)
        --help          this text

      Each run prints tick duration p50/p99/max (from handing the tick to the zones until every resident
      ticked has handled it), residents ticked per tick, events persisted per tick and the heap after a
      full GC. Runs are bounded by --ticks; nothing waits on a timer, so a tick takes what it costs.
      """;

  private WorldBenchmark() {}

  record Options(String kind, List<Integer> counts, List<Integer> lods, int zones, int places, int busy, int roam,
      int warmup, int ticks, int timeoutSeconds, Path keep) {

    static Options parse(String[] args) {
      String kind = "creature";
      List<Integer> counts = List.of(1_000, 10_000);
      List<Integer> lods = List.of(1, 10);
      int zones = 0;
      int places = 10;
      int busy = 1;
      int roam = 5;
      int warmup = 100;
      int ticks = 300;
      int timeout = 60;
      Path keep = null;
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--help") || flag.equals("-h")) {
          throw new HelpWanted();
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value");
        }
        String value = args[++i];
        switch (flag) {
          case "--kind" -> kind = value;
          case "--counts" -> counts = list(flag, value, 1);
          case "--lod" -> lods = list(flag, value, 1);
          case "--zones" -> zones = atLeast(flag, value, 1);
          case "--places" -> places = atLeast(flag, value, 2);
          case "--busy" -> busy = atLeast(flag, value, 0);
          case "--roam" -> roam = atLeast(flag, value, 0);
          case "--warmup" -> warmup = atLeast(flag, value, 0);
          case "--ticks" -> ticks = atLeast(flag, value, 1);
          case "--timeout" -> timeout = atLeast(flag, value, 1);
          case "--keep" -> keep = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + flag);
        }
      }
      if (!POPULATIONS.containsKey(kind)) {
        throw new IllegalArgumentException("--kind " + kind + " is not one of: " + String.join(", ", POPULATIONS.keySet()));
      }
      if (roam > 100) {
        throw new IllegalArgumentException("--roam must be 0..100, was " + roam);
      }
      return new Options(kind, counts, lods, zones, places, busy, roam, warmup, ticks, timeout, keep);
    }

    int zonesFor(int count) {
      return zones > 0 ? zones : Math.max(1, count / 100);
    }

    private static int atLeast(String flag, String value, int min) {
      int n;
      try {
        n = Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + " takes a whole number, not '" + value + "'");
      }
      if (n < min) {
        throw new IllegalArgumentException(flag + " must be at least " + min + ", was " + n);
      }
      return n;
    }

    private static List<Integer> list(String flag, String value, int min) {
      return Arrays.stream(value.split(",")).map(String::trim).map(v -> atLeast(flag, v, min)).toList();
    }
  }

  static final class HelpWanted extends RuntimeException {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (HelpWanted h) {
      System.out.print(USAGE.formatted(String.join(", ", POPULATIONS.keySet())));
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("bench-world: " + e.getMessage());
      System.err.print(USAGE.formatted(String.join(", ", POPULATIONS.keySet())));
      System.exit(2);
      return;
    }
    System.out.printf(Locale.ROOT, "bench-world: %s residents %s, lod-every %s, %d warm-up + %d measured ticks, "
            + "%d places a zone, %d busy zone(s), roam %d %%; %d cores, max heap %d MiB%n",
        options.kind(), options.counts(), options.lods(), options.warmup(), options.ticks(), options.places(),
        options.busy(), options.roam(), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(Locale.ROOT, "%9s %6s %5s %9s %9s %9s %9s %12s %12s %10s%n", "residents", "zones", "lod",
        "p50 ms", "p99 ms", "max ms", "ticked", "events/tick", "ticks/s", "heap MiB");
    int status = 0;
    for (int count : options.counts()) {
      for (int lod : options.lods()) {
        Path dataDir = options.keep() == null ? Files.createTempDirectory("microcosm-bench-world-")
            : Files.createDirectories(options.keep().resolve(count + "-lod" + lod));
        try {
          System.out.println(run(options, count, lod, dataDir).line());
        } catch (TickTimeout e) {
          System.out.printf(Locale.ROOT, "%9d %6d %5d  abandoned: %s%n", count, options.zonesFor(count), lod, e.getMessage());
          status = 1;
        } finally {
          if (options.keep() == null) {
            deleteRecursively(dataDir);
          }
        }
      }
    }
    System.exit(status);
  }

  record Result(int residents, int zones, int lod, long p50, long p99, long max, double ticked, double eventsPerTick,
      double ticksPerSecond, long heap) {

    String line() {
      return String.format(Locale.ROOT, "%9d %6d %5d %9.2f %9.2f %9.2f %9.0f %12.1f %12.1f %10d", residents, zones, lod,
          p50 / 1e6, p99 / 1e6, max / 1e6, ticked, eventsPerTick, ticksPerSecond, heap >> 20);
    }
  }

  static final class TickTimeout extends Exception {
    TickTimeout(String message) {
      super(message);
    }
  }

  static Result run(Options o, int count, int lod, Path dataDir) throws Exception {
    Config config = MicrocosmConfig.load(ConfigFactory.parseMap(Map.of(
        "microcosm.data-dir", dataDir.toString(),
        "microcosm.journal", "h2",
        "microcosm.clock.enabled", "off",
        "microcosm.zone.lod-every", lod,
        "microcosm.creatures.roam-percent", o.roam(),
        "akka.remote.artery.canonical.port", 0,
        "akka.loglevel", "WARNING",
        "akka.coordinated-shutdown.exit-jvm", "off")));
    int zones = o.zonesFor(count);
    Population population = POPULATIONS.get(o.kind());
    World world = population.populate(ringWorld(Node.loadWorld(config), zones, o.places()), count);
    H2Schema.ensure(config);
    String journal = MicrocosmConfig.h2Url(config);
    EntitySettings settings = EntitySettings.fromConfig(config);
    AtomicLong tick = new AtomicLong(1_000_000);
    TickClock ticks = tick::get;
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench-world", config);
    try {
      Cluster cluster = Cluster.get(system);
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
      awaitUp(cluster);
      ClusterSharding sharding = ClusterSharding.get(system);
      Almanac almanac = Almanac.fromConfig(config, world);
      LongAdder dispatched = new LongAdder();
      LongAdder handled = new LongAdder();
      Counted counted = new Counted() {
        @Override
        public <C> Behavior<C> wrap(Class<C> type, Class<? extends C> tickType, Behavior<C> behavior) {
          return Behaviors.intercept(() -> new CountingInterceptor<>(type, tickType, handled), behavior);
        }

        @Override
        public void handled() {
          handled.increment();
        }
      };
      LocationEntity.init(sharding, world, settings, ticks, almanac, (location, players) ->
          sharding.entityRefFor(ZoneEntity.ENTITY_KEY, ShardRouting.zoneOf(location))
              .tell(new ZoneEntity.PlayersAt(CommandMeta.fresh(location), location, players)), Crowds.fromConfig(config));
      PlayerEntity.init(sharding, world, settings, ticks);
      Residents residents = population.start(system, sharding, world, config, settings, ticks, almanac, counted);
      List<Residents> kinds = List.of(new LocationResidents(world, id -> sharding.entityRefFor(LocationEntity.ENTITY_KEY, id)),
          countingDispatch(residents, dispatched));
      ZoneEntity.init(sharding, world, settings, almanac, ZoneSettings.fromConfig(config), kinds);
      List<String> zoneIds = List.copyOf(world.zones().keySet());
      Waker waker = waker(system, Duration.ofSeconds(o.timeoutSeconds()));
      waker.wake(world.locations().keySet().stream().map(id -> sharding.entityRefFor(LocationEntity.ENTITY_KEY, id)).toList(),
          (ActorRef<LocationEntity.ExitReply> r) -> new LocationEntity.FindExit(CommandMeta.fresh("bench"), Direction.UP, r));
      waker.wake(zoneIds.stream().map(id -> sharding.entityRefFor(ZoneEntity.ENTITY_KEY, id)).toList(),
          (ActorRef<ZoneEntity.ZoneView> r) -> new ZoneEntity.GetStatus(CommandMeta.fresh("bench"), r));
      long waking = System.nanoTime();
      population.wake(sharding, world, waker, almanac, tick.get());
      System.err.printf(Locale.ROOT, "bench-world: %,d %s residents woken in %.1f s%n", count, o.kind(),
          (System.nanoTime() - waking) / 1e9);
      placePlayers(system, sharding, zoneIds, Math.min(o.busy(), zones), o.places());

      long[] durations = new long[o.ticks()];
      long startOrdering = 0;
      long dispatchedAtStart = 0;
      long started = 0;
      for (int i = 0; i < o.warmup() + o.ticks(); i++) {
        if (i == o.warmup()) {
          startOrdering = EntityBenchmark.lastEventOrdering(journal);
          dispatchedAtStart = dispatched.sum();
          started = System.nanoTime();
        }
        long t = tick.incrementAndGet();
        long begin = System.nanoTime();
        for (String zone : zoneIds) {
          sharding.entityRefFor(ZoneEntity.ENTITY_KEY, zone).tell(
              new ZoneEntity.Tick(new CommandMeta(ZoneEntity.pulseId(zone, t), "bench", 0), t, t));
        }
        awaitTick(system, sharding, zoneIds, dispatched, handled, Duration.ofSeconds(o.timeoutSeconds()), t);
        if (i >= o.warmup()) {
          durations[i - o.warmup()] = System.nanoTime() - begin;
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long events = EntityBenchmark.lastEventOrdering(journal) - startOrdering;
      double ticked = (dispatched.sum() - dispatchedAtStart) / (double) o.ticks();
      long heap = EntityBenchmark.heapUsedAfterGc();
      Arrays.sort(durations);
      return new Result(count, zones, lod, percentile(durations, 50), percentile(durations, 99),
          durations[durations.length - 1], ticked, events / (double) o.ticks(), o.ticks() / seconds, heap);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
  }

  /** Waits until every zone has dispatched tick {@code t} and every resident it dispatched to has handled it. */
  private static void awaitTick(
      ActorSystem<Void> system, ClusterSharding sharding, List<String> zones, LongAdder dispatched, LongAdder handled,
      Duration timeout, long t) throws TickTimeout, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    TestProbe<ZoneEntity.ZoneView> probe = TestProbe.create(system);
    for (String zone : zones) {
      sharding.entityRefFor(ZoneEntity.ENTITY_KEY, zone).tell(new ZoneEntity.GetStatus(CommandMeta.fresh("bench"), probe.ref()));
    }
    for (int i = 0; i < zones.size(); i++) {
      try {
        probe.receiveMessage(timeout);
      } catch (AssertionError e) {
        throw new TickTimeout("a zone did not answer within " + timeout.toSeconds() + " s at tick " + t);
      }
    }
    long spins = 0;
    while (handled.sum() < dispatched.sum()) {
      if (System.nanoTime() > deadline) {
        throw new TickTimeout("tick " + t + " not handled within " + timeout.toSeconds() + " s ("
            + handled.sum() + " of " + dispatched.sum() + " resident ticks)");
      }
      if (++spins > 100) {
        Thread.sleep(0, 200_000);
      } else {
        Thread.onSpinWait();
      }
    }
  }

  private static final int WAKE_BATCH = 100;

  private static Waker waker(ActorSystem<?> system, Duration timeout) {
    return new Waker() {
      @Override
      public <T, R> void wake(List<? extends RecipientRef<T>> entities, java.util.function.Function<ActorRef<R>, T> question) {
        for (int from = 0; from < entities.size(); from += WAKE_BATCH) {
          List<java.util.concurrent.CompletableFuture<R>> answers = new ArrayList<>();
          for (RecipientRef<T> entity : entities.subList(from, Math.min(entities.size(), from + WAKE_BATCH))) {
            answers.add(AskPattern.<T, R>ask(entity, question::apply, timeout, system.scheduler()).toCompletableFuture());
          }
          java.util.concurrent.CompletableFuture.allOf(answers.toArray(new java.util.concurrent.CompletableFuture[0])).join();
        }
      }
    };
  }

  private static Residents countingDispatch(Residents residents, LongAdder dispatched) {
    return new Residents() {
      @Override
      public EntityKind kind() {
        return residents.kind();
      }

      @Override
      public List<String> in(String zone) {
        return residents.in(zone);
      }

      @Override
      public boolean levelOfDetail() {
        return residents.levelOfDetail();
      }

      @Override
      public void tick(String id, ZonePulse pulse) {
        dispatched.increment();
        residents.tick(id, pulse);
      }
    };
  }

  /** Counts the tick messages an entity handles (after its handler has run). */
  private static final class CountingInterceptor<C> extends BehaviorInterceptor<C, C> {
    private final Class<? extends C> tickType;
    private final LongAdder handled;

    CountingInterceptor(Class<C> type, Class<? extends C> tickType, LongAdder handled) {
      super(type);
      this.tickType = tickType;
      this.handled = handled;
    }

    @Override
    public Behavior<C> aroundReceive(TypedActorContext<C> ctx, C msg, ReceiveTarget<C> target) {
      Behavior<C> next = target.apply(ctx, msg);
      if (tickType.isInstance(msg)) {
        handled.increment();
      }
      return next;
    }
  }

  /** One player in each of the first {@code busy} zones, so those zones tick in full. */
  private static void placePlayers(ActorSystem<Void> system, ClusterSharding sharding, List<String> zones, int busy,
      int places) {
    TestProbe<Object> probe = TestProbe.create(system);
    for (int z = 0; z < busy; z++) {
      String name = "visitor" + z;
      var player = sharding.entityRefFor(PlayerEntity.ENTITY_KEY, name);
      player.tell(new PlayerEntity.Join(CommandMeta.fresh(name), probe.ref().narrow()));
      probe.receiveMessage(Duration.ofSeconds(30));
      player.tell(new PlayerEntity.Teleport(CommandMeta.fresh(name), place(zones.get(z), 0), probe.ref().narrow()));
      probe.receiveMessage(Duration.ofSeconds(30));
    }
  }

  static String place(String zone, int i) {
    return zone + ".p" + i;
  }

  /**
   * The Vale's items, kinds and rules with generated geography: {@code zones} zones of {@code places}
   * locations each, in a ring (east and west), no resources or residents yet.
   */
  static World ringWorld(World vale, int zones, int places) {
    Map<String, ZoneDef> zoneDefs = new LinkedHashMap<>();
    Map<String, LocationDef> locations = new LinkedHashMap<>();
    for (int z = 0; z < zones; z++) {
      String zone = String.format(Locale.ROOT, "z%04d", z);
      zoneDefs.put(zone, new ZoneDef(zone, "Zone " + z, ""));
      for (int p = 0; p < places; p++) {
        String id = place(zone, p);
        locations.put(id, new LocationDef(id, zone, "place " + p, "",
            Map.of(Direction.EAST, new ExitDef(Direction.EAST, place(zone, (p + 1) % places), null, null, 1),
                Direction.WEST, new ExitDef(Direction.WEST, place(zone, (p + places - 1) % places), null, null, 1)),
            Map.of()));
      }
    }
    String start = place("z0000", 0);
    return new World("bench", "Bench world", start, start, vale.seed(), vale.player(), zoneDefs, locations,
        vale.items(), vale.effects(), Map.of(), Map.of(), vale.recipes(), vale.creatureKinds(), Map.of());
  }

  /** Creatures of the Vale's kinds, round-robin, spread evenly over the zones and their places. */
  static final class Creatures implements Population {

    @Override
    public World populate(World world, int count) {
      List<String> zones = List.copyOf(world.zones().keySet());
      List<String> kinds = List.copyOf(world.creatureKinds().keySet());
      Map<String, List<String>> homes = new LinkedHashMap<>();
      Map<String, CreatureSpawn> spawns = new LinkedHashMap<>();
      int places = (int) (world.locations().size() / zones.size());
      for (int i = 0; i < count; i++) {
        String zone = zones.get(i % zones.size());
        String kind = kinds.get(i % kinds.size());
        String id = zone + "." + kind + "." + i;
        String home = place(zone, (i / zones.size()) % places);
        spawns.put(id, new CreatureSpawn(id, kind, home));
        homes.computeIfAbsent(home, h -> new ArrayList<>()).add(id);
      }
      Map<String, LocationDef> locations = new LinkedHashMap<>();
      world.locations().forEach((id, l) -> locations.put(id, new LocationDef(id, l.zone(), l.name(), l.description(),
          l.exits(), l.items(), l.nodes(), l.stations(), homes.getOrDefault(id, List.of()))));
      return new World(world.name(), world.title(), world.start(), world.home(), world.seed(), world.player(),
          world.zones(), locations, world.items(), world.effects(), world.nodes(), world.stations(), world.recipes(),
          world.creatureKinds(), spawns);
    }

    @Override
    public Residents start(ActorSystem<?> system, ClusterSharding sharding, World world, Config config,
        EntitySettings settings, TickClock ticks, Almanac almanac, Counted counted) {
      CreatureEntity.Links links = new CreatureEntity.Links(id -> sharding.entityRefFor(LocationEntity.ENTITY_KEY, id),
          (player, assault) -> sharding.entityRefFor(PlayerEntity.ENTITY_KEY, player)
              .tell(new PlayerEntity.Ambush(assault.meta(), assault, system.ignoreRef())),
          almanac, CreatureHabits.fromConfig(config));
      sharding.init(Entity.of(CreatureEntity.ENTITY_KEY, ctx -> counted.wrap(CreatureEntity.Command.class,
              CreatureEntity.Live.class, CreatureEntity.create(ctx.getEntityId(), world, settings, ticks, links)))
          .withMessageExtractor(settings.routing().extractor(EntityKind.CREATURE)));
      return new io.microcosm.zone.CreatureResidents(world, id -> sharding.entityRefFor(CreatureEntity.ENTITY_KEY, id));
    }

    @Override
    public void wake(ClusterSharding sharding, World world, Waker waker, Almanac almanac, long tick) {
      waker.wake(world.creatures().keySet().stream().map(id -> sharding.entityRefFor(CreatureEntity.ENTITY_KEY, id)).toList(),
          (ActorRef<CreatureEntity.CreatureView> r) -> new CreatureEntity.Inspect(CommandMeta.fresh("bench"), r));
    }
  }

  /**
   * NPCs made from the Vale's people, round-robin, spread evenly over the zones: each sleeps at one
   * place of its zone, works at the next and keeps company at the one after, on the usual day, with
   * the Vale's personalities, packs and rations (its household feeds it at home). A tick counts as
   * handled when the NPC answers it, that is after every capability the tick set off (walks, chats)
   * has been answered.
   */
  static final class Npcs implements Population {

    private final World vale = io.microcosm.world.WorldLoader.load("vale");

    @Override
    public World populate(World world, int count) {
      List<String> zones = List.copyOf(world.zones().keySet());
      List<io.microcosm.world.NpcDef> people = List.copyOf(vale.npcs().values());
      int places = world.locations().size() / zones.size();
      Map<String, io.microcosm.world.NpcDef> npcs = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String zone = zones.get(i % zones.size());
        int slot = i / zones.size();
        io.microcosm.world.NpcDef p = people.get(i % people.size());
        String id = zone + ".npc.n" + i;
        String home = place(zone, slot % places);
        String work = place(zone, (slot + 1) % places);
        String haunt = place(zone, (slot + 2) % places);
        npcs.put(id, new io.microcosm.world.NpcDef(id, zone, p.name() + " " + i, List.of(), p.role(), p.description(),
            p.faction(), home, work, haunt, p.personality(), p.pack(), p.ration(),
            io.microcosm.world.NpcDef.usualDay(home, work, haunt), Map.of(), p.topics()));
      }
      return new World(world.name(), world.title(), world.start(), world.home(), world.seed(), world.player(),
          world.zones(), world.locations(), world.items(), world.effects(), world.nodes(), world.stations(),
          world.recipes(), world.creatureKinds(), world.creatures(), npcs, vale.factions(), vale.lore());
    }

    @Override
    public Residents start(ActorSystem<?> system, ClusterSharding sharding, World world, Config config,
        EntitySettings settings, TickClock ticks, Almanac almanac, Counted counted) {
      io.microcosm.npc.NpcMind minds = new io.microcosm.npc.NpcMind(world, io.microcosm.npc.NpcEntity.settingsFrom(config));
      io.microcosm.npc.NpcEntity.Peers peers = io.microcosm.npc.NpcEntity.Peers.sharded(sharding);
      sharding.init(settings.routing().placed(Entity.of(io.microcosm.npc.NpcEntity.ENTITY_KEY,
          ctx -> io.microcosm.npc.NpcEntity.create(ctx.getEntityId(), minds, settings, peers)), EntityKind.NPC));
      ActorRef<io.microcosm.npc.NpcEntity.Ticked> answers = system.systemActorOf(
          Behaviors.receive(io.microcosm.npc.NpcEntity.Ticked.class).onAnyMessage(t -> {
            counted.handled();
            return Behaviors.same();
          }).build(), "npc-ticks", akka.actor.typed.Props.empty());
      return new io.microcosm.zone.NpcResidents(world, id -> sharding.entityRefFor(io.microcosm.npc.NpcEntity.ENTITY_KEY, id), answers);
    }

    @Override
    public void wake(ClusterSharding sharding, World world, Waker waker, Almanac almanac, long tick) {
      for (var zone : world.npcs().values().stream().collect(java.util.stream.Collectors.groupingBy(n -> n.zone())).entrySet()) {
        String weather = almanac.conditions(zone.getKey(), tick).weather().label();
        waker.wake(zone.getValue().stream().map(n -> sharding.entityRefFor(io.microcosm.npc.NpcEntity.ENTITY_KEY, n.id())).toList(),
            (ActorRef<io.microcosm.npc.NpcEntity.Ticked> r) -> new io.microcosm.npc.NpcEntity.Tick(
                new CommandMeta(ZoneEntity.pulseId(zone.getKey(), tick), "bench", 0), tick, weather, r));
      }
    }
  }

  private static void awaitUp(Cluster cluster) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (cluster.selfMember().status() != akka.cluster.MemberStatus.up()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the node did not become Up within 30 s: " + cluster.selfMember());
      }
      Thread.sleep(20);
    }
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
