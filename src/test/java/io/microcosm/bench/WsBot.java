package io.microcosm.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One simulated player on {@code /ws/play}: a WebSocket connection of its own, at most one command
 * outstanding, a new one on each turn it is given (the benchmark gives one a second).
 *
 * <p>Answers are matched to commands the way the session numbers them: each command's answer is a
 * {@code reply} naming its capability, or an {@code error}; {@code status} is answered by a
 * {@code status_update}, and {@code say} by hearing oneself say it. After every accepted command
 * that changes the character the server sends a {@code status_update} unasked; the bot expects it
 * in the order the session asks for it, so it is never taken for the answer to an explicit
 * {@code status}. The round trip runs from just before the frame is handed to the socket to the
 * moment its answer has been read.
 *
 * <p>The mix, by share of turns: move 35 %, look 20 %, gather 15 % (where a node can be worked by
 * hand, else a step towards one), inventory 10 %, status 12 %, say 8 %. A bot that may be wrong about
 * where it is (its move or gather was answered UNAVAILABLE, or refused for want of that exit or node)
 * looks first, as a player would. Moves keep to the start's
 * zone along open exits of the ordinary stamina cost (see {@link BotMap}).
 */
final class WsBot implements WebSocket.Listener {

  /** Capabilities after whose acceptance the session sends the character's status unasked. */
  static final Set<String> CHANGES_STATUS =
      Set.of("join", "move", "gather", "craft", "equip", "unequip", "use", "attack", "rest");

  /**
   * Refusals that mean the bot's idea of where it is was wrong: a move it was told had failed had
   * happened after all (the world answers late, the session has given up and said UNAVAILABLE).
   */
  static final Set<String> WHERE_AM_I = Set.of("NO_EXIT", "EXIT_BLOCKED", "EXIT_LOCKED", "UNKNOWN_NODE");

  /** The expected entry of a status the server sends unasked. */
  private static final String AUTO_STATUS = "status (unasked)";

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  /** A command sent and not yet answered (or an unasked status expected). */
  private static final class Pending {
    final String capability;
    final long sentNanos;
    final String text;
    boolean timedOut;

    Pending(String capability, long sentNanos, String text) {
      this.capability = capability;
      this.sentNanos = sentNanos;
      this.text = text;
    }

    boolean auto() {
      return capability.equals(AUTO_STATUS);
    }
  }

  private record Command(String capability, String frame, String sayText) {}

  private final String name;
  private final String token;
  private final BotMap map;
  private final Supplier<WsTally> tally;
  private final long timeoutNanos;
  private final SplittableRandom random;
  private final ObjectMapper json;
  private final List<Pending> expected = new ArrayList<>();
  /** "" once the character is in the world; otherwise why it is not. */
  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private Pending current;
  private String location;
  /** Set when the bot may be wrong about where it is (a move went unanswered): it looks next. */
  private boolean lost;
  private WebSocket socket;
  private CompletableFuture<?> lastSend = DONE;
  private volatile boolean closed;
  private int says;

  WsBot(String name, String token, BotMap map, Supplier<WsTally> tally, Duration timeout, long seed, ObjectMapper json) {
    this.name = name;
    this.token = token;
    this.map = map;
    this.tally = tally;
    this.timeoutNanos = timeout.toNanos();
    this.random = new SplittableRandom(seed);
    this.json = json;
  }

  /**
   * Opens the connection. The future completes with "" when the character has joined the world
   * (the session joins it on connect), or with the reason it did not.
   */
  CompletableFuture<String> connect(HttpClient client, URI play, Duration connectTimeout) {
    synchronized (this) {
      expected.add(new Pending("join", System.nanoTime(), null));
    }
    URI uri = URI.create(play + "?token=" + token);
    client.newWebSocketBuilder().connectTimeout(connectTimeout).buildAsync(uri, this).whenComplete((ws, failure) -> {
      if (failure != null) {
        String reason = "connect failed: " + describe(failure);
        closed = true;
        tally.get().error(reason);
        ready.complete(reason);
      }
    });
    return ready;
  }

  boolean open() {
    return !closed && "".equals(ready.getNow(null));
  }

  /** The bot's turn: sends its next command, unless the last one is still unanswered. */
  void turn() {
    WsTally t = tally.get();
    synchronized (this) {
      if (!open() || socket == null) {
        return;
      }
      long now = System.nanoTime();
      if (current != null) {
        if (now - current.sentNanos > timeoutNanos) {
          current.timedOut = true;
          t.error("timeout (no answer within " + timeoutNanos / 1_000_000_000 + " s)");
          current = null;
        } else {
          t.stillWaiting();
        }
        return;
      }
      if (!lastSend.isDone()) {
        t.error("frame not yet written at the next turn");
        return;
      }
      forgetLongLost(now);
      Command c = choose();
      Pending p = new Pending(c.capability(), System.nanoTime(), c.sayText());
      expected.add(p);
      current = p;
      t.sent(c.capability());
      lastSend = socket.sendText(c.frame(), true).exceptionally(e -> {
        tally.get().error("send failed: " + describe(e));
        return null;
      });
    }
  }

  /** Closes the connection politely; the server may take a moment to answer. */
  CompletableFuture<?> close() {
    WebSocket ws;
    synchronized (this) {
      ws = socket;
      boolean already = closed;
      closed = true;
      if (ws == null || already) {
        // not open yet (onOpen then aborts it) or closed already
        return DONE;
      }
    }
    return ws.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark over")
        .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
        .handle((w, e) -> {
          ws.abort();
          return null;
        });
  }

  // ---- what to do next ----

  private Command choose() {
    String here = location == null ? map.start() : location;
    int roll = random.nextInt(100);
    if (lost) {
      lost = false;
      return simple("look");
    }
    if (roll < 35) {
      List<BotMap.Way> ways = map.ways(here);
      if (!ways.isEmpty()) {
        return move(ways.get(random.nextInt(ways.size())));
      }
    } else if (roll < 55) {
      return simple("look");
    } else if (roll < 70) {
      List<String> nodes = map.handNodes(here);
      if (!nodes.isEmpty()) {
        String node = nodes.get(random.nextInt(nodes.size()));
        return new Command("gather", action("gather", "\"node\":\"" + node + "\""), null);
      }
      var step = map.towardsNodes(here);
      if (step.isPresent()) {
        return move(step.get());
      }
    } else if (roll < 80) {
      return simple("inventory");
    } else if (roll < 92) {
      return simple("status");
    } else {
      String text = "hello from " + name + ", number " + (++says);
      return new Command("say", action("say", "\"text\":\"" + text + "\""), text);
    }
    return simple("look");
  }

  private static Command move(BotMap.Way way) {
    return new Command("move", action("move", "\"direction\":\"" + way.direction() + "\""), null);
  }

  private static Command simple(String capability) {
    return new Command(capability, action(capability, ""), null);
  }

  private static String action(String capability, String params) {
    return "{\"type\":\"player_action\",\"capability\":\"" + capability + "\",\"params\":{" + params + "}}";
  }

  /** Commands that timed out long ago and whose answers never came are forgotten. */
  private void forgetLongLost(long now) {
    expected.removeIf(p -> p.timedOut && now - p.sentNanos > 6 * timeoutNanos);
  }

  // ---- the listener: what the server sends ----

  @Override
  public void onOpen(WebSocket webSocket) {
    synchronized (this) {
      socket = webSocket;
      if (closed) {
        // given up on while it was opening
        webSocket.abort();
        return;
      }
    }
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String message = partial.toString();
      partial.setLength(0);
      try {
        handle(message);
      } catch (IOException | RuntimeException e) {
        tally.get().error("unreadable message: " + describe(e));
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    tally.get().received("binary frame");
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    boolean ours = closed;
    closed = true;
    if (!ours) {
      String why = "closed by the server: " + statusCode + (reason == null || reason.isBlank() ? "" : " " + shorten(reason));
      tally.get().error(why);
      ready.complete(why);
    }
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    boolean ours = closed;
    closed = true;
    String why = "connection failed: " + describe(error);
    if (!ours) {
      tally.get().error(why);
    }
    ready.complete(why);
  }

  private void handle(String message) throws IOException {
    String type = typeOf(message);
    WsTally t = tally.get();
    t.received(type);
    switch (type) {
      case "world_update" -> {
        // what others do here: counted, never an answer
      }
      case "chat_message" -> {
        if (message.contains("\"from\":\"" + name + "\"")) {
          JsonNode n = json.readTree(message);
          String text = n.path("text").asText();
          synchronized (this) {
            Pending p = first(e -> e.capability.equals("say") && text.equals(e.text));
            if (p != null) {
              complete(p, "heard", t);
            }
          }
        }
      }
      case "reply" -> onReply(json.readTree(message), t);
      case "status_update" -> {
        String where = json.readTree(message).path("status").path("location").asText(null);
        synchronized (this) {
          if (where != null) {
            location = where;
          }
          Pending p = first(e -> e.auto() || e.capability.equals("status"));
          if (p == null) {
            t.error("unmatched status_update");
          } else {
            complete(p, "ok", t);
          }
        }
      }
      case "error" -> onError(json.readTree(message), t);
      case "notification" -> t.error("notification: " + shorten(json.readTree(message).path("text").asText()));
      default -> t.error("unknown message type '" + type + "'");
    }
  }

  private void onReply(JsonNode n, WsTally t) {
    String capability = n.path("capability").asText();
    boolean ok = n.path("ok").asBoolean(false);
    synchronized (this) {
      Pending p = capability.equals("status")
          ? first(e -> e.auto() || e.capability.equals("status"))
          : first(e -> e.capability.equals(capability));
      if (p == null) {
        t.error("unmatched reply to " + capability);
        return;
      }
      String code = n.path("code").asText("rejected");
      int at = complete(p, ok ? "ok" : code, t);
      if (!ok && WHERE_AM_I.contains(code)) {
        lost = true;
      }
      if (ok && CHANGES_STATUS.contains(capability)) {
        expected.add(at, new Pending(AUTO_STATUS, System.nanoTime(), null));
      }
      // Where the character is, as the world says: a move that timed out may still have happened.
      if (ok && capability.equals("move")) {
        location = n.path("data").path("to").asText(location);
      } else if (ok && capability.equals("look")) {
        location = n.path("data").path("here").path("id").asText(location);
      }
      if (capability.equals("join")) {
        if (ok) {
          location = n.path("data").path("here").path("id").asText(map.start());
          ready.complete("");
        } else {
          ready.complete("join refused: " + n.path("code").asText());
        }
      }
    }
  }

  private void onError(JsonNode n, WsTally t) {
    String code = n.path("code").asText("?");
    t.error("error " + code);
    synchronized (this) {
      Predicate<Pending> whose = switch (code) {
        // chat refusals come straight from the session, not through the player entity
        case "MESSAGE_BLOCKED", "NOT_IN_WORLD" -> e -> e.capability.equals("say");
        // the player entity did not answer one of the session's asks, the unasked status included
        case "UNAVAILABLE" -> e -> true;
        // refusals of a frame the client sent
        default -> e -> !e.auto();
      };
      Pending p = first(whose);
      if (p == null) {
        t.error("unmatched error " + code);
        return;
      }
      complete(p, "error " + code, t);
      if (code.equals("UNAVAILABLE") && (p.capability.equals("move") || p.capability.equals("gather"))) {
        lost = true;
      }
      if (p.capability.equals("join")) {
        ready.complete("join failed: error " + code);
      }
    }
  }

  /** Records the answer to {@code p} and forgets it; returns where it was among the expected. */
  private int complete(Pending p, String outcome, WsTally t) {
    int at = expected.indexOf(p);
    expected.remove(at);
    if (p == current) {
      current = null;
    }
    if (p.auto()) {
      return at;
    }
    if (p.timedOut) {
      t.late();
    } else {
      t.answered(p.capability, outcome, (System.nanoTime() - p.sentNanos) / 1000);
    }
    return at;
  }

  private Pending first(Predicate<Pending> test) {
    for (Iterator<Pending> it = expected.iterator(); it.hasNext(); ) {
      Pending p = it.next();
      if (test.test(p)) {
        return p;
      }
    }
    return null;
  }

  /** The session writes "type" first, so the type is read without parsing the whole message. */
  static String typeOf(String message) {
    String prefix = "{\"type\":\"";
    if (message.startsWith(prefix)) {
      int end = message.indexOf('"', prefix.length());
      if (end > 0) {
        return message.substring(prefix.length(), end);
      }
    }
    int at = message.indexOf("\"type\":\"");
    if (at >= 0) {
      int start = at + 8;
      int end = message.indexOf('"', start);
      if (end > start) {
        return message.substring(start, end);
      }
    }
    return "?";
  }

  static String describe(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof WebSocketHandshakeException h) {
      return "HTTP " + h.getResponse().statusCode();
    }
    String message = t.getMessage();
    String cause = t.getCause() == null || t.getCause() == t ? "" : ", caused by " + describe(t.getCause());
    return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + shorten(message) + ")") + cause;
  }

  private static String shorten(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
  }
}
