package io.microcosm.replay;

import akka.Done;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.Node;
import io.microcosm.entity.EntityKind;
import io.microcosm.entity.EntitySettings;
import io.microcosm.location.LocationEntity;
import io.microcosm.persistence.H2Schema;
import io.microcosm.player.PlayerEntity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Replay throughput: writes a journal of take-and-drop rounds (players and the places they trade
 * with, every grant matched by its receipt) through the journal plugin, unless one of that size is
 * there already, then reads it back through Akka Persistence Query as {@code scripts/replay} does,
 * and prints events per second. See {@code scripts/bench-replay --help}.
 */
public final class ReplayBenchmark {

  private static final String USAGE = """
      Usage: scripts/bench-replay [options]
        --events N         journal size to write and replay (default 1000000; rounded up to whole rounds)
        --players P        players in the journal (default 1000); places = players / 10
        --dir DIR          where the H2 journal is kept and reused (default target/bench-replay)
        --journal J        h2 (default) or cassandra (MICROCOSM_CASSANDRA_* say where; keyspace
                           microcosm_bench_replay unless MICROCOSM_CASSANDRA_KEYSPACE is set)
        --runs R           measured replays (default 3), after one warm-up replay
        --parallelism N    entities read at once (default 2; a comma-separated list compares several)
        --buffer N         events per query (microcosm.replay.max-buffer-size, default 5000)
        --check            also time `check` over the journal (one run)
        --rewrite          write the journal again even if one is there
        --through-plugin   on H2, write through the journal plugin (as the entities do; slow here)
                           instead of straight into its tables with the same rows
      """;

  public static void main(String[] args) throws Exception {
    long events = 1_000_000;
    int players = 1_000;
    Path dir = Path.of("target/bench-replay");
    String journal = "h2";
    int runs = 3;
    List<Integer> parallelisms = List.of(2);
    Integer buffer = null;
    boolean check = false;
    boolean rewrite = false;
    boolean throughPlugin = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--events" -> events = Long.parseLong(value(args, ++i, a));
        case "--players" -> players = Integer.parseInt(value(args, ++i, a));
        case "--dir" -> dir = Path.of(value(args, ++i, a));
        case "--journal" -> journal = value(args, ++i, a);
        case "--runs" -> runs = Integer.parseInt(value(args, ++i, a));
        case "--parallelism" -> parallelisms = java.util.Arrays.stream(value(args, ++i, a).split(","))
            .map(String::trim).map(Integer::parseInt).toList();
        case "--buffer" -> buffer = Integer.parseInt(value(args, ++i, a));
        case "--check" -> check = true;
        case "--rewrite" -> rewrite = true;
        case "--through-plugin" -> throughPlugin = true;
        case "-h", "--help" -> {
          System.out.print(USAGE);
          return;
        }
        default -> {
          System.err.print("bench-replay: unknown option '" + a + "'\n" + USAGE);
          System.exit(2);
        }
      }
    }
    if (players < 10 || events < players * 5L) {
      System.err.println("bench-replay: need at least 10 players and 5 events per player");
      System.exit(2);
    }
    int places = players / 10;
    int rounds = (int) Math.ceil((events / (double) players - 1) / 4);
    long total = players * (1 + 4L * rounds);

    Config overrides = ConfigFactory.parseString("""
        akka.remote.artery.canonical.port = 0
        akka.coordinated-shutdown.exit-jvm = off
        akka.loglevel = WARNING
        """)
        .withValue("microcosm.journal", ConfigValueFactory.fromAnyRef(journal))
        .withValue("microcosm.data-dir", ConfigValueFactory.fromAnyRef(dir.toAbsolutePath().toString()));
    if (journal.equals("cassandra") && System.getenv("MICROCOSM_CASSANDRA_KEYSPACE") == null) {
      overrides = overrides.withValue("microcosm.cassandra.keyspace", ConfigValueFactory.fromAnyRef("microcosm_bench_replay"));
    }
    if (buffer != null) {
      overrides = overrides.withValue("microcosm.replay.max-buffer-size", ConfigValueFactory.fromAnyRef(buffer));
    }
    Config config = MicrocosmConfig.load(overrides);
    String layout = total + " events, " + players + " players, " + places + " places, " + rounds + " rounds";
    Path marker = dir.resolve("bench-journal-" + journal + ".txt");
    System.out.printf("Replay benchmark on %s (%d cores, max heap %d MB); the machine may be shared.%n", journal,
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    if (!rewrite && Files.exists(marker) && Files.readString(marker).trim().equals(layout)) {
      System.out.println("Reusing the journal in " + dir + ": " + layout);
    } else {
      write(config, dir, marker, layout, players, places, rounds, total, throughPlugin);
    }

    for (int parallelism : parallelisms) {
      System.out.printf("%nReplay through Persistence Query, %d entities at once%s:%n", parallelism,
          buffer == null ? "" : ", " + buffer + " events per query");
      for (int run = 0; run <= runs; run++) {
        try (JournalReader reader = JournalReader.open(config, new JournalReader.Options(false, parallelism, false),
            System.out::println)) {
          long start = System.nanoTime();
          long cpuStart = cpuNanos();
          long[] count = new long[1];
          reader.readAll(pid -> true, e -> count[0]++, "replay");
          double seconds = (System.nanoTime() - start) / 1e9;
          double cpu = (cpuNanos() - cpuStart) / 1e9;
          System.out.printf("  %s: %,d events in %.2f s = %,.0f events/s (%.2f CPU s: %,.0f events per CPU second)%n",
              run == 0 ? "warm-up" : "run " + run, count[0], seconds, count[0] / seconds, cpu, count[0] / cpu);
          if (count[0] != total) {
            throw new IllegalStateException("read " + count[0] + " events, expected " + total);
          }
        }
      }
    }
    if (check) {
      try (JournalReader reader = JournalReader.open(config, new JournalReader.Options(false, parallelisms.get(0), true),
          System.out::println)) {
        JournalCheck journalCheck = new JournalCheck(new EntityReplays(Node.loadWorld(config), EntitySettings.fromConfig(config)));
        long start = System.nanoTime();
        reader.readAll(pid -> true, journalCheck, "check");
        journalCheck.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%ncheck: %,d events in %.2f s = %,.0f events/s, %d problems, %d pending%n", total, seconds,
            total / seconds, journalCheck.problems().size(), journalCheck.pending().size());
        journalCheck.problems().stream().limit(5).forEach(p -> System.out.println("  " + p));
      }
    }
    System.out.printf("%nHeap used at the end: %d MB%n",
        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
  }

  /** CPU time of this process: on a shared machine, events per CPU second say more than events per second. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /**
   * Each player starts with a gift of one coin; each round it drops the coin at its place (grant,
   * then the place's receipt) and takes it back (the place's grant, then the receipt).
   */
  private static Map<String, List<Object>> journal(int players, int places, int rounds) {
    Map<String, List<Object>> entities = new LinkedHashMap<>();
    for (int p = 0; p < players; p++) {
      List<Object> events = new ArrayList<>();
      String place = place(p % places);
      events.add(new PlayerEntity.ItemReceived(1, id(p, 0, 0), "coin", 1, null, 1_000));
      for (int r = 0; r < rounds; r++) {
        events.add(new PlayerEntity.ItemHandedOver(10L * r + 11, id(p, r, 1), "coin", 1, place, 1_000 + r));
        events.add(new PlayerEntity.ItemReceived(10L * r + 14, id(p, r, 2), "coin", 1, place, 1_000 + r));
      }
      entities.put(EntityKind.PLAYER.typeName() + "|" + player(p), events);
    }
    for (int l = 0; l < places; l++) {
      List<Object> events = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        for (int p = l; p < players; p += places) {
          events.add(new LocationEntity.ItemDropped(10L * r + 12, id(p, r, 1), player(p), "coin", 1));
        }
        for (int p = l; p < players; p += places) {
          events.add(new LocationEntity.ItemTaken(10L * r + 13, id(p, r, 2), player(p), "coin", 1, 1_000 + r));
        }
      }
      entities.put(EntityKind.LOCATION.typeName() + "|" + place(l), events);
    }
    return entities;
  }

  private static void write(
      Config config, Path dir, Path marker, String layout, int players, int places, int rounds, long total,
      boolean throughPlugin) throws Exception {
    Files.createDirectories(dir);
    Files.deleteIfExists(marker);
    boolean h2 = config.getString("microcosm.journal").equals("h2");
    if (h2) {
      Files.deleteIfExists(dir.resolve("microcosm.mv.db"));
      H2Schema.ensure(config);
    }
    System.out.println("Writing " + layout + " to " + dir + (h2 && !throughPlugin ? " (straight into the H2 tables)" : "")
        + " ...");
    Config local = ConfigFactory.parseString("akka.actor.provider = local").withFallback(config);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench-replay-writer", local);
    EntitySettings settings = EntitySettings.fromConfig(config);
    long start = System.nanoTime();
    long cpuStart = cpuNanos();
    long[] written = new long[1];
    long[] lastReport = {start};
    Map<String, List<Object>> entities = journal(players, places, rounds);
    try {
      if (h2 && !throughPlugin) {
        H2BulkWriter.write(config, system, settings, entities, n -> report(n, written, start, lastReport, total));
      } else {
        Semaphore inFlight = new Semaphore(8);
        List<CompletableFuture<Done>> all = new ArrayList<>();
        for (Map.Entry<String, List<Object>> e : entities.entrySet()) {
          String[] parts = JournalEvent.split(e.getKey());
          EntityKind kind = parts[0].equals(EntityKind.PLAYER.typeName()) ? EntityKind.PLAYER : EntityKind.LOCATION;
          all.add(appendInBatches(system, settings, kind, parts[1], e.getValue(), inFlight, written, start, lastReport, total));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
      }
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("Wrote %,d events in %.1f s (%,.0f events/s, %.1f CPU s)%n", written[0], seconds,
        written[0] / seconds, (cpuNanos() - cpuStart) / 1e9);
    try {
      Files.writeString(marker, layout + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final int BATCH = 500;

  /** One entity's events in atomic writes of {@link #BATCH}, by one writer; at most 8 entities written at once. */
  private static CompletableFuture<Done> appendInBatches(
      ActorSystem<Void> system, EntitySettings settings, EntityKind kind, String id, List<Object> events,
      Semaphore inFlight, long[] written, long start, long[] lastReport, long total) throws InterruptedException {
    inFlight.acquire();
    var writer = JournalWriter.spawn(system, settings, kind, id);
    CompletableFuture<Done> chain = CompletableFuture.completedFuture(Done.getInstance());
    for (int from = 0; from < events.size(); from += BATCH) {
      List<Object> batch = events.subList(from, Math.min(events.size(), from + BATCH));
      boolean last = from + BATCH >= events.size();
      chain = chain.thenComposeAsync(d -> JournalWriter.append(system, writer, batch, last).toCompletableFuture(),
          Runnable::run).thenApplyAsync(d -> {
            report(batch.size(), written, start, lastReport, total);
            return d;
          }, Runnable::run);
    }
    return chain.whenCompleteAsync((d, f) -> inFlight.release(), Runnable::run);
  }

  private static synchronized void report(long n, long[] written, long start, long[] lastReport, long total) {
    written[0] += n;
    long now = System.nanoTime();
    if (now - lastReport[0] > 5_000_000_000L) {
      lastReport[0] = now;
      double seconds = (now - start) / 1e9;
      double rate = written[0] / seconds;
      System.out.printf("  written %,d of %,d events, %,.0f events/s, %s elapsed, about %s left%n", written[0], total,
          rate, Progress.clock(seconds), Progress.clock((total - written[0]) / rate));
    }
  }

  private static String player(int p) {
    return String.format("bench-p%05d", p);
  }

  private static String place(int l) {
    return String.format("bench.place-%04d", l);
  }

  /** A stable id for step {@code step} of round {@code round} of player {@code p}. */
  private static UUID id(int p, int round, int step) {
    return new UUID(((long) p << 32) | round, 0x6265_6e63_6800_0000L | step);
  }

  private ReplayBenchmark() {}
}
