package io.microcosm.bench;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.Node;
import io.microcosm.entity.EntitySettings;
import io.microcosm.readside.ReadSide;
import io.microcosm.readside.ReadSideSettings;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.LocationDef;
import io.microcosm.world.NodeKindDef;
import io.microcosm.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Drives simulated players straight through sharding on the H2 journal, and in the same JVM a
 * trivial persistent entity that persists one event per command, then prints throughput, latency
 * percentiles and heap for each and how the game compares. Two kinds of players: the "game"
 * workload's join, move, take, drop and look; the "mix" workload's realistic play (walking,
 * gathering, crafting, fighting, looking; see {@link MixClient}).
 *
 * <p>One node, started the way production starts one, on a fresh data directory that is deleted
 * afterwards. Each client is a closed loop inside an actor, so the offered concurrency is the
 * client count, and the clients' own answers never wait for a thread (see {@link AskToSelf}).
 */
public final class EntityBenchmark {

  static final double AIM_THROUGHPUT_PERCENT = 70;
  static final double AIM_P99_RATIO = 2;
  /** Keeps the mix players' choices apart from the game players' of the same seed. */
  static final long MIX_SEED_SALT = 0x6d69785f73656564L;
  /** Commands that only read, and so write nothing to the journal. */
  static final List<String> READ_ONLY = List.of("look", "status", "inventory");
  /** How far, in percentage points, a kind's share of the mix may stray from its aim unremarked. */
  static final double MIX_TOLERANCE_POINTS = 5;

  private EntityBenchmark() {}

  record Options(
      int clients, int warmupSeconds, int measureSeconds, int takeDropPairs, int stock, int abundance, long maxErrors,
      long seed, Duration askTimeout, Duration mixTick, List<String> workloads, boolean readSide, int lagEverySeconds) {

    static final List<String> WORKLOADS = List.of("raw", "game", "mix");

    static final String USAGE = """
        Usage: scripts/bench-entities [options]

        Runs, in one JVM on a fresh H2 journal, one after the other:
          raw   a trivial persistent entity (one event per command), the baseline;
          game  simulated players doing move/take/drop/look through sharding;
          mix   simulated players playing a realistic mix through sharding: walking to resource
                nodes, prey and crafting stations, gathering, crafting, attacking, looking (aim:
                move 35 %, gather 25 %, craft 10 %, attack 20 %, look and other 10 % of commands).
        Prints commands/s, latency percentiles, answers by verb and rejection code, journal events
        and heap for each, then the throughput of game and mix as a share of the baseline's and
        their p99 as a multiple of the baseline's.

          --players N      simulated players, and baseline clients; each a closed loop (default 200)
          --warmup S       seconds of load per workload whose figures are discarded (default 20)
          --seconds S      seconds measured per workload (default 30)
          --pairs N        game: take-and-drop pairs per player cycle, between a move and a look
                           (default 2)
          --stock K        multiply the items lying in every location by K (default 1: the world as
                           shipped, whose ~25 takeable items make most game players look rather
                           than take)
          --abundance K    mix: every resource node holds K times its stock and regrows K times as
                           fast, and every creature has K-1 twins (default 10; 1 is the world as
                           shipped, whose 13 nodes and 7 creatures near the start keep only a
                           handful of players busy; game players neither gather nor fight)
          --mix-tick-ms N  mix: milliseconds a world tick lasts while the mix runs (default 5; the
                           world ticks every 1000 ms as shipped, and so in raw and game). Players
                           who act every few milliseconds need world time to run as much faster
                           for stamina, regrowth and respawns to keep up with them.
          --max-errors N   stop when more commands than this got no answer in time (default 100)
          --timeout S      seconds a client waits for an answer before counting an error (default 10)
          --seed N         seed of the players' choices (default 1)
          --only W         run one workload: raw, game or mix (no comparison)
          --readside X     on (default, as a node runs) or off: the read side's projections run
                           beside the load, and their lag is printed while it runs and after
          --lag-every S    seconds between lag lines while a workload is measured (default 5)
          --help           this text
        """;

    static Options parse(String[] args) {
      int clients = 200;
      int warmup = 20;
      int seconds = 30;
      int pairs = 2;
      int stock = 1;
      int abundance = 10;
      long maxErrors = 100;
      long seed = 1;
      int timeout = 10;
      int mixTickMillis = 5;
      List<String> workloads = WORKLOADS;
      boolean readSide = true;
      int lagEvery = 5;
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--help") || flag.equals("-h")) {
          System.out.print(USAGE);
          System.exit(0);
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag.startsWith("--") ? flag + " needs a value" : "unknown argument '" + flag + "'");
        }
        String value = args[++i];
        switch (flag) {
          case "--players" -> clients = BenchArgs.intAtLeast(flag, value, 1);
          case "--warmup" -> warmup = BenchArgs.intAtLeast(flag, value, 0);
          case "--seconds" -> seconds = BenchArgs.intAtLeast(flag, value, 1);
          case "--pairs" -> pairs = BenchArgs.intAtLeast(flag, value, 0);
          case "--stock" -> stock = BenchArgs.intAtLeast(flag, value, 1);
          case "--abundance" -> abundance = BenchArgs.intAtLeast(flag, value, 1);
          case "--max-errors" -> maxErrors = BenchArgs.intAtLeast(flag, value, 0);
          case "--timeout" -> timeout = BenchArgs.intAtLeast(flag, value, 1);
          case "--seed" -> seed = BenchArgs.longValue(flag, value);
          case "--mix-tick-ms" -> mixTickMillis = BenchArgs.intAtLeast(flag, value, 1);
          case "--lag-every" -> lagEvery = BenchArgs.intAtLeast(flag, value, 1);
          case "--readside" -> {
            if (!value.equals("on") && !value.equals("off")) {
              throw new IllegalArgumentException("--readside must be on or off, not '" + value + "'");
            }
            readSide = value.equals("on");
          }
          case "--only" -> {
            if (!WORKLOADS.contains(value)) {
              throw new IllegalArgumentException("--only must be raw, game or mix, not '" + value + "'");
            }
            workloads = List.of(value);
          }
          default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
        }
      }
      return new Options(clients, warmup, seconds, pairs, stock, abundance, maxErrors, seed,
          Duration.ofSeconds(timeout), Duration.ofMillis(mixTickMillis), workloads, readSide, lagEvery);
    }
  }

  /** The measured figures of one workload. */
  record Result(
      String workload, double seconds, Histogram latencyMicros, Map<String, Histogram> latencyMicrosByVerb,
      Map<Tally.Outcome, Long> outcomes, Map<String, Long> failures, Map<String, Long> sent,
      Map<String, Long> happenings, Map<String, Long> clientsByPlace, long eventsDuringMeasure,
      Map<String, Long> busiestWriters, long journalRows, long heapAfterGcBytes, CpuUse cpu, String abortReason,
      List<String> readSide) {

    long commands() {
      return latencyMicros.getTotalCount();
    }

    double perSecond() {
      return commands() / seconds;
    }

    double percentileMillis(double p) {
      return latencyMicros.getValueAtPercentile(p) / 1000.0;
    }
  }

  /** Spawns client {@code index} of a workload and starts its loop. */
  interface ClientLauncher {
    void launch(LoadControl control, int index);
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-entities: " + e.getMessage());
      System.err.print(Options.USAGE);
      System.exit(2);
      return;
    }
    Path dataDir = Files.createTempDirectory("microcosm-bench-");
    int status;
    try {
      status = run(options, dataDir);
    } finally {
      deleteRecursively(dataDir);
    }
    System.exit(status);
  }

  static int run(Options options, Path dataDir) throws Exception {
    Config config = MicrocosmConfig.load(ConfigFactory.parseMap(Map.of(
        "microcosm.data-dir", dataDir.toString(),
        "microcosm.journal", "h2",
        "akka.remote.artery.canonical.hostname", "127.0.0.1",
        "akka.remote.artery.canonical.port", 0,
        "akka.loglevel", "WARNING",
        "microcosm.readside.enabled", options.readSide(),
        // The report is printed after the actor system has stopped, so it must not end the JVM.
        "akka.coordinated-shutdown.exit-jvm", "off")));
    World world = abounding(restocked(Node.loadWorld(config), options.stock()), options.abundance());
    MixRegion region = MixRegion.of(world);
    String journalUrl = MicrocosmConfig.h2Url(config);
    Duration shippedTick = config.getDuration("microcosm.tick-interval");
    printHeader(options, config, world, region, shippedTick);

    WorldTime time = new WorldTime(shippedTick);
    ActorSystem<Void> system = Node.start(config, world, time);
    Map<String, Result> results = new LinkedHashMap<>();
    ProjectionLag lag = null;
    if (options.readSide()) {
      lag = new ProjectionLag(journalUrl, ReadSide.tags(EntitySettings.fromConfig(config)));
      ReadSide.get(system).addListener(lag);
    }
    ProjectionLag projectionLag = lag;
    try {
      awaitUp(system, Duration.ofSeconds(30));
      ClusterSharding sharding = ClusterSharding.get(system);
      CounterEntity.init(sharding);
      for (String workload : options.workloads()) {
        time.setTick(workload.equals("mix") ? options.mixTick() : shippedTick);
        Result result = switch (workload) {
          case "raw" -> runWorkload(options, journalUrl, projectionLag, "raw", "trivial counter entity, one event per command",
              (control, i) -> system.systemActorOf(
                      CounterClient.create(sharding, "counter-" + i, control), "raw-client-" + i, Props.empty())
                  .tell(CounterClient.Start.INSTANCE));
          case "game" -> runWorkload(options, journalUrl, projectionLag, "game", "players doing join/move/take/drop/look via sharding",
              (control, i) -> system.systemActorOf(
                      PlayerClient.create(String.format(Locale.ROOT, "player-%04d", i), world, sharding, control,
                          options.seed() * 1_000_003L + i, options.takeDropPairs()),
                      "game-client-" + i, Props.empty())
                  .tell(PlayerClient.Start.INSTANCE));
          case "mix" -> runWorkload(options, journalUrl, projectionLag, "mix",
              "players walking, gathering, crafting, fighting and looking via sharding",
              (control, i) -> system.systemActorOf(
                      MixClient.create(String.format(Locale.ROOT, "mixer-%04d", i), region, time, sharding, control,
                          (options.seed() * 1_000_003L + i) ^ MIX_SEED_SALT),
                      "mix-client-" + i, Props.empty())
                  .tell(MixClient.Start.INSTANCE));
          default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
        results.put(workload, result);
        print(result);
        if (result.abortReason() != null) {
          break;
        }
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    if (results.containsKey("raw") && results.containsKey("game")) {
      printComparison(results.get("raw"), results.get("game"));
    }
    if (results.containsKey("raw") && results.containsKey("mix")) {
      printComparison(results.get("raw"), results.get("mix"));
    }
    return results.values().stream().anyMatch(r -> r.abortReason() != null) ? 1 : 0;
  }

  static Result runWorkload(
      Options o, String journalUrl, ProjectionLag lag, String name, String description, ClientLauncher launcher)
      throws InterruptedException {
    out("%s: %s", name, description);
    LoadControl control = new LoadControl(o.clients(), o.maxErrors(), o.askTimeout());
    for (int i = 0; i < o.clients(); i++) {
      launcher.launch(control, i);
    }
    if (o.warmupSeconds() > 0) {
      runFor(control, Duration.ofSeconds(o.warmupSeconds()));
      Tally warmup = control.nextPhase();
      settle();
      out("  warm-up         %d s, %d commands answered (discarded)", o.warmupSeconds(), warmup.latencies().getTotalCount());
    }
    long rowsAtStart = lastEventOrdering(journalUrl);
    CpuUse.Meter cpu = CpuUse.start();
    long start = System.nanoTime();
    if (lag != null) {
      lag.reset();
      long every = TimeUnit.SECONDS.toNanos(o.lagEverySeconds());
      for (long next = start + every; !control.stopping() && next <= start + TimeUnit.SECONDS.toNanos(o.measureSeconds());
           next += every) {
        runFor(control, Duration.ofNanos(next - System.nanoTime()));
        printLagInterval(lag, (System.nanoTime() - start) / 1e9);
      }
    }
    runFor(control, Duration.ofNanos(Math.max(0, start + TimeUnit.SECONDS.toNanos(o.measureSeconds()) - System.nanoTime())));
    Tally measured = control.nextPhase();
    long end = System.nanoTime();
    CpuUse cpuUse = cpu.stop();
    long rowsAtEnd = lastEventOrdering(journalUrl);
    control.stop();
    if (!control.awaitClients(o.askTimeout().plusSeconds(5))) {
      out("  warning         %d clients were still waiting for an answer when the workload ended",
          control.clientsRunning());
    }
    settle();
    List<String> readSide = lag == null ? List.of() : lagSummary(lag, (end - start) / 1e9, o.askTimeout());
    return new Result(name, (end - start) / 1e9, measured.latencies(), measured.latenciesByVerb(), measured.outcomes(),
        measured.failures(), measured.sent(), measured.happenings(), control.clientsByPlace(), rowsAtEnd - rowsAtStart,
        busiestWriters(journalUrl, rowsAtStart, rowsAtEnd, 3), journalRows(journalUrl), heapUsedAfterGc(), cpuUse,
        control.abortReason(), readSide);
  }

  private static void printLagInterval(ProjectionLag lag, double at) {
    Histogram h = lag.interval();
    long[] behind = lag.behind();
    out("  read side %4.0f s  lag (ms) p50 %.0f  p99 %.0f  max %d over %d events; %d events behind (at most %d in one slice)",
        at, (double) h.getValueAtPercentile(50), (double) h.getValueAtPercentile(99), h.getMaxValue(), h.getTotalCount(),
        behind[0], behind[1]);
  }

  /**
   * The lag of the whole measured phase, and how long the projections took to catch up once the
   * load had stopped.
   */
  private static List<String> lagSummary(ProjectionLag lag, double seconds, Duration timeout) throws InterruptedException {
    Histogram h = lag.phase();
    long projected = lag.projected();
    long stoppedAt = System.nanoTime();
    long[] behind = lag.behind();
    long behindAtStop = behind[0];
    long deadline = stoppedAt + timeout.multipliedBy(12).toNanos();
    while (behind[0] > 0 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      behind = lag.behind();
    }
    double catchUp = (System.nanoTime() - stoppedAt) / 1e9;
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "  read side       %d events projected while measured (%.0f/s); lag (ms) from write to read model:"
        + " p50 %.0f  p90 %.0f  p99 %.0f  max %d", projected, projected / seconds, (double) h.getValueAtPercentile(50),
        (double) h.getValueAtPercentile(90), (double) h.getValueAtPercentile(99), h.getMaxValue()));
    lines.add(behind[0] == 0
        ? String.format(Locale.ROOT, "                  %d events behind when the load stopped, all projected %.1f s later",
            behindAtStop, catchUp)
        : String.format(Locale.ROOT, "                  %d events behind when the load stopped, still %d behind %.0f s later",
            behindAtStop, behind[0], catchUp));
    return lines;
  }

  /** Lets the load run, unless the error budget runs out first. */
  private static void runFor(LoadControl control, Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    while (!control.stopping()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
    }
  }

  /** Clients that read the previous tally just before it was replaced finish writing to it. */
  private static void settle() throws InterruptedException {
    Thread.sleep(50);
  }

  // ---- helpers ----

  /** The same world with {@code factor} times the items on the ground, so more players can take at once. */
  static World restocked(World world, int factor) {
    if (factor == 1) {
      return world;
    }
    Map<String, LocationDef> locations = new LinkedHashMap<>();
    world.locations().forEach((id, l) -> {
      Map<String, Integer> items = new LinkedHashMap<>();
      l.items().forEach((item, quantity) -> items.put(item, quantity * factor));
      locations.put(id, new LocationDef(l.id(), l.zone(), l.name(), l.description(), l.exits(), items, l.nodes(),
          l.stations(), l.creatures()));
    });
    return new World(world.name(), world.title(), world.start(), world.home(), world.seed(), world.player(),
        world.zones(), locations, world.items(), world.effects(), world.nodes(), world.stations(), world.recipes(),
        world.creatureKinds(), world.creatures());
  }

  /**
   * The same world with every resource node holding {@code factor} times its stock and growing it
   * back {@code factor} times as fast, and {@code factor} creatures for each one (the twins of
   * {@code vale.rabbit.1} are {@code vale.rabbit.1-2} and so on, at the same home), so more players
   * can gather and hunt at once.
   */
  static World abounding(World world, int factor) {
    if (factor == 1) {
      return world;
    }
    Map<String, CreatureSpawn> creatures = new LinkedHashMap<>();
    Map<String, List<String>> creaturesByHome = new LinkedHashMap<>();
    world.creatures().values().forEach(spawn -> {
      for (int copy = 1; copy <= factor; copy++) {
        String id = copy == 1 ? spawn.id() : spawn.id() + "-" + copy;
        creatures.put(id, new CreatureSpawn(id, spawn.kind(), spawn.home()));
        creaturesByHome.computeIfAbsent(spawn.home(), h -> new ArrayList<>()).add(id);
      }
    });
    Map<String, LocationDef> locations = new LinkedHashMap<>();
    world.locations().forEach((id, l) -> locations.put(id, new LocationDef(l.id(), l.zone(), l.name(), l.description(),
        l.exits(), l.items(), l.nodes(), l.stations(), creaturesByHome.getOrDefault(id, List.of()))));
    Map<String, NodeKindDef> nodes = new LinkedHashMap<>();
    world.nodes().forEach((id, n) -> nodes.put(id, new NodeKindDef(n.id(), n.name(), n.aliases(), n.description(),
        n.verb(), n.item(), n.tool(), n.max() * factor, Math.max(1, n.regrowTicks() / factor), n.stamina(), n.exp(),
        n.minLevel())));
    return new World(world.name(), world.title(), world.start(), world.home(), world.seed(), world.player(),
        world.zones(), locations, world.items(), world.effects(), nodes, world.stations(), world.recipes(),
        world.creatureKinds(), creatures);
  }

  private static void awaitUp(ActorSystem<Void> system, Duration timeout) throws InterruptedException {
    Cluster cluster = Cluster.get(system);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (cluster.selfMember().status() != MemberStatus.up()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the node did not become Up within " + timeout.toSeconds() + " s: "
            + cluster.selfMember());
      }
      Thread.sleep(50);
    }
  }

  /** Counting the rows scans the table, so it is done only when the load has stopped. */
  static long journalRows(String url) {
    return queryLong(url, "SELECT COUNT(*) FROM \"event_journal\"");
  }

  /**
   * Cheap (an index lookup) while the load runs. The journal numbers its rows in write order, so two
   * readings differ by the events written in between.
   */
  static long lastEventOrdering(String url) {
    return queryLong(url, "SELECT COALESCE(MAX(\"ordering\"), 0) FROM \"event_journal\"");
  }

  /**
   * The entities that wrote the most events between two readings of {@link #lastEventOrdering}. An
   * entity persists one command at a time, so the busiest one shows where commands queue.
   */
  static Map<String, Long> busiestWriters(String url, long afterOrdering, long upToOrdering, int limit) {
    String sql = "SELECT \"persistence_id\", COUNT(*) FROM \"event_journal\" WHERE \"ordering\" > ? AND \"ordering\" <= ?"
        + " GROUP BY \"persistence_id\" ORDER BY COUNT(*) DESC, \"persistence_id\" LIMIT ?";
    Map<String, Long> busiest = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
         PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, afterOrdering);
      statement.setLong(2, upToOrdering);
      statement.setInt(3, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          busiest.put(rows.getString(1), rows.getLong(2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the journal " + url + " (" + sql + "): " + e.getMessage(), e);
    }
    return busiest;
  }

  private static long queryLong(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
         Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the journal " + url + " (" + sql + "): " + e.getMessage(), e);
    }
  }

  static long heapUsedAfterGc() throws InterruptedException {
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the benchmark's data directory " + dir, e);
    }
  }

  // ---- report ----

  private static void printHeader(Options o, Config config, World world, MixRegion region, Duration shippedTick) {
    Runtime rt = Runtime.getRuntime();
    Config db = config.getConfig("akka-persistence-jdbc.shared-databases.slick.db");
    out("Microcosm entity benchmark");
    out("  machine    %d cores, max heap %d MB, %s %s (%s), %s %s", rt.availableProcessors(), rt.maxMemory() >> 20,
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"), System.getProperty("java.vm.vendor"),
        System.getProperty("os.name"), System.getProperty("os.arch"));
    // Below 2 the JDK runs every CompletableFuture callback that names no executor on a thread of its own.
    out("  jdk        common pool parallelism %d%s", ForkJoinPool.getCommonPoolParallelism(),
        ForkJoinPool.getCommonPoolParallelism() < 2 ? " (async callbacks without an executor get a new thread each)" : "");
    out("  journal    H2 file under %s; jdbc-journal batchSize %d, %d connections",
        MicrocosmConfig.dataDir(config), config.getInt("jdbc-journal.batchSize"), db.getInt("maxConnections"));
    out("  workloads  %s, one after the other; %d closed-loop clients each", String.join(" then ", o.workloads()), o.clients());
    out("  phases     warm-up %d s (discarded), measure %d s", o.warmupSeconds(), o.measureSeconds());
    int carryGrams = world.player().carryGrams();
    int takeable = world.locations().values().stream().flatMap(l -> l.items().entrySet().stream())
        .filter(e -> world.item(e.getKey()).map(def -> def.weightGrams() <= carryGrams).orElse(false))
        .mapToInt(Map.Entry::getValue).sum();
    out("  game       world '%s' (%d locations, %d takeable items on the ground%s), start %s",
        world.name(), world.locations().size(), takeable, o.stock() == 1 ? "" : ", stock x" + o.stock(), world.start());
    out("             cycle: move (when rested), %d x take+drop, look; seed %d", o.takeDropPairs(), o.seed());
    if (o.workloads().contains("mix")) {
      out("  mix        region: %s%s", MixClient.describe(region),
          o.abundance() == 1 ? "" : ", abundance x" + o.abundance());
      StringBuilder aim = new StringBuilder();
      for (MixClient.Kind k : MixClient.Kind.values()) {
        aim.append(aim.length() == 0 ? "" : ", ").append(k.label).append(' ').append(k.aimPercent).append(" %");
      }
      out("             aim: %s of commands sent; seed %d", aim, o.seed());
      out("             world time: a tick lasts %d ms while the mix runs (%d ms as shipped, and in raw and game)",
          o.mixTick().toMillis(), shippedTick.toMillis());
    }
    out("  limits     answer timeout %d s, stop after %d unanswered commands", o.askTimeout().toSeconds(), o.maxErrors());
    ReadSideSettings rs = ReadSideSettings.fromConfig(config);
    out("  read side  %s", o.readSide()
        ? String.format(Locale.ROOT, "on: %d projections (%s), batches of %d within %d ms, H2 polled every %d ms;"
                + " lag printed every %d s", ReadSide.tags(EntitySettings.fromConfig(config)).size(),
            String.join(" ", ReadSide.KINDS.stream().map(k -> k.tagPrefix()).toList()) + " x "
                + EntitySettings.fromConfig(config).tagSlices() + " slices", rs.batchSize(), rs.batchWithin().toMillis(),
            config.getDuration("jdbc-read-journal.refresh-interval").toMillis(), o.lagEverySeconds())
        : "off (--readside off)");
    out("");
  }

  private static void print(Result r) {
    long accepted = 0;
    Map<String, Long> rejectedByCode = new TreeMap<>();
    Map<String, StringBuilder> byVerb = new TreeMap<>();
    for (Map.Entry<Tally.Outcome, Long> e : r.outcomes().entrySet()) {
      Tally.Outcome outcome = e.getKey();
      if (outcome.accepted()) {
        accepted += e.getValue();
      } else {
        rejectedByCode.merge(outcome.result(), e.getValue(), Long::sum);
      }
      StringBuilder line = byVerb.computeIfAbsent(outcome.verb(), v -> new StringBuilder());
      line.append(line.length() == 0 ? "" : ", ").append(outcome.result()).append(' ').append(e.getValue());
    }
    long rejected = rejectedByCode.values().stream().mapToLong(Long::longValue).sum();
    long unanswered = r.failures().values().stream().mapToLong(Long::longValue).sum();
    out("  measured        %.1f s", r.seconds());
    out("  throughput      %.0f commands/s, %.0f journal events/s", r.perSecond(), r.eventsDuringMeasure() / r.seconds());
    out("  latency (ms)    p50 %.2f  p90 %.2f  p95 %.2f  p99 %.2f  max %.2f", r.percentileMillis(50),
        r.percentileMillis(90), r.percentileMillis(95), r.percentileMillis(99), r.latencyMicros().getMaxValue() / 1000.0);
    out("  answers         %d commands: %d accepted (%.1f %%), %d rejected, %d unanswered",
        r.commands(), accepted, r.commands() == 0 ? 0.0 : 100.0 * accepted / r.commands(), rejected, unanswered);
    byVerb.forEach((verb, line) -> {
      Histogram h = r.latencyMicrosByVerb().get(verb);
      out("    %-13s p50 %7.2f  p99 %7.2f ms   %s", verb, h.getValueAtPercentile(50) / 1000.0,
          h.getValueAtPercentile(99) / 1000.0, line);
    });
    if (!r.clientsByPlace().isEmpty()) {
      out("  where at end    %s", joined(r.clientsByPlace()));
    }
    if (!rejectedByCode.isEmpty()) {
      out("  rejected by code %s", joined(rejectedByCode));
    }
    if (unanswered > 0) {
      out("  unanswered      %s", joined(r.failures()));
    }
    if (!r.sent().isEmpty()) {
      printMix(r);
    }
    out("  journal         %d events written while measured (%.2f per command), %d rows in total",
        r.eventsDuringMeasure(), r.commands() == 0 ? 0.0 : (double) r.eventsDuringMeasure() / r.commands(), r.journalRows());
    StringBuilder busiest = new StringBuilder();
    r.busiestWriters().forEach((id, events) -> busiest.append(busiest.length() == 0 ? "" : ", ")
        .append(String.format(Locale.ROOT, "%s %.0f", id, events / r.seconds())));
    out("  busiest writers %s events/s", busiest);
    out("  cpu             this process %.2f cores (%.0f us per command), whole machine %.2f of %d cores busy",
        r.cpu().processCores(), r.commands() == 0 ? 0.0 : r.cpu().processCores() * r.seconds() * 1e6 / r.commands(),
        r.cpu().machineCores(), Runtime.getRuntime().availableProcessors());
    r.readSide().forEach(EntityBenchmark::out);
    out("  heap after GC   %d MB used (whole JVM, entities of earlier workloads included)", r.heapAfterGcBytes() >> 20);
    if (r.abortReason() != null) {
      out("  STOPPED EARLY   %s", r.abortReason());
    }
    out("");
  }

  /** The mix of commands sent, against its aim, and what happened in the game. */
  private static void printMix(Result r) {
    long[] byKind = sentByKind(r);
    long sent = Arrays.stream(byKind).sum();
    StringBuilder mix = new StringBuilder();
    for (MixClient.Kind k : MixClient.Kind.values()) {
      mix.append(mix.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f %% (aim %d)",
          k.label, sent == 0 ? 0.0 : 100.0 * byKind[k.ordinal()] / sent, k.aimPercent));
    }
    out("  mix sent        %d commands: %s", sent, mix);
    Map<String, Long> other = new TreeMap<>();
    r.sent().forEach((verb, n) -> {
      if (MixClient.Kind.of(verb) == MixClient.Kind.OTHER) {
        other.put(verb, n);
      }
    });
    out("    look+other    %s", joined(other));
    Map<String, Long> happenings = new LinkedHashMap<>();
    for (String what : MixClient.HAPPENINGS) {
      happenings.put(what, r.happenings().getOrDefault(what, 0L));
    }
    out("  in the game     %s", joined(happenings));
  }

  private static long[] sentByKind(Result r) {
    long[] byKind = new long[MixClient.Kind.values().length];
    r.sent().forEach((verb, n) -> byKind[MixClient.Kind.of(verb).ordinal()] += n);
    return byKind;
  }

  private static void printComparison(Result raw, Result game) {
    double share = raw.perSecond() == 0 ? 0 : 100 * game.perSecond() / raw.perSecond();
    double rawP99 = raw.percentileMillis(99);
    double gameP99 = game.percentileMillis(99);
    double p99Ratio = rawP99 == 0 ? Double.POSITIVE_INFINITY : gameP99 / rawP99;
    boolean throughputMet = share >= AIM_THROUGHPUT_PERCENT;
    boolean latencyMet = p99Ratio <= AIM_P99_RATIO;
    out("%s vs raw", game.workload());
    out("  throughput      %.0f / %.0f commands/s = %.1f %%   (aim >= %.0f %%: %s)",
        game.perSecond(), raw.perSecond(), share, AIM_THROUGHPUT_PERCENT, throughputMet ? "met" : "NOT met");
    out("  p99 latency     %.2f / %.2f ms = %.2f x   (aim <= %.0f x: %s)",
        gameP99, rawP99, p99Ratio, AIM_P99_RATIO, latencyMet ? "met" : "NOT met");
    out("  journal events  %.0f / %.0f events/s = %.1f %%",
        game.eventsDuringMeasure() / game.seconds(), raw.eventsDuringMeasure() / raw.seconds(),
        raw.eventsDuringMeasure() == 0 ? 0.0 : 100.0 * game.eventsDuringMeasure() / game.seconds()
            / (raw.eventsDuringMeasure() / raw.seconds()));
    double eventsPerCommand = game.commands() == 0 ? 0.0 : (double) game.eventsDuringMeasure() / game.commands();
    if (game.workload().equals("mix")) {
      printMixComparison(game, throughputMet && latencyMet, eventsPerCommand);
      return;
    }
    long looks = game.outcomes().entrySet().stream()
        .filter(e -> e.getKey().verb().equals("look")).mapToLong(Map.Entry::getValue).sum();
    out("  game mix        %.1f %% of game commands were looks (read only); %.2f events per command, raw 1.00",
        game.commands() == 0 ? 0.0 : 100.0 * looks / game.commands(), eventsPerCommand);
    out("  aim             %s", throughputMet && latencyMet ? "met" : "NOT met");
    if (looks * 2 > game.commands()) {
      out("  note            most game commands were looks, so the figures say little about moves, takes and");
      out("                  drops: too few items for the players (--stock K puts more on the ground)");
    }
  }

  private static void printMixComparison(Result mix, boolean aimMet, double eventsPerCommand) {
    long readOnly = mix.outcomes().entrySet().stream()
        .filter(e -> READ_ONLY.contains(e.getKey().verb())).mapToLong(Map.Entry::getValue).sum();
    long accepted = mix.outcomes().entrySet().stream()
        .filter(e -> e.getKey().accepted()).mapToLong(Map.Entry::getValue).sum();
    out("  mix             %.1f %% of mix commands only read (look, status, inventory), %.1f %% were refused;"
            + " %.2f events per command, raw 1.00",
        mix.commands() == 0 ? 0.0 : 100.0 * readOnly / mix.commands(),
        mix.commands() == 0 ? 0.0 : 100.0 * (mix.commands() - accepted) / mix.commands(), eventsPerCommand);
    out("  aim             %s", aimMet ? "met" : "NOT met");
    long[] byKind = sentByKind(mix);
    long sent = Arrays.stream(byKind).sum();
    List<String> off = new ArrayList<>();
    for (MixClient.Kind k : MixClient.Kind.values()) {
      double share = sent == 0 ? 0 : 100.0 * byKind[k.ordinal()] / sent;
      if (Math.abs(share - k.aimPercent) > MIX_TOLERANCE_POINTS) {
        off.add(String.format(Locale.ROOT, "%s %.1f %% (aim %d)", k.label, share, k.aimPercent));
      }
    }
    if (!off.isEmpty()) {
      out("  note            the mix sent strays from its aim: %s", String.join(", ", off));
    }
    long tired = mix.happenings().getOrDefault(MixClient.TIRED, 0L);
    if (sent > 0 && tired * 10 > sent) {
      out("  note            players were too tired for what they chose %.0f %% of the time, and rested or looked",
          100.0 * tired / sent);
      out("                  instead: a shorter --mix-tick-ms runs world time faster");
    }
  }

  private static String joined(Map<String, Long> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return sb.toString();
  }

  static void out(String format, Object... args) {
    System.out.println(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
