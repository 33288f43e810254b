package io.microcosm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microcosm.world.WorldLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Load on a running node's player gateway, from outside, the way players reach it: bot accounts
 * registered and logged in over the REST API, one WebSocket connection per bot on
 * {@code /ws/play}, JSON actions in and JSON messages out (see {@link WsBot} for the mix and how
 * answers are matched).
 *
 * <p>Two modes. <b>Load</b>: N bots each send a command a second, at most one outstanding; after a
 * warm-up whose figures are discarded, it measures the achieved commands/s, the round trip from
 * send to answer, errors by kind, what the server pushed unasked, CPU, and the node's heap and
 * resident memory. <b>Idle</b>: opens up to N authenticated connections that then send nothing,
 * holds them a while and reports how many the node kept and the memory they cost.
 *
 * <p>Run it in a JVM of its own, not the node's: both need a file descriptor per connection.
 * {@code scripts/bench-ws} starts a fresh node and runs this against it.
 */
public final class WsBenchmark {

  /**
   * How many failed connection attempts in a row end the idle mode's climb: with 32 in flight and
   * the session's 5 s for a join, about half a minute in which the node let no one in.
   */
  static final int IDLE_FAILURES_IN_A_ROW = 200;
  /** HttpClients the bots' connections are spread over (each has one selector thread). */
  static final int WS_CLIENTS = 4;
  /** Sharding passivates entities idle this long (akka.cluster.sharding...idle-entity.timeout as shipped). */
  static final int ACCOUNT_IDLE_SECONDS = 120;

  record Options(
      URI base, long serverPid, int bots, int warmupSeconds, int measureSeconds, double rate, int idle,
      int holdSeconds, int concurrency, Duration timeout, Duration connectTimeout, Duration setupLimit, String prefix,
      long seed, String world, int heapHistogram, List<URI> more) {

    static final String USAGE = """
        Usage: WsBenchmark --url http://HOST:PORT [options]      (scripts/bench-ws runs it for you)

        Load on a running node's player gateway over WebSocket, from another JVM. Registers and logs
        in bot accounts (POST /api/accounts, /api/sessions), opens one /ws/play connection per bot.

        Load mode (the default): each bot sends a command a second, one outstanding at a time:
        move 35 %, look 20 %, gather 15 % (copper nuggets and branches at the riverbank...),
        inventory 10 %, status 12 %, say 8 %. Prints achieved commands/s, the round trip from send
        to answer (p50/p95/p99/max, by capability), errors by kind, messages pushed, CPU, and the
        node's heap and RSS.

        Idle mode (--idle N): opens up to N connections that then send nothing, holds them, and
        prints how many the node kept and its heap and RSS before and after.

          --url URL            the node's HTTP base, e.g. http://127.0.0.1:8080 (required)
          --server-pid PID     the node's process: RSS and threads from /proc, a full GC (jcmd)
                               before heap readings; without it /metrics alone is read
          --bots N             load: bots (default 100)
          --warmup S           load: seconds of load whose figures are discarded (default 10)
          --seconds S          load: seconds measured (default 20)
          --rate R             load: commands per second per bot (default 1)
          --idle N             idle mode: connections to open (0: load mode, the default)
          --hold S             idle: seconds to hold the connections once opened (default 10)
          --concurrency C      registrations, logins and connection attempts in flight (default 32)
          --timeout S          seconds to wait for an answer or a join (default 10)
          --connect-timeout S  seconds to wait for a connection to open (default 20)
          --setup-limit S      stop registering or connecting after this many seconds (default 600)
          --prefix P           bot names are P00001, P00002... (default "bot"; existing accounts
                               with the benchmark's password are logged in)
          --seed N             seed of the bots' choices (default 1)
          --world W            the world the node runs, read from the classpath for the map the bots
                               walk (default vale)
          --heap-histogram N   at the end, print the N classes taking the most of the node's heap
                               (jcmd GC.class_histogram; needs --server-pid; default 0: none)
          --more-urls U,U...   more nodes of the same cluster: the bots' connections are spread over
                               --url and these in turn (accounts are made through --url; the CPU,
                               heap and RSS figures are those of --url's node only)
          --help               this text
        """;

    static Options parse(String[] args) {
      URI base = null;
      long pid = 0;
      int bots = 100;
      int warmup = 10;
      int seconds = 20;
      double rate = 1;
      int idle = 0;
      int hold = 10;
      int concurrency = 32;
      int timeout = 10;
      int connectTimeout = 20;
      int setupLimit = 600;
      String prefix = "bot";
      long seed = 1;
      String world = "vale";
      int histogram = 0;
      List<URI> more = new ArrayList<>();
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
          case "--url" -> {
            String url = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            if (!url.startsWith("http://")) {
              throw new IllegalArgumentException("--url must be http://HOST:PORT, not '" + value + "'");
            }
            base = URI.create(url);
          }
          case "--server-pid" -> pid = BenchArgs.longValue(flag, value);
          case "--more-urls" -> {
            for (String u : value.split(",")) {
              String url = u.strip().endsWith("/") ? u.strip().substring(0, u.strip().length() - 1) : u.strip();
              if (!url.startsWith("http://")) {
                throw new IllegalArgumentException("--more-urls takes http://HOST:PORT,..., not '" + u + "'");
              }
              more.add(URI.create(url));
            }
          }
          case "--bots" -> bots = BenchArgs.intAtLeast(flag, value, 1);
          case "--warmup" -> warmup = BenchArgs.intAtLeast(flag, value, 0);
          case "--seconds" -> seconds = BenchArgs.intAtLeast(flag, value, 1);
          case "--rate" -> {
            try {
              rate = Double.parseDouble(value);
            } catch (NumberFormatException e) {
              rate = -1;
            }
            if (!(rate > 0 && rate <= 100)) {
              throw new IllegalArgumentException("--rate must be a number above 0 and at most 100, not '" + value + "'");
            }
          }
          case "--idle" -> idle = BenchArgs.intAtLeast(flag, value, 0);
          case "--hold" -> hold = BenchArgs.intAtLeast(flag, value, 0);
          case "--concurrency" -> concurrency = BenchArgs.intAtLeast(flag, value, 1);
          case "--timeout" -> timeout = BenchArgs.intAtLeast(flag, value, 1);
          case "--connect-timeout" -> connectTimeout = BenchArgs.intAtLeast(flag, value, 1);
          case "--setup-limit" -> setupLimit = BenchArgs.intAtLeast(flag, value, 1);
          case "--prefix" -> {
            if (!value.matches("[a-z][a-z0-9_-]{0,14}")) {
              throw new IllegalArgumentException("--prefix must be 1 to 15 characters a-z, 0-9, _ or -, starting with a letter");
            }
            prefix = value;
          }
          case "--seed" -> seed = BenchArgs.longValue(flag, value);
          case "--world" -> world = value;
          case "--heap-histogram" -> histogram = BenchArgs.intAtLeast(flag, value, 0);
          default -> throw new IllegalArgumentException("unknown option '" + flag + "'");
        }
      }
      if (base == null) {
        throw new IllegalArgumentException("--url is required");
      }
      return new Options(base, pid, bots, warmup, seconds, rate, idle, hold, concurrency, Duration.ofSeconds(timeout),
          Duration.ofSeconds(connectTimeout), Duration.ofSeconds(setupLimit), prefix, seed, world, histogram,
          List.copyOf(more));
    }

    boolean idleMode() {
      return idle > 0;
    }

    URI play() {
      return URI.create("ws://" + base.getAuthority() + "/ws/play");
    }

    /** Where bot {@code i} plays: the nodes in turn. */
    URI play(int i) {
      int node = i % (1 + more.size());
      return node == 0 ? play() : URI.create("ws://" + more.get(node - 1).getAuthority() + "/ws/play");
    }

    URI api(String path) {
      return URI.create(base + path);
    }

    String password() {
      return "bench-password-" + prefix;
    }
  }

  /** A bot account, logged in. */
  record Account(String name, String token) {}

  private final Options o;
  private final BotMap map;
  private final ObjectMapper json = new ObjectMapper();
  private final ExecutorService pool;
  private final HttpClient api;
  private final List<HttpClient> sockets = new ArrayList<>();
  private final ServerProbe probe;
  /** The tally bots write to; replaced at each phase boundary. */
  private final AtomicReference<WsTally> phase = new AtomicReference<>(new WsTally());

  private WsBenchmark(Options o) {
    this.o = o;
    this.map = BotMap.of(WorldLoader.load(o.world()));
    this.pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), daemon("ws-bench-io"));
    this.api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
        .connectTimeout(o.connectTimeout()).build();
    for (int i = 0; i < WS_CLIENTS; i++) {
      sockets.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
          .connectTimeout(o.connectTimeout()).build());
    }
    this.probe = new ServerProbe(api, o.api("/metrics"), o.serverPid());
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-ws: " + e.getMessage());
      System.err.print(Options.USAGE);
      System.exit(2);
      return;
    }
    WsBenchmark bench = new WsBenchmark(options);
    int status;
    try {
      status = bench.run();
    } catch (IllegalStateException e) {
      System.err.println("bench-ws: " + e.getMessage());
      status = 1;
    }
    System.exit(status);
  }

  private int run() throws InterruptedException {
    printHeader();
    ServerProbe.Reading first = probe.read(false);
    if (Double.isNaN(first.heapUsedBytes()) && first.problem() != null) {
      throw new IllegalStateException("the node does not answer at " + o.api("/metrics") + ": " + first.problem());
    }
    return o.idleMode() ? idle() : load();
  }

  // ---- load mode ----

  private int load() throws InterruptedException {
    List<Account> accounts = accounts(o.bots());
    if (accounts.isEmpty()) {
      out("no bot could log in; nothing to measure");
      return 1;
    }
    ServerProbe.Reading before = probe.read(true);
    out("server          %s   (before connecting)", before.describe());
    long connectStart = System.nanoTime();
    List<WsBot> bots = connect(accounts, accounts.size(), () -> false);
    if (bots.isEmpty()) {
      out("no bot got into the world; nothing to measure");
      return 1;
    }
    ServerProbe.Reading connected = probe.read(true);
    out("server          %s   (%d connected)", connected.describe(), bots.size());
    out("                %s", perConnection(before, connected, bots.size()));
    if ((System.nanoTime() - connectStart) / 1e9 > ACCOUNT_IDLE_SECONDS) {
      out("                (the bots' account entities, in memory before connecting, stop after %d s idle:"
          + " the difference per connection is too low)", ACCOUNT_IDLE_SECONDS);
    }

    phase.set(new WsTally());
    ScheduledExecutorService turns = Executors.newSingleThreadScheduledExecutor(daemon("ws-bench-turns"));
    long periodMicros = Math.round(1_000_000 / o.rate());
    SplittableRandom offsets = new SplittableRandom(o.seed());
    for (WsBot bot : bots) {
      turns.scheduleAtFixedRate(bot::turn, offsets.nextLong(periodMicros), periodMicros, TimeUnit.MICROSECONDS);
    }
    if (o.warmupSeconds() > 0) {
      Thread.sleep(o.warmupSeconds() * 1000L);
      WsTally warmup = phase.getAndSet(new WsTally());
      settle();
      out("warm-up         %d s, %d commands answered (discarded)", o.warmupSeconds(), warmup.roundTrips().getTotalCount());
    }
    CpuUse.Meter cpu = CpuUse.start();
    double serverCpuStart = probe.cpuSeconds();
    long start = System.nanoTime();
    Thread.sleep(o.measureSeconds() * 1000L);
    WsTally measured = phase.getAndSet(new WsTally());
    long end = System.nanoTime();
    double serverCpuEnd = probe.cpuSeconds();
    CpuUse cpuUse = cpu.stop();
    turns.shutdownNow();
    settle();
    long open = bots.stream().filter(WsBot::open).count();
    ServerProbe.Reading after = probe.read(true);
    printLoad(measured, (end - start) / 1e9, bots.size(), cpuUse, (serverCpuEnd - serverCpuStart) / ((end - start) / 1e9));
    out("server          %s   (after the load)", after.describe());
    out("still open      %d of %d bots' connections", open, bots.size());
    printHistogram(after);
    closeAll(bots);
    return 0;
  }

  private void printLoad(WsTally t, double seconds, int bots, CpuUse cpu, double serverCores) {
    Histogram all = t.roundTrips();
    Map<String, Long> outcomes = t.outcomes();
    Map<String, Long> errors = t.errors();
    Map<String, Long> sent = t.sent();
    long sentTotal = sent.values().stream().mapToLong(Long::longValue).sum();
    long answered = all.getTotalCount();
    long ok = 0;
    long rejected = 0;
    long errorAnswers = 0;
    Map<String, Long> rejectedByCode = new TreeMap<>();
    Map<String, StringBuilder> byCapability = new TreeMap<>();
    for (Map.Entry<String, Long> e : outcomes.entrySet()) {
      String capability = e.getKey().substring(0, e.getKey().indexOf(' '));
      String outcome = e.getKey().substring(e.getKey().indexOf(' ') + 1);
      if (outcome.equals("ok") || outcome.equals("heard")) {
        ok += e.getValue();
      } else if (outcome.startsWith("error ")) {
        errorAnswers += e.getValue();
      } else {
        rejected += e.getValue();
        rejectedByCode.merge(outcome, e.getValue(), Long::sum);
      }
      StringBuilder line = byCapability.computeIfAbsent(capability, c -> new StringBuilder());
      line.append(line.length() == 0 ? "" : ", ").append(outcome).append(' ').append(e.getValue());
    }
    out("measured        %.1f s, %d bots at %s command/s each (offered %.0f commands/s)", seconds, bots,
        trim(o.rate()), bots * o.rate());
    out("throughput      %.1f commands/s answered, %.1f sent/s", answered / seconds, sentTotal / seconds);
    out("round trip (ms) p50 %.2f  p95 %.2f  p99 %.2f  max %.2f", ms(all, 50), ms(all, 95), ms(all, 99),
        all.getMaxValue() / 1000.0);
    t.roundTripsByCapability().forEach((capability, h) -> out("  %-13s p50 %7.2f  p95 %7.2f  p99 %7.2f  max %7.2f   %s",
        capability, ms(h, 50), ms(h, 95), ms(h, 99), h.getMaxValue() / 1000.0, byCapability.getOrDefault(capability, new StringBuilder())));
    out("answers         %d: %d ok, %d refused by the game, %d error messages", answered, ok, rejected, errorAnswers);
    if (!rejectedByCode.isEmpty()) {
      out("  refused       %s", joined(rejectedByCode));
    }
    printErrors(errors, t.lateAnswers(), t.waitingTurns());
    Map<String, Long> received = t.received();
    long pushed = received.getOrDefault("world_update", 0L) + received.getOrDefault("chat_message", 0L);
    StringBuilder rates = new StringBuilder();
    received.forEach((type, n) -> rates.append(rates.length() == 0 ? "" : ", ")
        .append(String.format(Locale.ROOT, "%s %.0f/s", type, n / seconds)));
    out("received        %s; %.0f messages/s in all (%.1f per bot per second, %.0f pushed per command)", rates,
        received.values().stream().mapToLong(Long::longValue).sum() / seconds,
        received.values().stream().mapToLong(Long::longValue).sum() / seconds / bots,
        answered == 0 ? 0.0 : (double) pushed / answered);
    out("cpu             node %s cores, this client %.2f cores, whole machine %.2f of %d cores busy", cores(serverCores),
        cpu.processCores(), cpu.machineCores(), Runtime.getRuntime().availableProcessors());
  }

  private static void printErrors(Map<String, Long> errors, long late, long waitingTurns) {
    Map<String, Long> timeouts = new TreeMap<>();
    Map<String, Long> messages = new TreeMap<>();
    Map<String, Long> closed = new TreeMap<>();
    Map<String, Long> other = new TreeMap<>();
    errors.forEach((kind, n) -> {
      if (kind.startsWith("timeout")) {
        timeouts.put(kind, n);
      } else if (kind.startsWith("error ")) {
        messages.put(kind.substring(6), n);
      } else if (kind.startsWith("closed") || kind.startsWith("connection failed")) {
        closed.put(kind, n);
      } else {
        other.put(kind, n);
      }
    });
    long total = errors.values().stream().mapToLong(Long::longValue).sum();
    out("errors          %d: %d timeouts, %d error messages, %d connections lost, %d other",
        total, sum(timeouts), sum(messages), sum(closed), sum(other));
    if (!messages.isEmpty()) {
      out("  messages      %s", joined(messages));
    }
    if (!timeouts.isEmpty()) {
      out("  timeouts      %s; %d answers came after their timeout", joined(timeouts), late);
    }
    if (!closed.isEmpty()) {
      out("  lost          %s", joined(closed));
    }
    if (!other.isEmpty()) {
      out("  other         %s", joined(other));
    }
    if (waitingTurns > 0) {
      out("  slow          %d turns found the bot's last command still unanswered and sent nothing", waitingTurns);
    }
  }

  // ---- idle mode ----

  private int idle() throws InterruptedException {
    List<Account> accounts = accounts(o.idle());
    if (accounts.isEmpty()) {
      out("no bot could log in; nothing to hold");
      return 1;
    }
    ServerProbe.Reading before = probe.read(true);
    out("server          %s   (before connecting)", before.describe());
    long connectStart = System.nanoTime();
    AtomicInteger failuresInARow = new AtomicInteger();
    AtomicBoolean gaveUp = new AtomicBoolean();
    List<WsBot> bots = connect(accounts, accounts.size(), () -> {
      if (failuresInARow.get() >= IDLE_FAILURES_IN_A_ROW) {
        gaveUp.set(true);
      }
      return gaveUp.get();
    }, failuresInARow);
    if (gaveUp.get()) {
      out("                stopped opening connections after %d failed attempts in a row", IDLE_FAILURES_IN_A_ROW);
    }
    WsTally sinceOpened = new WsTally();
    phase.set(sinceOpened);
    long holdStart = System.nanoTime();
    ServerProbe.Reading opened = probe.read(true);
    out("server          %s   (%d opened)", opened.describe(), bots.size());
    for (int waited = 0; waited < o.holdSeconds(); ) {
      int step = Math.min(10, o.holdSeconds() - waited);
      Thread.sleep(step * 1000L);
      waited += step;
      if (waited < o.holdSeconds()) {
        out("  holding       %d s: %d open", waited, bots.stream().filter(WsBot::open).count());
      }
    }
    phase.set(new WsTally());
    WsTally held = sinceOpened;
    double holdSeconds = (System.nanoTime() - holdStart) / 1e9;
    long open = bots.stream().filter(WsBot::open).count();
    ServerProbe.Reading after = probe.read(true);
    out("held            %d of %d connections still open after %d s (target %d)", open, bots.size(), o.holdSeconds(), o.idle());
    out("server          %s   (after holding)", after.describe());
    out("                %s", perConnection(before, after, (int) open));
    if ((holdStart - connectStart) / 1e9 > ACCOUNT_IDLE_SECONDS) {
      out("                (the bots' account entities, in memory before connecting, stop after %d s idle:"
          + " the difference per connection is too low)", ACCOUNT_IDLE_SECONDS);
    }
    Map<String, Long> received = held.received();
    StringBuilder rates = new StringBuilder();
    received.forEach((type, n) -> rates.append(rates.length() == 0 ? "" : ", ")
        .append(String.format(Locale.ROOT, "%s %.0f/s", type, n / holdSeconds)));
    out("while holding   received %s", rates.length() == 0 ? "nothing" : rates);
    if (!held.errors().isEmpty()) {
      out("  errors        %s", joined(held.errors()));
    }
    printHistogram(after);
    closeAll(bots);
    return 0;
  }

  private void printHistogram(ServerProbe.Reading last) {
    if (o.heapHistogram() > 0 && Double.isNaN(last.heapUsedBytes())) {
      out("node heap       no histogram: the node does not answer");
    } else if (o.heapHistogram() > 0) {
      out("node heap       the %d classes taking the most (live objects, connections still open):", o.heapHistogram());
      probe.heapHistogram(o.heapHistogram()).forEach(line -> out("  %s", line));
    }
  }

  // ---- accounts and connections ----

  /** Registers (or finds) and logs in {@code n} bots; returns those logged in. */
  private List<Account> accounts(int n) throws InterruptedException {
    long deadline = System.nanoTime() + o.setupLimit().toNanos();
    Map<String, Long> failures = new java.util.concurrent.ConcurrentHashMap<>();
    String password = o.password();
    long start = System.nanoTime();
    AtomicInteger existing = new AtomicInteger();
    List<String> registered = bounded(n, i -> {
      String name = String.format(Locale.ROOT, "%s%05d", o.prefix(), i + 1);
      return post("/api/accounts", name, password).thenApply(r -> {
        if (r.statusCode() == 201) {
          return name;
        }
        if (r.statusCode() == 409) {
          existing.incrementAndGet();
          return name;
        }
        failures.merge("register: HTTP " + r.statusCode(), 1L, Long::sum);
        return null;
      }).exceptionally(e -> {
        failures.merge("register: " + WsBot.describe(e), 1L, Long::sum);
        return null;
      });
    }, "registering", deadline, () -> false);
    double registerSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    List<Account> accounts = bounded(registered.size(), i -> post("/api/sessions", registered.get(i), password).thenApply(r -> {
      if (r.statusCode() != 200) {
        failures.merge("log in: HTTP " + r.statusCode(), 1L, Long::sum);
        return null;
      }
      try {
        JsonNode body = json.readTree(r.body());
        return new Account(body.path("character").asText(registered.get(i)), body.path("token").asText());
      } catch (IOException e) {
        failures.merge("log in: unreadable answer", 1L, Long::sum);
        return null;
      }
    }).exceptionally(e -> {
      failures.merge("log in: " + WsBot.describe(e), 1L, Long::sum);
      return null;
    }), "logging in", deadline, () -> false);
    double loginSeconds = (System.nanoTime() - start) / 1e9;
    out("accounts        %d registered in %.1f s (%.0f/s)%s, %d logged in in %.1f s (%.0f/s)", registered.size(),
        registerSeconds, registered.size() / registerSeconds,
        existing.get() == 0 ? "" : " (" + existing.get() + " existed already)", accounts.size(), loginSeconds,
        accounts.size() / loginSeconds);
    if (!failures.isEmpty()) {
      out("  failures      %s", joined(new TreeMap<>(failures)));
    }
    return accounts;
  }

  private CompletableFuture<HttpResponse<String>> post(String path, String user, String password) {
    String body = "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}";
    HttpRequest request = HttpRequest.newBuilder(o.api(path)).timeout(o.timeout().multipliedBy(3))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return api.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private List<WsBot> connect(List<Account> accounts, int n, BooleanSupplier stop) throws InterruptedException {
    return connect(accounts, n, stop, new AtomicInteger());
  }

  /**
   * Opens a connection per account, {@code --concurrency} at a time, until {@code n} are in the
   * world, the accounts run out, {@code stop} says so or the setup limit passes; returns the bots
   * whose characters joined.
   */
  private List<WsBot> connect(List<Account> accounts, int n, BooleanSupplier stop, AtomicInteger failuresInARow)
      throws InterruptedException {
    WsTally setup = new WsTally();
    phase.set(setup);
    long deadline = System.nanoTime() + o.setupLimit().toNanos();
    CpuUse.Meter cpu = CpuUse.start();
    double serverCpuStart = probe.cpuSeconds();
    long start = System.nanoTime();
    List<WsBot> joined = bounded(Math.min(n, accounts.size()), i -> {
      Account a = accounts.get(i);
      WsBot bot = new WsBot(a.name(), a.token(), map, phase::get, o.timeout(), o.seed() * 1_000_003L + i, json);
      return bot.connect(sockets.get(i % sockets.size()), o.play(i), o.connectTimeout())
          .completeOnTimeout("no join within " + o.connectTimeout().plus(o.timeout()).toSeconds() + " s",
              o.connectTimeout().plus(o.timeout()).toSeconds(), TimeUnit.SECONDS)
          .thenApply(reason -> {
            if (reason.isEmpty()) {
              failuresInARow.set(0);
              return bot;
            }
            failuresInARow.incrementAndGet();
            if (reason.startsWith("no join")) {
              setup.error(reason);
            }
            bot.close();
            return null;
          });
    }, "connecting", deadline, stop);
    double seconds = (System.nanoTime() - start) / 1e9;
    double serverCores = (probe.cpuSeconds() - serverCpuStart) / seconds;
    CpuUse cpuUse = cpu.stop();
    settle();
    Histogram joins = setup.roundTripsByCapability().getOrDefault("join", new Histogram(3));
    out("connections     %d of %d in the world in %.1f s (%.0f/s); connect+join p50 %.1f ms, p99 %.1f ms, max %.1f ms",
        joined.size(), Math.min(n, accounts.size()), seconds, joined.size() / seconds, ms(joins, 50), ms(joins, 99),
        joins.getMaxValue() / 1000.0);
    Map<String, Long> errors = setup.errors();
    if (!errors.isEmpty()) {
      out("  failures      %s", joined(errors));
    }
    Map<String, Long> received = setup.received();
    out("  meanwhile     received %s; cpu: node %s cores, this client %.2f, whole machine %.2f of %d busy",
        received.isEmpty() ? "nothing" : joined(received), cores(serverCores), cpuUse.processCores(), cpuUse.machineCores(),
        Runtime.getRuntime().availableProcessors());
    return joined;
  }

  /**
   * Runs {@code task(0..n-1)} with at most {@code --concurrency} in flight, until done, the deadline
   * or {@code stop}; prints progress every 10 s; returns the non-null results in order.
   */
  private <T> List<T> bounded(int n, IntFunction<CompletableFuture<T>> task, String what, long deadline,
      BooleanSupplier stop) throws InterruptedException {
    Semaphore slots = new Semaphore(o.concurrency());
    List<CompletableFuture<T>> started = new ArrayList<>();
    AtomicInteger done = new AtomicInteger();
    long nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (int i = 0; i < n && System.nanoTime() < deadline && !stop.getAsBoolean(); ) {
      if (System.nanoTime() > nextProgress) {
        out("  ...           %s: %d of %d done", what, done.get(), n);
        nextProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      }
      if (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
        continue;
      }
      CompletableFuture<T> f;
      try {
        f = task.apply(i);
      } catch (RuntimeException e) {
        slots.release();
        throw e;
      }
      f.whenComplete((r, e) -> {
        done.incrementAndGet();
        slots.release();
      });
      started.add(f);
      i++;
    }
    if (started.size() < n && System.nanoTime() >= deadline) {
      out("  ...           %s: setup limit of %d s reached after %d of %d", what, o.setupLimit().toSeconds(),
          started.size(), n);
    }
    List<T> results = new ArrayList<>();
    for (CompletableFuture<T> f : started) {
      try {
        T r = f.get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000) + o.timeout().toMillis() * 3,
            TimeUnit.MILLISECONDS);
        if (r != null) {
          results.add(r);
        }
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // counted by the task itself, or not finished in time: not a result
      }
    }
    return results;
  }

  private void closeAll(List<WsBot> bots) {
    List<CompletableFuture<?>> closing = new ArrayList<>();
    for (WsBot bot : bots) {
      closing.add(bot.close());
    }
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      // the node is stopped next anyway
    }
  }

  // ---- report ----

  private void printHeader() {
    Runtime rt = Runtime.getRuntime();
    out("Microcosm WebSocket benchmark");
    out("  node       %s%s; play on %s%s", o.base(), o.serverPid() > 0 ? " (pid " + o.serverPid() + ")" : "", o.play(),
        o.more().isEmpty() ? "" : " and " + o.more().stream().map(u -> u.getAuthority()).toList() + " in turn");
    out("  client     this JVM: %d cores, max heap %d MB, %s; %d HttpClients, file descriptors up to %s",
        rt.availableProcessors(), rt.maxMemory() >> 20, System.getProperty("java.runtime.version"), WS_CLIENTS,
        maxFileDescriptors());
    out("  map        world '%s': bots keep to %d places of the start's zone from %s; they gather by hand at %s",
        o.world(), map.places(), map.start(), gatheringPlaces());
    if (o.idleMode()) {
      out("  idle       up to %d connections, %d at a time, then held %d s sending nothing", o.idle(),
          o.concurrency(), o.holdSeconds());
    } else {
      out("  load       %d bots, %s command/s each, one outstanding; move 35 %%, look 20 %%, gather 15 %%,"
          + " inventory 10 %%, status 12 %%, say 8 %%", o.bots(), trim(o.rate()));
      out("  phases     warm-up %d s (discarded), measure %d s; answer timeout %d s", o.warmupSeconds(),
          o.measureSeconds(), o.timeout().toSeconds());
    }
    out("");
  }

  private String gatheringPlaces() {
    StringBuilder sb = new StringBuilder();
    map.gatheringPlaces().forEach((place, nodes) -> sb.append(sb.length() == 0 ? "" : ", ")
        .append(place).append(" (").append(String.join(", ", nodes)).append(')'));
    return sb.length() == 0 ? "no place (gather turns move or look)" : sb.toString();
  }

  private static String maxFileDescriptors() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return String.valueOf(unix.getMaxFileDescriptorCount());
    }
    return "?";
  }

  private static String perConnection(ServerProbe.Reading before, ServerProbe.Reading after, int connections) {
    if (connections == 0) {
      return "no connections to divide by";
    }
    double heap = (after.heapUsedBytes() - before.heapUsedBytes()) / connections / 1024;
    double rss = (after.rssBytes() - before.rssBytes()) / connections / 1024;
    return String.format(Locale.ROOT, "per connection: heap %s, RSS %s (differences divided by %d)",
        Double.isNaN(heap) ? "?" : String.format(Locale.ROOT, "%+.1f KB", heap),
        Double.isNaN(rss) ? "?" : String.format(Locale.ROOT, "%+.1f KB", rss), connections);
  }

  /** Cores busy, or "?" when the node's CPU time could not be read (it stopped). */
  private static String cores(double cores) {
    return Double.isNaN(cores) ? "?" : String.format(Locale.ROOT, "%.2f", cores);
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }

  private static String joined(Map<String, Long> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return sb.toString();
  }

  /** Bots that read the previous tally just before it was replaced finish writing to it. */
  private static void settle() throws InterruptedException {
    Thread.sleep(100);
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  static void out(String format, Object... args) {
    System.out.println(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
