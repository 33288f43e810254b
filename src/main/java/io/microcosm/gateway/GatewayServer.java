package io.microcosm.gateway;

import static akka.http.javadsl.server.PathMatchers.segment;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.Http;
import akka.http.javadsl.ServerBinding;
import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.StatusCodes;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.Route;
import com.typesafe.config.Config;
import io.microcosm.account.Principal;
import io.microcosm.entity.TickClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The HTTP side of a node: {@code /ws/play}, the REST API and {@code /metrics}. */
public final class GatewayServer extends AllDirectives {

  /** Turns a bearer token into who holds it, or empty when the token is not (or no longer) valid. */
  @FunctionalInterface
  public interface Authenticator {
    CompletionStage<Optional<Principal>> principal(String token);
  }

  private final ActorSystem<?> system;
  private final Gateway gateway;
  private final Authenticator authenticator;
  private final ActorRef<Object> registry;
  private final ApiRoutes api;

  private final RateLimiter connections;

  /** @param connections limits new connections per remote address */
  public GatewayServer(ActorSystem<?> system, Gateway gateway, Authenticator authenticator, AccountService accounts,
      WorldTimeSource time, RateLimiter connections) {
    this.system = system;
    this.connections = connections;
    this.gateway = gateway;
    this.authenticator = authenticator;
    this.registry = system.systemActorOf(SessionRegistry.create(gateway), "play-sessions", Props.empty());
    this.api = new ApiRoutes(system, gateway, authenticator, accounts, registry, time);
  }

  public CompletionStage<ServerBinding> bind(Config config) {
    return Http.get(system)
        .newServerAt(config.getString("microcosm.http.host"), config.getInt("microcosm.http.port"))
        .bind(routes());
  }

  /**
   * Takes part in this node's coordinated shutdown (SIGTERM, or leaving the cluster): first the
   * node stops accepting connections, then every player connected here is told to reconnect (their
   * client reconnects to another node, where a new session continues with the same character) and
   * disconnected, then the remaining HTTP
   * requests get {@code deadline} to finish. Only after this does the node leave the cluster and
   * hand its shards over, so players are never left talking to a node that is going away.
   */
  public void stopOnShutdown(ServerBinding binding, Duration deadline) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "stop-accepting-players",
        () -> binding.unbind().thenApplyAsync(unbound -> Done.getInstance(), Runnable::run));
    Duration drainTimeout = Duration.ofMillis(shutdown.timeout(CoordinatedShutdown.PhaseServiceRequestsDone()).toMillis() - 500);
    shutdown.addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "tell-players-to-reconnect",
        () -> AskPattern.<Object, Done>ask(registry, replyTo -> new SessionRegistry.Drain(SHUTDOWN_NOTICE, replyTo),
                drainTimeout, system.scheduler())
            .exceptionallyAsync(timedOut -> {
              system.log().warn("Not every play session ended within {} ms of being told to reconnect elsewhere",
                  drainTimeout.toMillis());
              return Done.getInstance();
            }, Runnable::run)
            .thenComposeAsync(drained -> binding.terminate(deadline), Runnable::run)
            .thenApplyAsync(terminated -> Done.getInstance(), Runnable::run));
  }

  /** What a player connected to a node that shuts down is told (with reason {@code server_shutdown}). */
  public static final String SHUTDOWN_NOTICE = "This server is shutting down. Reconnect to continue: your character "
      + "is safe, and any other server takes you where you were.";

  public Route routes() {
    return concat(
        path(segment("ws").slash("play"), this::play),
        path("metrics", () -> get(() -> complete(HttpEntities.create(
            ContentTypes.TEXT_PLAIN_UTF8, gateway.metrics().scrape())))),
        api.routes());
  }

  private Route play() {
    return extractClientIP(ip -> {
      String address = ip.getAddress().map(java.net.InetAddress::getHostAddress).orElse("unknown");
      RateLimiter.Verdict verdict = connections.tryAcquire("address:" + address);
      if (!(verdict instanceof RateLimiter.Allowed)) {
        gateway.metrics().refused("connections");
        return complete(StatusCodes.TOO_MANY_REQUESTS, "Too many new connections from your address; wait a moment.");
      }
      return authenticatedPlay();
    });
  }

  private Route authenticatedPlay() {
    return parameterOptional("token", token -> parameterOptional("since", since -> optionalHeaderValueByName(
        "Authorization", header -> {
          Optional<String> bearer = token.or(() -> header.filter(h -> h.startsWith("Bearer ")).map(h -> h.substring(7)));
          if (bearer.isEmpty()) {
            return complete(StatusCodes.UNAUTHORIZED, "Log in first: pass ?token=... or an Authorization: Bearer header.");
          }
          long resumeFrom = since.map(GatewayServer::parseSeq).orElse(-1L);
          return onSuccess(authenticator.principal(bearer.get()), principal -> principal
              .map(p -> handleWebSocketMessages(PlaySocket.flow(system, gateway, registry, p, resumeFrom)))
              .orElseGet(() -> complete(StatusCodes.UNAUTHORIZED, "That token is not valid or has expired; log in again.")));
        })));
  }

  private static long parseSeq(String text) {
    try {
      return Math.max(-1, Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
