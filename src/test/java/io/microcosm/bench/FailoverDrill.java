package io.microcosm.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A failover drill against a running cluster of real processes (scripts/failover-test starts it):
 * WebSocket players on every node move back and forth, each command with its own id; one node is
 * killed with SIGKILL, later restarted; then Cassandra is stopped under load and started again.
 * Players whose connection drops reconnect to another node and send their unanswered command again
 * with the same id. At the end every command a player was told had succeeded is looked up in the
 * journal, read straight from Cassandra: each must be there exactly once.
 *
 * <p>Prints the times it measured and a verdict; exits 1 when a check fails or a bound is exceeded.
 */
public final class FailoverDrill {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

  private final List<Integer> httpPorts = new ArrayList<>();
  private final List<Integer> managementPorts = new ArrayList<>();
  private int bots = 30;
  private int victim = 2;
  private int cassandraPort;
  private String keyspace = "microcosm";
  private String killCommand;
  private String restartCommand;
  private String cassandraStopCommand;
  private String cassandraStartCommand;
  private int boundSeconds = 90;
  private int playSeconds = 10;
  private int outageSeconds = 15;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
  private final List<Player> players = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final Map<String, String> figures = new LinkedHashMap<>();
  private final long start = System.nanoTime();
  /** Nodes (0-based) players may connect to right now. */
  private final boolean[] down = new boolean[16];

  public static void main(String[] args) throws Exception {
    FailoverDrill drill = new FailoverDrill();
    drill.parse(args);
    int status = drill.run();
    System.exit(status);
  }

  private void parse(String[] args) {
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      String v = args[i + 1];
      switch (args[i]) {
        case "--http-ports" -> List.of(v.split(",")).forEach(p -> httpPorts.add(Integer.parseInt(p.trim())));
        case "--management-ports" -> List.of(v.split(",")).forEach(p -> managementPorts.add(Integer.parseInt(p.trim())));
        case "--bots" -> bots = Integer.parseInt(v);
        case "--victim" -> victim = Integer.parseInt(v);
        case "--cassandra-port" -> cassandraPort = Integer.parseInt(v);
        case "--keyspace" -> keyspace = v;
        case "--kill" -> killCommand = v;
        case "--restart" -> restartCommand = v;
        case "--cassandra-stop" -> cassandraStopCommand = v;
        case "--cassandra-start" -> cassandraStartCommand = v;
        case "--bound" -> boundSeconds = Integer.parseInt(v);
        case "--play" -> playSeconds = Integer.parseInt(v);
        case "--outage" -> outageSeconds = Integer.parseInt(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (httpPorts.size() < 3 || httpPorts.size() != managementPorts.size()) {
      throw new IllegalArgumentException("--http-ports and --management-ports need the same 3 or more ports");
    }
    if (victim < 1 || victim > httpPorts.size()) {
      throw new IllegalArgumentException("--victim must be a node number from 1 to " + httpPorts.size());
    }
  }

  private double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  private void log(String text) {
    System.out.printf("[%6.1f s] %s%n", seconds(), text);
  }

  private int run() throws Exception {
    int n = httpPorts.size();
    int dead = victim - 1;
    log("registering " + bots + " players over " + n + " nodes");
    String prefix = "drill" + Long.toString(System.currentTimeMillis() % 1_000_000, 36) + "x";
    for (int i = 0; i < bots; i++) {
      players.add(new Player(prefix + i, i % n));
    }
    java.util.concurrent.ExecutorService logins = Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<String>> tokens = new ArrayList<>();
    for (Player p : players) {
      tokens.add(logins.submit(() -> login(p.name, p.home)));
    }
    for (int i = 0; i < bots; i++) {
      players.get(i).token = tokens.get(i).get();
    }
    logins.shutdown();
    for (Player p : players) {
      p.connect(p.home);
    }
    awaitAll("every player in the world", Duration.ofSeconds(60), () -> players.stream().allMatch(p -> p.joined));
    timer.scheduleAtFixedRate(this::turn, 0, 100, TimeUnit.MILLISECONDS);
    log("playing " + playSeconds + " s on " + n + " nodes");
    Thread.sleep(playSeconds * 1000L);

    // ---- a node crashes ----
    List<Player> onVictim = players.stream().filter(p -> p.node == dead).toList();
    log("SIGKILL node " + victim + " (" + onVictim.size() + " players connected to it): " + sh(killCommand));
    long killedAt = System.nanoTime();
    down[dead] = true;
    players.forEach(p -> p.okSince(killedAt));
    double members = await("the survivors see 2 members, all Up", boundSeconds, () -> survivorsSee(n - 1, dead), killedAt);
    figures.put("SBR downed the killed node (2 members Up) after", fmt(members));
    double reconnected = await("players of the killed node reconnected elsewhere", boundSeconds,
        () -> onVictim.stream().allMatch(p -> p.node != dead && p.joined), killedAt);
    figures.put("its players reconnected to other nodes after", fmt(reconnected));
    double recovered = await("every player's entity answered a command again", boundSeconds,
        () -> players.stream().allMatch(p -> p.okAfter), killedAt);
    figures.put("every player's entity answered again (recovery time) after", fmt(recovered));
    Thread.sleep(playSeconds * 1000L);

    // ---- the node comes back ----
    long restartedAt = System.nanoTime();
    log("restarting node " + victim + ": " + sh(restartCommand));
    double rejoined = await("3 members Up again", boundSeconds, () -> survivorsSee(n, -1), restartedAt);
    down[dead] = false;
    figures.put("restarted node rejoined (3 members Up) after its start, after", fmt(rejoined));
    for (Player p : onVictim) {
      p.moveTo(dead);
    }
    awaitAll("its players back on the restarted node", Duration.ofSeconds(boundSeconds),
        () -> onVictim.stream().allMatch(p -> p.node == dead && p.joined));
    long backAt = System.nanoTime();
    onVictim.forEach(p -> p.okSince(backAt));
    await("they play on it", boundSeconds, () -> onVictim.stream().allMatch(p -> p.okAfter), backAt);
    Thread.sleep(playSeconds * 1000L);

    // ---- Cassandra goes away under load ----
    Map<String, Integer> before = tallySnapshot();
    log("stopping Cassandra: " + sh(cassandraStopCommand));
    long outageAt = System.nanoTime();
    Thread.sleep(outageSeconds * 1000L);
    Map<String, Integer> during = diff(tallySnapshot(), before);
    figures.put("answers while Cassandra was down (" + outageSeconds + " s)", during.toString());
    log("starting Cassandra: " + sh(cassandraStartCommand));
    long cassandraBack = System.nanoTime();
    players.forEach(p -> p.okSince(cassandraBack));
    double resumed = await("every player's entity answered after Cassandra returned", boundSeconds,
        () -> players.stream().allMatch(p -> p.okAfter), cassandraBack);
    figures.put("play resumed for every player after Cassandra was back, after", fmt(resumed));
    if (!Double.isNaN(resumed)) {
      figures.put("Cassandra outage in total (stop to every player answered)", fmt((System.nanoTime() - outageAt) / 1e9));
    }
    Thread.sleep(playSeconds * 1000L);

    // ---- wind down and check the journal ----
    for (Player p : players) {
      p.stopping = true;
    }
    awaitAll("the last answers", Duration.ofSeconds(30), () -> players.stream().allMatch(p -> p.pending == null));
    timer.shutdownNow();
    for (Player p : players) {
      p.close();
    }
    checkJournal();

    System.out.println();
    System.out.println("failover drill: " + bots + " players on " + n + " nodes, node " + victim + " killed and restarted, "
        + "Cassandra restarted");
    figures.forEach((k, v) -> System.out.printf("  %-70s %s%n", k, v));
    Map<String, Integer> total = tallySnapshot();
    System.out.println("  answers in total: " + total);
    if (failures.isEmpty()) {
      System.out.println("PASSED");
      return 0;
    }
    System.out.println("FAILED:");
    failures.forEach(f -> System.out.println("  - " + f));
    return 1;
  }

  private static String fmt(double seconds) {
    return String.format("%.1f s", seconds);
  }

  private String sh(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    if (p.waitFor() != 0) {
      failures.add("`" + command + "` failed: " + out);
    }
    return out.lines().reduce((a, b) -> b).orElse("");
  }

  private double await(String what, int boundSeconds, BooleanSupplier done, long sinceNanos) throws InterruptedException {
    long deadline = sinceNanos + boundSeconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        double s = (System.nanoTime() - sinceNanos) / 1e9;
        log(what + ": " + fmt(s));
        return s;
      }
      Thread.sleep(200);
    }
    failures.add(what + ": not within " + boundSeconds + " s");
    log(what + ": NOT within " + boundSeconds + " s; players in the world " + players.stream().filter(p -> p.joined).count()
        + " of " + players.size() + ", answers so far " + tallySnapshot());
    return Double.NaN;
  }

  private void awaitAll(String what, Duration bound, BooleanSupplier done) throws InterruptedException {
    await(what, (int) bound.toSeconds(), done, System.nanoTime());
  }

  /** Whether every live node sees exactly {@code members} members, all Up, none unreachable. */
  private boolean survivorsSee(int members, int skip) {
    for (int i = 0; i < managementPorts.size(); i++) {
      if (i == skip) {
        continue;
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPorts.get(i) + "/cluster/members"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(r.body());
        JsonNode list = body.path("members");
        if (list.size() != members || body.path("unreachable").size() > 0) {
          return false;
        }
        for (JsonNode m : list) {
          if (!m.path("status").asText().equals("Up")) {
            return false;
          }
        }
      } catch (IOException | InterruptedException e) {
        return false;
      }
    }
    return true;
  }

  private String login(String name, int node) throws IOException, InterruptedException {
    String credentials = "{\"user\":\"" + name + "\",\"password\":\"" + name + "-password\"}";
    for (int attempt = 0; attempt < 10; attempt++) {
      HttpResponse<String> created = post(node, "/api/accounts", credentials);
      if (created.statusCode() == 201 || created.statusCode() == 409) {
        break;
      }
      Thread.sleep(1000);
    }
    for (int attempt = 0; attempt < 10; attempt++) {
      HttpResponse<String> session = post(node, "/api/sessions", credentials);
      if (session.statusCode() == 200) {
        return JSON.readTree(session.body()).path("token").asText();
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException("could not log in " + name + " on node " + (node + 1));
  }

  private HttpResponse<String> post(int node, String path, String body) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPorts.get(node) + path))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void turn() {
    for (Player p : players) {
      try {
        p.turn();
      } catch (RuntimeException e) {
        p.count("client error " + e.getClass().getSimpleName());
      }
    }
  }

  private Map<String, Integer> tallySnapshot() {
    Map<String, Integer> total = new TreeMap<>();
    for (Player p : players) {
      p.tally.forEach((k, v) -> total.merge(k, v, Integer::sum));
    }
    return total;
  }

  private static Map<String, Integer> diff(Map<String, Integer> now, Map<String, Integer> before) {
    Map<String, Integer> d = new TreeMap<>();
    now.forEach((k, v) -> {
      int delta = v - before.getOrDefault(k, 0);
      if (delta != 0) {
        d.put(k, delta);
      }
    });
    return d;
  }

  // ---- the journal ----

  private void checkJournal() {
    int acknowledged = 0;
    int once = 0;
    int missing = 0;
    int twice = 0;
    int events = 0;
    try (CqlSession cql = CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", cassandraPort))
        .withLocalDatacenter("datacenter1").build()) {
      PreparedStatement select = cql.prepare("SELECT ser_manifest, event FROM " + keyspace + ".messages "
          + "WHERE persistence_id = ? AND partition_nr = 0");
      for (Player p : players) {
        Map<UUID, Integer> moved = new HashMap<>();
        for (Row row : cql.execute(select.bind("Player|" + p.name))) {
          events++;
          if (!row.getString("ser_manifest").endsWith("$Moved")) {
            continue;
          }
          UUID id = commandId(row.getByteBuffer("event"));
          moved.merge(id, 1, Integer::sum);
        }
        for (Map.Entry<UUID, Integer> e : moved.entrySet()) {
          if (e.getValue() > 1) {
            twice++;
            failures.add(p.name + ": move " + e.getKey() + " applied " + e.getValue() + " times");
          }
        }
        for (UUID id : p.acknowledged) {
          acknowledged++;
          int count = moved.getOrDefault(id, 0);
          if (count == 1) {
            once++;
          } else if (count == 0) {
            missing++;
            failures.add(p.name + ": acknowledged move " + id + " is not in the journal");
          }
        }
      }
    } catch (IOException e) {
      failures.add("reading the journal failed: " + e);
    }
    figures.put("journal: player events read", Integer.toString(events));
    figures.put("journal: moves acknowledged to players", Integer.toString(acknowledged));
    figures.put("journal: ... found exactly once / missing / applied more than once",
        once + " / " + missing + " / " + twice);
    if (acknowledged == 0) {
      failures.add("no move was acknowledged: the drill checked nothing");
    }
  }

  /** The commandId of a Jackson CBOR event: a UUID written as 16 bytes (or as text). */
  private static UUID commandId(ByteBuffer event) throws IOException {
    byte[] bytes = new byte[event.remaining()];
    event.get(bytes);
    JsonNode id = CBOR.readTree(bytes).path("commandId");
    if (id.isBinary()) {
      ByteBuffer b = ByteBuffer.wrap(id.binaryValue());
      return new UUID(b.getLong(), b.getLong());
    }
    return UUID.fromString(id.asText());
  }

  // ---- one player ----

  private final class Player implements WebSocket.Listener {
    final String name;
    final int home;
    final List<UUID> acknowledged = new ArrayList<>();
    final Map<String, Integer> tally = new ConcurrentHashMap<>();
    volatile String token;
    volatile int node;
    volatile boolean joined;
    volatile boolean okAfter;
    volatile boolean stopping;
    volatile UUID pending;
    private String pendingDirection;
    private long pendingSentNanos;
    private long nextTurnNanos;
    private String direction = "south";
    private boolean resendNow;
    private WebSocket socket;
    private final StringBuilder partial = new StringBuilder();
    private int generation;

    Player(String name, int home) {
      this.name = name;
      this.home = home;
      this.node = home;
    }

    void count(String outcome) {
      tally.merge(outcome, 1, Integer::sum);
    }

    /** From now on, whether a command succeeds is asked anew. */
    void okSince(long nanos) {
      okAfter = false;
    }

    synchronized void connect(int target) {
      node = target;
      joined = false;
      int gen = ++generation;
      http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
          .buildAsync(URI.create("ws://127.0.0.1:" + httpPorts.get(target) + "/ws/play?token=" + token), this)
          .whenComplete((ws, failure) -> {
            synchronized (this) {
              if (gen != generation) {
                if (ws != null) {
                  ws.abort();
                }
                return;
              }
              if (failure != null) {
                count("connect failed");
                reconnectElsewhere(target);
              }
            }
          });
    }

    /** Leaves the current node for {@code target} (the restarted node). */
    synchronized void moveTo(int target) {
      WebSocket old = socket;
      socket = null;
      if (old != null) {
        old.abort();
      }
      connect(target);
    }

    private void reconnectElsewhere(int from) {
      int n = httpPorts.size();
      for (int k = 1; k <= n; k++) {
        int next = (from + k) % n;
        if (!down[next]) {
          timer.schedule(() -> connect(next), 300, TimeUnit.MILLISECONDS);
          return;
        }
      }
    }

    synchronized void turn() {
      long now = System.nanoTime();
      if (!joined || socket == null || now < nextTurnNanos) {
        return;
      }
      if (pending != null) {
        // Refused as unavailable, or unanswered for long: send it again with the same id.
        if (resendNow) {
          count("resent after UNAVAILABLE");
          send();
        } else if (now - pendingSentNanos > 15_000_000_000L) {
          count("resent after 15 s");
          send();
        }
        return;
      }
      if (stopping) {
        return;
      }
      pending = UUID.randomUUID();
      pendingDirection = direction;
      send();
    }

    private void send() {
      WebSocket ws = socket;
      if (ws == null) {
        return;
      }
      resendNow = false;
      pendingSentNanos = System.nanoTime();
      nextTurnNanos = pendingSentNanos + 900_000_000L + (long) (Math.random() * 200_000_000L);
      String frame = "{\"type\":\"player_action\",\"id\":\"" + pending + "\",\"capability\":\"move\",\"params\":"
          + "{\"direction\":\"" + pendingDirection + "\"}}";
      ws.sendText(frame, true).exceptionally(e -> {
        count("send failed");
        return null;
      });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      synchronized (this) {
        socket = webSocket;
      }
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          handle(webSocket, JSON.readTree(text));
        } catch (IOException e) {
          count("unreadable message");
        }
      }
      webSocket.request(1);
      return null;
    }

    private synchronized void handle(WebSocket from, JsonNode m) {
      if (from != socket && socket != null) {
        return;
      }
      String type = m.path("type").asText();
      if (type.equals("reply") && m.path("capability").asText().equals("join")) {
        joined = m.path("ok").asBoolean();
        if (joined && pending != null) {
          // A new session on another node: send the unanswered command again, same id.
          count("resent after reconnecting");
          send();
        }
        return;
      }
      if (!joined && type.equals("error")) {
        // The session could not join the character (its entity did not answer in time, say while
        // its node is being downed); a new connection makes the session try again.
        count("join failed: " + m.path("code").asText());
        WebSocket ws = socket;
        socket = null;
        if (ws != null) {
          ws.abort();
        }
        int again = node;
        timer.schedule(() -> connect(again), 1, TimeUnit.SECONDS);
        return;
      }
      if (type.equals("notification") && m.path("reason").asText().equals("server_shutdown")) {
        count("told to reconnect");
        return;
      }
      String id = m.path("id").asText(null);
      if (id == null || pending == null || !id.equals(pending.toString())) {
        return;
      }
      if (type.equals("reply")) {
        boolean ok = m.path("ok").asBoolean();
        String code = m.path("code").asText("rejected");
        count(ok ? "ok" : code);
        if (!code.equals("UNAVAILABLE")) {
          // The player's entity answered: a move, or a refusal by the rules (too tired, say).
          okAfter = true;
        }
        if (ok) {
          acknowledged.add(pending);
          direction = direction.equals("south") ? "north" : "south";
        } else if (code.equals("NO_EXIT")) {
          direction = direction.equals("south") ? "north" : "south";
        }
        pending = null;
      } else if (type.equals("error")) {
        // UNAVAILABLE: the world did not answer in time; the same id goes again next turn.
        count("error " + m.path("code").asText());
        resendNow = true;
        nextTurnNanos = System.nanoTime() + 1_000_000_000L;
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      lost(webSocket, "closed by the server");
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      lost(webSocket, "connection lost");
    }

    private synchronized void lost(WebSocket ws, String why) {
      if (ws != socket || stopping) {
        return;
      }
      count(why);
      socket = null;
      joined = false;
      reconnectElsewhere(node);
    }

    synchronized void close() {
      stopping = true;
      if (socket != null) {
        socket.abort();
      }
    }
  }
}
