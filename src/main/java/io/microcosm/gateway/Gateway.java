package io.microcosm.gateway;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.RecipientRef;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
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
  private final LineReader lines;
  private final Duration resumeWindow;
  private final int resumeBuffer;
  private final Duration askTimeout;
  private final int maxFrameChars;
  private final int outBuffer;

  /** Decides whether a principal may send one more message now; the reason when not. */
  public interface Limiter {
    Optional<String> acquire(Principal principal);
  }

  /** Decides whether a line of chat may be heard; the reason (for the speaker only) when not. */
  public interface Moderator {
    Optional<String> check(String speaker, String text);
  }

  private final Limiter limiter;
  private final Moderator moderator;

  public Gateway(ActorSystem<?> system, Config config, World world, LineReader lines, Limiter limiter,
      Moderator moderator, GatewayMetrics metrics) {
    this.world = world;
    this.sharding = ClusterSharding.get(system);
    this.topics = new Topics(system);
    this.narrator = new Narrator(world);
    this.metrics = metrics;
    this.json = new ObjectMapper().findAndRegisterModules();
    this.lines = lines;
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

  Optional<String> limit(Principal principal) {
    Optional<String> refusal = limiter.acquire(principal);
    refusal.ifPresent(r -> metrics.refused("rate"));
    return refusal;
  }

  Optional<String> moderate(String speaker, String text) {
    Optional<String> refusal = moderator.check(speaker, text);
    refusal.ifPresent(r -> metrics.refused("moderation"));
    return refusal;
  }

  Optional<LineMeaning> understand(String character, String line, String location) {
    return lines.read(character, line, location);
  }
}
