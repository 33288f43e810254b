package io.microcosm.gateway;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.pubsub.Topic;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microcosm.account.Principal;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.Rejection;
import io.microcosm.language.Context;
import io.microcosm.language.Interpretation;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.rules.Equipment;
import io.microcosm.zone.ZoneEntity;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A character's play session on this gateway node. It outlives a dropped connection for the resume
 * window, so a client that reconnects with the last {@code seq} it saw gets what it missed; a second
 * login takes the session over and the first connection is told why and closed.
 *
 * <p>It turns what the client sends into capability commands for the player entity and turns the
 * typed replies, what happens where the player is, and chat into numbered JSON messages. It follows
 * the player: after a move it listens to the new location instead of the old one.
 */
public final class PlaySession extends AbstractBehavior<PlaySession.Message> {

  public sealed interface Message {}

  /** A connection (new, resumed or taking over) for this character; {@code since} is the last seq it saw, or -1. */
  public record Attach(String connection, ActorRef<Outgoing> out, long since) implements Message {}

  /** A text frame from the client, already bounded in size. */
  public record Frame(String connection, String text) implements Message {}

  /** A frame that could not be read as text within the size bound. */
  public record BadFrame(String connection, String code, String text) implements Message {}

  public record Detach(String connection) implements Message {}

  /** An operator ends the session: the client is told why and disconnected. */
  public record Kick(String reason) implements Message {}

  /**
   * This node is shutting down: the client is told to reconnect (to any other node, where a new
   * session continues with the same character) and disconnected, and the session ends.
   */
  public record ShuttingDown(String text) implements Message {}

  /**
   * @param command the command asked, to ask again with the same command id on a timeout
   * @param attempt 1 for the first ask, 2 for the one after a timeout (the last)
   * @param id the command id the client chose, echoed in the answer; null when it chose none
   * @param forLine whether a typed line waits for this answer before the next line is taken
   */
  private record Answered(String capability, Object reply, Throwable failure, long sentNanos,
      Function<ActorRef<Object>, PlayerEntity.Command> command, int attempt, java.util.UUID id, boolean forLine)
      implements Message {}

  private record Heard(LocationEntity.Broadcast broadcast) implements Message {}

  private record News(ZoneEntity.Broadcast news) implements Message {}

  /** A typed line with what the player saw and carried when it was typed (or why that is unknown). */
  private record Understand(String line, Object here, Object pack, Throwable failure) implements Message {}

  private record Chat(ChatLine line) implements Message {}

  private record Expire(long detachedAt) implements Message {}

  private record RetryJoin() implements Message {}

  /** Joins that time out are tried again this many times, a second apart, before the client is let go. */
  private static final int JOIN_ATTEMPTS = 3;

  private record Sent(long seq, String json, long atNanos) {}

  /** A JSON message for the client; {@code close} ends the connection after it. */
  public record Outgoing(String json, boolean close) {}

  private static final Set<String> CHANGES_STATUS =
      Set.of("join", "move", "gather", "craft", "equip", "unequip", "use", "attack", "rest");
  /** Deeds that may advance a quest's objectives (reach, gather, craft, kill, deliver, talk). */
  private static final Set<String> QUEST_DEEDS = Set.of("move", "gather", "craft", "attack", "give", "talk");
  /** The session's own look at the quest log after a deed, answered with notifications, never a reply. */
  private static final String QUEST_PROGRESS = "quest_progress";

  private final Principal principal;
  private final Gateway gateway;
  private final RecipientRef<PlayerEntity.Command> player;
  private final ObjectMapper json;
  private final TimerScheduler<Message> timers;
  private final ActorRef<LocationEntity.Broadcast> hearing;
  private final ActorRef<ChatLine> listening;
  private final ActorRef<ZoneEntity.Broadcast> newsReader;
  /** The latest messages sent, oldest first, for resending on resume. */
  private final Deque<Sent> sent = new ArrayDeque<>();
  private String connection;
  private ActorRef<Outgoing> out;
  private long seq;
  private long detachedAt;
  private String location;
  private boolean joined;
  /** The join being tried (its retries keep the command id, so it happens once), or null. */
  private CommandMeta joining;
  private int joinAttempts;
  /** The question the interpreter last asked, which the next line may answer. */
  private Interpretation.Question pending;
  /**
   * Typed lines are carried out one after another, as they were typed: "take apple" then "give mira
   * apple" sent at once must find the apple taken. A line is in hand from its arrival until its
   * answer; the ones typed meanwhile wait here, at most {@link #MAX_WAITING_LINES}.
   */
  private final Deque<String> waitingLines = new ArrayDeque<>();
  private boolean lineInHand;
  /** True while a line is being understood: what it asks of the player entity, the line waits for. */
  private boolean understanding;
  private boolean askedForLine;
  static final int MAX_WAITING_LINES = 16;
  /** The active quests as last seen, to tell the player what a deed advanced; null until first read. */
  private java.util.Map<String, PlayerEntity.QuestView> knownQuests;

  private PlaySession(ActorContext<Message> context, TimerScheduler<Message> timers, Principal principal, Gateway gateway) {
    super(context);
    this.principal = principal;
    this.gateway = gateway;
    this.timers = timers;
    this.player = gateway.player(principal.character());
    this.json = gateway.json();
    this.hearing = context.messageAdapter(LocationEntity.Broadcast.class, Heard::new);
    this.listening = context.messageAdapter(ChatLine.class, Chat::new);
    this.newsReader = context.messageAdapter(ZoneEntity.Broadcast.class, News::new);
    gateway.topics().character(principal.character()).tell(Topic.subscribe(listening));
  }

  public static Behavior<Message> create(Principal principal, Gateway gateway) {
    return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> new PlaySession(ctx, timers, principal, gateway)));
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(Attach.class, this::onAttach)
        .onMessage(Frame.class, this::onFrame)
        .onMessage(BadFrame.class, f -> current(f.connection()) ? send(error(f.code(), f.text())) : this)
        .onMessage(Detach.class, this::onDetach)
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(Understand.class, this::onUnderstand)
        .onMessage(Heard.class, this::onHeard)
        .onMessage(News.class, this::onNews)
        .onMessage(Chat.class, c -> send(c.line().channel().equals("notice") ? notice(c.line()) : chat(c.line())))
        .onMessage(Kick.class, this::onKick)
        .onMessage(RetryJoin.class, r -> {
          if (joining != null) {
            join();
          }
          return this;
        })
        .onMessage(ShuttingDown.class, this::onShuttingDown)
        .onMessage(Expire.class, e -> out == null && e.detachedAt() == detachedAt ? Behaviors.stopped() : this)
        .build();
  }

  private Behavior<Message> onAttach(Attach a) {
    if (out != null) {
      ObjectNode n = message("notification");
      n.put("text", "This character has been taken over by a new login; this connection is closed.");
      out.tell(new Outgoing(n.toString(), true));
    }
    connection = a.connection();
    out = a.out();
    timers.cancel("expire");
    if (a.since() >= 0) {
      replaySince(a.since());
    }
    if (!joined && joining == null) {
      joining = meta();
      joinAttempts = 0;
      join();
    }
    return this;
  }

  private void join() {
    joinAttempts++;
    CommandMeta meta = joining;
    ask("join", r -> new PlayerEntity.Join(meta, narrow(r)));
  }

  /**
   * A join that timed out is tried again; after the last attempt the client is told and
   * disconnected (it may reconnect), and a session nobody reconnects to ends with its resume window.
   */
  private Behavior<Message> joinFailed() {
    if (joinAttempts < JOIN_ATTEMPTS) {
      timers.startSingleTimer("join", new RetryJoin(), Duration.ofSeconds(1));
      return this;
    }
    joining = null;
    if (out != null) {
      ObjectNode n = error("UNAVAILABLE", "The world did not let you in in time; please connect again in a moment.");
      n.put("seq", ++seq);
      out.tell(new Outgoing(n.toString(), true));
    }
    return this;
  }

  private void replaySince(long since) {
    long oldest = sent.isEmpty() ? seq + 1 : sent.peekFirst().seq();
    if (since + 1 < oldest && since < seq) {
      ObjectNode n = message("notification");
      n.put("text", "Some messages were too old to resend: you missed " + (oldest - since - 1) + ".");
      send(n);
    }
    for (Sent m : sent) {
      if (m.seq() > since) {
        out.tell(new Outgoing(m.json(), false));
      }
    }
  }

  private Behavior<Message> onKick(Kick k) {
    if (out != null) {
      ObjectNode n = message("notification");
      n.put("text", "An operator has disconnected you: " + k.reason());
      n.put("seq", ++seq);
      out.tell(new Outgoing(n.toString(), true));
    }
    return Behaviors.stopped();
  }

  private Behavior<Message> onShuttingDown(ShuttingDown s) {
    if (out != null) {
      ObjectNode n = message("notification");
      n.put("reason", "server_shutdown");
      n.put("text", s.text());
      n.put("seq", ++seq);
      out.tell(new Outgoing(n.toString(), true));
    }
    return Behaviors.stopped();
  }

  private Behavior<Message> onDetach(Detach d) {
    if (current(d.connection())) {
      out = null;
      connection = null;
      detachedAt = System.nanoTime();
      timers.startSingleTimer("expire", new Expire(detachedAt), gateway.resumeWindow());
    }
    return this;
  }

  private boolean current(String conn) {
    return conn != null && conn.equals(connection);
  }

  // ---- from the client ----

  private Behavior<Message> onFrame(Frame f) {
    if (!current(f.connection())) {
      return this;
    }
    RateLimiter.Verdict verdict = gateway.limit(principal);
    if (verdict instanceof RateLimiter.Disconnect) {
      ObjectNode n = error("RATE_LIMITED", Gateway.refusal(verdict));
      n.put("seq", ++seq);
      out.tell(new Outgoing(n.toString(), true));
      return this;
    }
    if (verdict instanceof RateLimiter.Limited) {
      return send(error("RATE_LIMITED", Gateway.refusal(verdict)));
    }
    String text = f.text().strip();
    if (text.startsWith("{")) {
      return onJson(text);
    }
    return onLine(text);
  }

  private Behavior<Message> onJson(String text) {
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      return send(error("BAD_JSON", "That is not valid JSON: " + e.getOriginalMessage()));
    }
    if (depth(node) > Gateway.MAX_JSON_DEPTH) {
      return send(error("BAD_JSON", "JSON may nest at most " + Gateway.MAX_JSON_DEPTH + " levels."));
    }
    String type = node.path("type").asText("");
    if (!type.equals("player_action")) {
      return send(error("UNKNOWN_TYPE", "Unknown message type '" + type + "'; send {\"type\":\"player_action\", ...}."));
    }
    if (node.hasNonNull("text")) {
      return onLine(node.get("text").asText());
    }
    String capability = node.path("capability").asText(null);
    JsonNode params = node.get("params");
    if ("say".equals(capability) || "shout".equals(capability) || "tell".equals(capability)) {
      return speak(capability, params == null ? null : params.path("player").asText(null),
          params == null ? "" : params.path("text").asText(""));
    }
    if ("accept".equals(capability) || "abandon".equals(capability)) {
      String quest = params == null ? null : params.path("quest").asText(null);
      if ("abandon".equals(capability) && (quest == null || quest.isBlank())) {
        return send(error("BAD_ACTION", "abandon needs params.quest, a quest's id or title."));
      }
      return quest(capability, quest);
    }
    if ("quests".equals(capability) || "journal".equals(capability)) {
      ask("quests", r -> new PlayerEntity.ShowQuests(meta(), narrow(r)));
      return this;
    }
    if ("talk".equals(capability)) {
      String npc = params == null ? null : params.path("npc").asText(null);
      if (npc == null || !gateway.world().npcs().containsKey(npc)) {
        return send(error("BAD_ACTION", "talk needs params.npc, the id of an NPC (e.g. vale.npc.mira), and may have "
            + "params.topic; '" + npc + "' is not one."));
      }
      return talk(npc, params.path("topic").asText(null));
    }
    // A client may name the command with its own id (a UUID) and send it again with the same id after
    // a timeout or a lost connection, to any node: it is applied once, and the answer carries the id.
    java.util.UUID id = null;
    if (node.hasNonNull("id")) {
      try {
        id = java.util.UUID.fromString(node.get("id").asText());
      } catch (IllegalArgumentException e) {
        return send(error("BAD_ACTION", "The 'id' of an action must be a UUID such as "
            + "\"3f2b8c1e-9d4a-4e6b-8a7c-2d1e0f9b6a5c\", not '" + node.get("id").asText() + "'."));
      }
    }
    StringBuilder problem = new StringBuilder();
    CommandMeta meta = id == null ? meta() : new CommandMeta(id, principal.character(), 0);
    Optional<CapabilityCall> call = CapabilityCall.fromJson(capability, params, meta, problem);
    if (call.isEmpty()) {
      return send(error("BAD_ACTION", problem.toString()));
    }
    ask(call.get().capability(), call.get().command(), id);
    return this;
  }

  private Behavior<Message> onLine(String line) {
    if (line.isBlank()) {
      return this;
    }
    if (lineInHand) {
      if (waitingLines.size() >= MAX_WAITING_LINES) {
        return send(error("BUSY", "You are typing faster than the world can answer; '" + line + "' was not done. "
            + "Wait for the answers to what you typed before."));
      }
      waitingLines.add(line);
      return this;
    }
    lineInHand = true;
    return takeLine(line);
  }

  /** The next typed line, once the one before it has been answered. */
  private void lineDone() {
    lineInHand = false;
    String next = waitingLines.poll();
    if (next != null) {
      lineInHand = true;
      takeLine(next);
    }
  }

  private Behavior<Message> takeLine(String line) {
    // Words are resolved against what the player sees and carries now, so ask for both first.
    CompletableFuture<Object> here = askFor(r -> new PlayerEntity.Look(meta(), narrow(r)));
    CompletableFuture<Object> pack = askFor(r -> new PlayerEntity.ShowInventory(meta(), narrow(r)));
    ActorRef<Message> self = getContext().getSelf();
    here.thenCombineAsync(pack, (h, p) -> new Understand(line, h, p, null), Runnable::run)
        .whenCompleteAsync((u, failure) -> self.tell(failure == null ? u : new Understand(line, null, null, failure)),
            Runnable::run);
    return this;
  }

  private Behavior<Message> onUnderstand(Understand u) {
    understanding = true;
    askedForLine = false;
    try {
      return understand(u);
    } finally {
      understanding = false;
      if (!askedForLine) {
        lineDone();
      }
    }
  }

  private Behavior<Message> understand(Understand u) {
    if (u.failure() != null) {
      return send(error("UNAVAILABLE", "The world did not answer in time. Try again."));
    }
    if (u.here() instanceof PlayerEntity.Rejected r) {
      return send(error(r.rejection().code().name(), r.rejection().message()));
    }
    LocationEntity.LocationView view = ((PlayerEntity.Looked) u.here()).here();
    PlayerEntity.InventoryView inventory = (PlayerEntity.InventoryView) u.pack();
    Context context = Context.of(principal.character(), view, Context.inventory(inventory.items()),
        new Equipment(inventory.equipped())).withPending(pending);
    Interpretation meaning = gateway.interpreter().interpret(u.line(), context);
    pending = null;
    if (meaning instanceof Interpretation.Action action) {
      return act(action);
    } else if (meaning instanceof Interpretation.Question question) {
      pending = question;
      ObjectNode n = answer("question", true, question.text());
      n.set("options", json.valueToTree(question.options().stream().map(Interpretation.Option::label).toList()));
      return send(n);
    } else if (meaning instanceof Interpretation.Unknown unknown) {
      ObjectNode n = answer("unknown", false, unknown.text());
      n.set("suggestions", json.valueToTree(unknown.suggestions()));
      return send(n);
    }
    return send(answer("help", true, gateway.narrator().help((Interpretation.Help) meaning)));
  }

  private Behavior<Message> act(Interpretation.Action action) {
    switch (action.capability()) {
      case SAY:
        return speak("say", null, action.text());
      case SHOUT:
        return speak("shout", null, action.text());
      case TELL:
        return speak("tell", action.player(), action.text());
      case EXAMINE:
        return send(answer("examine", true, gateway.narrator().examine(action)));
      case TALK:
        return talk(action.player(), action.text());
      case ACCEPT:
        return quest("accept", action.text());
      case ABANDON:
        if (action.text() == null) {
          return send(answer("abandon", false, "Abandon which quest? Name it (see your journal)."));
        }
        return quest("abandon", action.text());
      case QUESTS:
        ask("quests", r -> new PlayerEntity.ShowQuests(meta(), narrow(r)));
        return this;
      case GIVE:
        if (gateway.world().npcs().containsKey(action.player())) {
          ask("give", r -> new PlayerEntity.GiveToNpc(meta(), action.item(), Math.max(1, action.quantity()), action.player(),
              narrow(r)));
          return this;
        }
        // to another character: an ordinary capability, below
      default:
        Optional<CapabilityCall> call = ActionCalls.of(action, meta());
        if (call.isEmpty()) {
          return send(answer(action.capability().name().toLowerCase(), false, "That cannot be done yet."));
        }
        ask(call.get().capability(), call.get().command());
        return this;
    }
  }

  /** Accepts (a named quest, or with null the one just offered) or abandons a quest. */
  private Behavior<Message> quest(String capability, String quest) {
    if ("accept".equals(capability)) {
      ask("accept", r -> new PlayerEntity.AcceptQuest(meta(), quest, narrow(r)));
    } else {
      ask("abandon", r -> new PlayerEntity.AbandonQuest(meta(), quest, narrow(r)));
    }
    return this;
  }

  /**
   * Asks through the player, who tells the NPC its standing with the NPC's faction; the answer comes
   * back like any capability's, its line as the NPC's speech.
   */
  private Behavior<Message> talk(String npc, String topic) {
    if (location == null) {
      return send(error("NOT_IN_WORLD", "You have not entered the world yet."));
    }
    ask("talk", r -> new PlayerEntity.TalkToNpc(meta(), npc, topic, narrow(r)));
    return this;
  }

  private ObjectNode answer(String kind, boolean ok, String text) {
    ObjectNode n = message("reply");
    n.put("capability", kind);
    n.put("ok", ok);
    n.put("text", text);
    return n;
  }

  private CompletableFuture<Object> askFor(Function<ActorRef<Object>, PlayerEntity.Command> command) {
    return AskPattern.ask(player, command::apply, gateway.askTimeout(), getContext().getSystem().scheduler())
        .toCompletableFuture();
  }

  private Behavior<Message> speak(String channel, String to, String text) {
    Optional<String> blocked = gateway.moderate(principal.character(), text);
    if (blocked.isPresent()) {
      return send(error("MESSAGE_BLOCKED", blocked.get()));
    }
    if (location == null) {
      return send(error("NOT_IN_WORLD", "You have not entered the world yet."));
    }
    long now = System.currentTimeMillis();
    switch (channel) {
      case "say" -> {
        gateway.topics().place(location).tell(Topic.publish(new ChatLine("say", principal.character(), location, text, now)));
        // The people of the world hear it through the place itself.
        gateway.location(location).tell(new LocationEntity.Speak(CommandMeta.fresh(principal.character()), principal.character(), text));
      }
      case "shout" -> {
        String zone = location.substring(0, location.indexOf('.'));
        gateway.topics().zone(zone).tell(Topic.publish(new ChatLine("shout", principal.character(), zone, text, now)));
      }
      default -> {
        if (to == null || to.isBlank()) {
          return send(error("BAD_ACTION", "Tell whom? Use: tell <player> <message>."));
        }
        gateway.topics().character(to).tell(Topic.publish(new ChatLine("tell", principal.character(), to, text, now)));
        if (!to.equals(principal.character())) {
          return send(chat(new ChatLine("tell", principal.character(), to, text, now)));
        }
      }
    }
    return this;
  }

  // ---- to and from the player entity ----

  private void ask(String capability, Function<ActorRef<Object>, PlayerEntity.Command> command) {
    ask(capability, command, null);
  }

  private void ask(String capability, Function<ActorRef<Object>, PlayerEntity.Command> command, java.util.UUID id) {
    askedForLine |= understanding;
    ask(capability, command, 1, id, understanding);
  }

  private void ask(String capability, Function<ActorRef<Object>, PlayerEntity.Command> command, int attempt,
      java.util.UUID id, boolean forLine) {
    CompletableFuture<Object> answer = askFor(command);
    ActorRef<Message> self = getContext().getSelf();
    long sent = System.nanoTime();
    // The answering thread tells the session directly (see PlayerEntity on why not pipeToSelf).
    answer.whenCompleteAsync(
        (reply, failure) -> self.tell(new Answered(capability, reply, failure, sent, command, attempt, id, forLine)),
        Runnable::run);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <R> ActorRef<R> narrow(ActorRef<Object> ref) {
    return (ActorRef) ref;
  }

  private Behavior<Message> onAnswered(Answered a) {
    boolean retried = a.failure() != null && a.attempt() == 1 && !(a.capability().equals("join") && joining != null);
    Behavior<Message> next = answered(a);
    if (a.forLine() && !retried) {
      lineDone();
    }
    return next;
  }

  private Behavior<Message> answered(Answered a) {
    if (a.capability().equals(QUEST_PROGRESS)) {
      return questProgress(a.reply());
    }
    gateway.metrics().latency(a.capability(), System.nanoTime() - a.sentNanos());
    boolean timedOut = a.failure() != null || (a.reply() instanceof PlayerEntity.Rejected r
        && r.rejection().code() == Rejection.Code.UNAVAILABLE);
    if (timedOut && a.capability().equals("join") && joining != null) {
      gateway.metrics().answered(a.capability(), "UNAVAILABLE");
      return joinFailed();
    }
    if (a.failure() != null && a.attempt() == 1) {
      // Asked again with the very same command (and command id): if the first went through after
      // all, the player entity answers it again without doing it twice.
      ask(a.capability(), a.command(), 2, a.id(), a.forLine());
      return this;
    }
    if (a.failure() != null) {
      gateway.metrics().answered(a.capability(), "UNAVAILABLE");
      return send(withId(error("UNAVAILABLE", "The world did not answer in time. Try again."), a.id()));
    }
    Object reply = a.reply();
    if (reply instanceof io.microcosm.npc.NpcEntity.Rejected r) {
      reply = new PlayerEntity.Rejected(r.rejection(), r.lamport());
    }
    boolean ok = !(reply instanceof PlayerEntity.Rejected);
    gateway.metrics().answered(a.capability(), ok ? "ok" : ((PlayerEntity.Rejected) reply).rejection().code().name());
    if (a.capability().equals("join")) {
      joining = null;
    }
    if (reply instanceof PlayerEntity.Joined j) {
      joined = true;
      follow(j.here().id());
    } else if (reply instanceof PlayerEntity.Arrived arrived) {
      follow(arrived.to());
    } else if (reply instanceof PlayerEntity.Fought f && f.death() != null) {
      follow(f.death().wokeAt());
    } else if (reply instanceof PlayerEntity.Rejected r && a.capability().equals("join")) {
      return send(error(r.rejection().code().name(), r.rejection().message()));
    }
    if (reply instanceof PlayerEntity.Given given) {
      // The receiver hears of it wherever its session is.
      gateway.topics().character(given.to()).tell(Topic.publish(new ChatLine("notice", principal.character(),
          given.to(), gateway.narrator().received(principal.character(), given), System.currentTimeMillis())));
    }
    if (reply instanceof PlayerEntity.StatusView status) {
      ObjectNode n = message("status_update");
      n.put("text", gateway.narrator().reply(status));
      n.set("status", json.valueToTree(status));
      return send(withId(n, a.id()));
    }
    ObjectNode n = message("reply");
    n.put("capability", a.capability());
    n.put("ok", ok);
    n.put("text", gateway.narrator().reply(reply));
    if (reply instanceof PlayerEntity.Rejected r) {
      n.put("code", r.rejection().code().name());
    } else {
      n.set("data", json.valueToTree(reply));
    }
    send(withId(n, a.id()));
    if (ok && CHANGES_STATUS.contains(a.capability())) {
      ask("status", r -> new PlayerEntity.ShowStatus(meta(), narrow(r)));
    }
    boolean questsMayMove = knownQuests == null || reply instanceof PlayerEntity.QuestTaken
        || QUEST_DEEDS.contains(a.capability()) && !knownQuests.isEmpty();
    if (ok && questsMayMove) {
      ask(QUEST_PROGRESS, r -> new PlayerEntity.ShowQuests(meta(), narrow(r)));
    }
    return this;
  }

  /** Tells the player each objective a deed advanced and each quest it finished, as notifications. */
  private Behavior<Message> questProgress(Object reply) {
    if (!(reply instanceof PlayerEntity.QuestsView log)) {
      return this; // not answered in time: the next deed looks again
    }
    java.util.Map<String, PlayerEntity.QuestView> now = new java.util.LinkedHashMap<>();
    log.active().forEach(q -> now.put(q.id(), q));
    if (knownQuests != null) {
      for (PlayerEntity.QuestView q : now.values()) {
        PlayerEntity.QuestView before = knownQuests.get(q.id());
        if (before != null) {
          gateway.narrator().progress(before, q).ifPresent(text -> {
            ObjectNode n = message("notification");
            n.put("kind", "quest");
            n.put("quest", q.id());
            n.put("text", text);
            send(n);
          });
        }
      }
    }
    knownQuests = now;
    return this;
  }

  /** Listens to the player's new location (and its zone) instead of the old one. */
  private void follow(String next) {
    if (next.equals(location)) {
      return;
    }
    if (location != null) {
      gateway.topics().location(location).tell(Topic.unsubscribe(hearing));
      gateway.topics().place(location).tell(Topic.unsubscribe(listening));
      if (!zoneOf(location).equals(zoneOf(next))) {
        gateway.topics().zone(zoneOf(location)).tell(Topic.unsubscribe(listening));
        gateway.topics().zoneNews(zoneOf(location)).tell(Topic.unsubscribe(newsReader));
      }
    }
    if (location == null || !zoneOf(location).equals(zoneOf(next))) {
      gateway.topics().zone(zoneOf(next)).tell(Topic.subscribe(listening));
      gateway.topics().zoneNews(zoneOf(next)).tell(Topic.subscribe(newsReader));
    }
    gateway.topics().location(next).tell(Topic.subscribe(hearing));
    gateway.topics().place(next).tell(Topic.subscribe(listening));
    location = next;
  }

  private static String zoneOf(String locationId) {
    int dot = locationId.indexOf('.');
    return dot < 0 ? locationId : locationId.substring(0, dot);
  }

  private Behavior<Message> onHeard(Heard h) {
    LocationEntity.Broadcast b = h.broadcast();
    if (!b.location().equals(location) || principal.character().equals(LocationEntity.actorOf(b))) {
      return this;
    }
    ObjectNode n = message("world_update");
    n.put("location", b.location());
    n.put("event", b.getClass().getSimpleName());
    n.put("text", gateway.narrator().broadcast(b, principal.character()));
    n.set("data", json.valueToTree(b));
    send(n);
    if (b instanceof LocationEntity.CreatureAttacked a && a.target().equals(principal.character())) {
      // Attacked unasked: the sheet changed, and a fatal blow moved the player home.
      if (a.wokeAt() != null) {
        follow(a.wokeAt());
      }
      ask("status", r -> new PlayerEntity.ShowStatus(meta(), narrow(r)));
    }
    return this;
  }

  private Behavior<Message> onNews(News news) {
    ZoneEntity.Broadcast b = news.news();
    if (location == null || !zoneOf(location).equals(b.zone())) {
      return this;
    }
    ObjectNode n = message("world_update");
    n.put("zone", b.zone());
    n.put("event", b.getClass().getSimpleName());
    n.put("text", gateway.narrator().news(b));
    n.set("data", json.valueToTree(b));
    return send(n);
  }

  // ---- messages out ----

  private ObjectNode message(String type) {
    ObjectNode n = json.createObjectNode();
    n.put("type", type);
    return n;
  }

  private ObjectNode error(String code, String text) {
    ObjectNode n = message("error");
    n.put("code", code);
    n.put("text", text);
    return n;
  }

  /** Something another character did to this one, told as a notification. */
  private ObjectNode notice(ChatLine line) {
    ObjectNode n = message("notification");
    n.put("from", line.from());
    n.put("text", line.text());
    return n;
  }

  private static ObjectNode withId(ObjectNode n, java.util.UUID id) {
    if (id != null) {
      n.put("id", id.toString());
    }
    return n;
  }

  private ObjectNode chat(ChatLine line) {
    ObjectNode n = message("chat_message");
    n.put("channel", line.channel());
    n.put("from", line.from());
    n.put("to", line.where());
    n.put("text", line.text());
    return n;
  }

  /** Numbers the message, keeps it for resuming, and sends it if a connection is attached. */
  private Behavior<Message> send(ObjectNode n) {
    n.put("seq", ++seq);
    String text = n.toString();
    long now = System.nanoTime();
    sent.addLast(new Sent(seq, text, now));
    while (sent.size() > gateway.resumeBuffer()) {
      sent.removeFirst();
    }
    // While a client is attached it has had the older messages; a reconnect asks only for what was
    // sent since its connection broke, so little more than a resume window back is ever needed.
    long oldest = now - gateway.resumeWindow().toNanos();
    while (out != null && !sent.isEmpty() && sent.peekFirst().atNanos() - oldest < 0) {
      sent.removeFirst();
    }
    if (out != null) {
      out.tell(new Outgoing(text, false));
    }
    return this;
  }

  private CommandMeta meta() {
    return CommandMeta.fresh(principal.character());
  }

  private static int depth(JsonNode node) {
    int deepest = 0;
    for (JsonNode child : node) {
      deepest = Math.max(deepest, depth(child));
    }
    return node.isContainerNode() ? deepest + 1 : 0;
  }
}
