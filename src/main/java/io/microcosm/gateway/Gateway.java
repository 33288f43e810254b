package io.microcosm.gateway;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.RecipientRef;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import io.microcosm.account.Principal;
import io.microcosm.language.Interpreter;
import io.microcosm.player.PlayerEntity;
import io.microcosm.world.World;
import java.time.Duration;
import java.util.Optional;

/** What every session and route of a gateway node shares: the world, sharding, topics, limits, metrics. */
public final class Gateway {

  public static final int MAX_JSON_DEPTH = 8;

  private final World world;
  private final ClusterSharding sharding;
  private final Topics topics;
  private final Narrator narrator;
  private final GatewayMetrics metrics;
  private final ObjectMapper json;
  private final Interpreter interpreter;
  private final Duration resumeWindow;
  private final int resumeBuffer;
  private final Duration askTimeout;
  private final int maxFrameChars;
  private final int outBuffer;

  private final RateLimiter limiter;
  private final ChatModeration moderator;

  public Gateway(ActorSystem<?> system, Config config, World world, Interpreter interpreter, RateLimiter limiter,
      ChatModeration moderator, GatewayMetrics metrics) {
    this.world = world;
    this.sharding = ClusterSharding.get(system);
    this.topics = new Topics(system);
    this.narrator = new Narrator(world);
    this.metrics = metrics;
    this.json = new ObjectMapper().findAndRegisterModules();
    this.interpreter = interpreter;
    this.limiter = limiter;
    this.moderator = moderator;
    Config g = config.getConfig("microcosm.gateway");
    this.resumeWindow = g.getDuration("resume-window");
    this.resumeBuffer = g.getInt("resume-buffer");
    this.askTimeout = g.getDuration("ask-timeout");
    this.maxFrameChars = g.getInt("max-frame-chars");
    this.outBuffer = g.getInt("out-buffer");
  }

  public World world() {
    return world;
  }

  public RecipientRef<io.microcosm.npc.NpcEntity.Command> npc(String id) {
    return sharding.entityRefFor(io.microcosm.npc.NpcEntity.ENTITY_KEY, id);
  }

  public RecipientRef<io.microcosm.location.LocationEntity.Command> location(String id) {
    return sharding.entityRefFor(io.microcosm.location.LocationEntity.ENTITY_KEY, id);
  }

  public RecipientRef<PlayerEntity.Command> player(String character) {
    return sharding.entityRefFor(PlayerEntity.ENTITY_KEY, character);
  }

  public Topics topics() {
    return topics;
  }

  public Narrator narrator() {
    return narrator;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  public ObjectMapper json() {
    return json;
  }

  public Duration resumeWindow() {
    return resumeWindow;
  }

  public int resumeBuffer() {
    return resumeBuffer;
  }

  public Duration askTimeout() {
    return askTimeout;
  }

  public int maxFrameChars() {
    return maxFrameChars;
  }

  public int outBuffer() {
    return outBuffer;
  }

  /** Whether {@code principal} may send one more command or request now. */
  RateLimiter.Verdict limit(Principal principal) {
    RateLimiter.Verdict verdict = limiter.tryAcquire("player:" + principal.character());
    if (!(verdict instanceof RateLimiter.Allowed)) {
      metrics.refused("rate");
    }
    return verdict;
  }

  /** The sentence for the speaker when a line of chat may not be heard, else empty. */
  Optional<String> moderate(String speaker, String text) {
    ChatModeration.Verdict verdict = moderator.check(speaker, text);
    if (verdict instanceof ChatModeration.Blocked blocked) {
      metrics.refused("moderation");
      return Optional.of(blocked.message());
    }
    return Optional.empty();
  }

  /** What the client is told when a limit refuses it. */
  static String refusal(RateLimiter.Verdict verdict) {
    if (verdict instanceof RateLimiter.Disconnect d) {
      return "Too many refused requests (" + d.refusals() + " within " + d.window().toSeconds()
          + " s); you are disconnected. Wait " + Math.max(1, d.retryAfter().toSeconds()) + " s before coming back.";
    }
    RateLimiter.Limited l = (RateLimiter.Limited) verdict;
    return "Too many requests: wait " + Math.max(1, (l.retryAfter().toMillis() + 999) / 1000) + " s.";
  }

  Interpreter interpreter() {
    return interpreter;
  }
}
