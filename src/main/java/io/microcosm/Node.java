package io.microcosm;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Adapter;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.management.cluster.bootstrap.ClusterBootstrap;
import akka.management.javadsl.AkkaManagement;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import akka.http.javadsl.ServerBinding;
import io.microcosm.account.AccountEntity;
import io.microcosm.account.Accounts;
import io.microcosm.account.AuthSettings;
import io.microcosm.account.Tokens;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.gateway.AccountsGateway;
import io.microcosm.gateway.ChatModeration;
import io.microcosm.gateway.Gateway;
import io.microcosm.gateway.GatewayMetrics;
import io.microcosm.gateway.GatewayServer;
import io.microcosm.gateway.RateLimiter;
import io.microcosm.language.DeterministicInterpreter;
import java.time.Clock;
import java.time.Duration;
import io.microcosm.entity.EntitySettings;
import io.microcosm.entity.TickClock;
import io.microcosm.location.LocationEntity;
import io.microcosm.persistence.H2Schema;
import io.microcosm.player.PlayerEntity;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import io.microcosm.world.WorldSource;
import java.nio.file.Path;

/** One Microcosm node: the actor system, cluster membership, the sharded entities and health routes. */
public final class Node {

  private Node() {}

  /** Loads and validates the configured world. */
  public static World loadWorld(Config config) {
    String name = config.getString("microcosm.world");
    String dir = config.getString("microcosm.world-dir");
    return dir.isBlank()
        ? WorldLoader.load(name)
        : WorldLoader.load(name, WorldSource.directory(Path.of(dir)));
  }

  /**
   * Prepares the journal, starts the actor system and registers every entity kind with sharding,
   * so entities can be addressed as soon as this returns. The node joins its cluster by the configured
   * formation: the seed nodes, Cluster Bootstrap on Kubernetes, or, with no seed nodes, itself alone.
   */
  public static ActorSystem<Void> start(Config config, World world) {
    return start(config, world, TickClock.wallClock(config.getDuration("microcosm.tick-interval")));
  }

  /**
   * Like {@link #start(Config, World)}, with the world's time kept by {@code ticks} instead of the
   * wall clock at {@code microcosm.tick-interval} (a benchmark runs it faster).
   */
  public static ActorSystem<Void> start(Config config, World world, TickClock ticks) {
    if (config.getString("microcosm.journal").equals("h2")) {
      H2Schema.ensure(config);
    }
    Tokens.requireSafeSecret(config);
    EntitySettings settings = EntitySettings.fromConfig(config);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "microcosm", config);
    if (config.getString("microcosm.journal").equals("cassandra")) {
      // Start the journal and snapshot store now rather than on the first command, so that on a fresh
      // keyspace the tables are made while the node starts, not while players are waiting.
      akka.persistence.Persistence persistence = akka.persistence.Persistence.get(Adapter.toClassic(system));
      persistence.journalFor("", ConfigFactory.empty());
      persistence.snapshotStoreFor("", ConfigFactory.empty());
    }
    Cluster cluster = Cluster.get(system);
    if (config.getString("microcosm.cluster.formation").equals("kubernetes")) {
      // Finds the other pods through the Kubernetes API and joins them, or forms the cluster with them.
      ClusterBootstrap.get(system).start();
    } else if (config.getStringList("akka.cluster.seed-nodes").isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    ClusterSharding sharding = ClusterSharding.get(system);
    LocationEntity.init(sharding, world, settings, ticks);
    CreatureEntity.init(sharding, world, settings, ticks);
    PlayerEntity.init(sharding, world, settings, ticks);
    AccountEntity.init(sharding, settings, AuthSettings.fromConfig(config));
    return system;
  }

  /**
   * Starts the player gateway on {@code microcosm.http}: accounts (creating the bootstrap admin if
   * configured), limits, moderation, {@code /ws/play}, {@code /api} and {@code /metrics}. On
   * shutdown the players connected here are told to reconnect before the node leaves the cluster.
   */
  public static ServerBinding startGateway(ActorSystem<Void> system, Config config, World world) {
    ClusterSharding sharding = ClusterSharding.get(system);
    Accounts accounts = Accounts.create(system, sharding, EntitySettings.fromConfig(config), AuthSettings.fromConfig(config));
    bootstrapAdmin(system, accounts, 10);
    Clock clock = Clock.systemUTC();
    Gateway gateway = new Gateway(system, config, world, new DeterministicInterpreter(world), RateLimiter.forCommands(config, clock),
        ChatModeration.fromConfig(config, clock), new GatewayMetrics());
    AccountsGateway auth = new AccountsGateway(accounts);
    Duration tick = config.getDuration("microcosm.tick-interval");
    GatewayServer server = new GatewayServer(system, gateway, auth, auth, TickClock.wallClock(tick), tick,
        RateLimiter.forConnections(config, clock));
    ServerBinding binding = server.bind(config).toCompletableFuture().join();
    server.stopOnShutdown(binding, Duration.ofSeconds(3));
    return binding;
  }

  /**
   * Creates the configured admin account. The first entity a fresh node starts (on Cassandra, with a
   * cluster still settling) may answer after the ask timeout, so a timeout is retried a few times;
   * the steps are idempotent, so a late success is found by the next attempt.
   */
  private static void bootstrapAdmin(ActorSystem<Void> system, Accounts accounts, int attempts) {
    accounts.bootstrapAdmin().whenCompleteAsync((result, failure) -> {
      Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (failure == null) {
        system.log().info("Bootstrap admin: {}", result);
      } else if (cause instanceof java.util.concurrent.TimeoutException && attempts > 1) {
        system.log().warn("The bootstrap admin account is not set up yet ({}); trying again in 2 s", cause.getMessage());
        system.scheduler().scheduleOnce(Duration.ofSeconds(2), () -> bootstrapAdmin(system, accounts, attempts - 1),
            system.executionContext());
      } else {
        system.log().error("The bootstrap admin account could not be set up: {}", cause.getMessage());
      }
    }, Runnable::run);
  }

  /** Starts akka-management (health and cluster routes) and returns its base URL. */
  public static String startManagement(ActorSystem<Void> system) throws Exception {
    String uri = AkkaManagement.get(system).start().toCompletableFuture().get().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }
}
