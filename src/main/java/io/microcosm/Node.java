package io.microcosm;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
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
import akka.actor.typed.ActorRef;
import io.microcosm.clock.Almanac;
import io.microcosm.clock.WorldClock;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.creature.CreatureHabits;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.ShardRouting;
import io.microcosm.zone.CreatureResidents;
import io.microcosm.zone.LocationResidents;
import io.microcosm.zone.NpcResidents;
import io.microcosm.zone.Residents;
import io.microcosm.zone.ZoneEntity;
import io.microcosm.zone.ZoneSettings;
import java.util.List;
import io.microcosm.gateway.AccountsGateway;
import io.microcosm.gateway.ChatModeration;
import io.microcosm.gateway.EntityCensus;
import io.microcosm.gateway.Gateway;
import io.microcosm.gateway.GatewayMetrics;
import io.microcosm.gateway.GatewayServer;
import io.microcosm.gateway.WorldTimeSource;
import akka.actor.typed.javadsl.AskPattern;
import java.util.concurrent.CompletableFuture;
import io.microcosm.gateway.RateLimiter;
import io.microcosm.language.DeterministicInterpreter;
import java.time.Clock;
import java.time.Duration;
import io.microcosm.entity.EntitySettings;
import io.microcosm.entity.TickClock;
import io.microcosm.location.Crowds;
import io.microcosm.location.LocationEntity;
import io.microcosm.npc.NpcEntity;
import io.microcosm.persistence.H2Schema;
import io.microcosm.player.PlayerEntity;
import io.microcosm.readside.ReadSide;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import io.microcosm.world.WorldSource;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    Almanac almanac = Almanac.fromConfig(config, world);
    LocationEntity.init(sharding, world, settings, ticks, almanac, (location, players) ->
        sharding.entityRefFor(ZoneEntity.ENTITY_KEY, ShardRouting.zoneOf(location))
            .tell(new ZoneEntity.PlayersAt(CommandMeta.fresh(location), location, players)), Crowds.fromConfig(config),
        NpcEntity.onlookers(id -> sharding.entityRefFor(NpcEntity.ENTITY_KEY, id)));
    CreatureEntity.init(sharding, world, settings, ticks, (player, assault) ->
        sharding.entityRefFor(PlayerEntity.ENTITY_KEY, player).tell(new PlayerEntity.Ambush(assault.meta(), assault,
            system.ignoreRef())), almanac, CreatureHabits.fromConfig(config));
    PlayerEntity.init(sharding, world, settings, ticks);
    NpcEntity.init(sharding, world, settings, NpcEntity.settingsFrom(config), almanac);
    AccountEntity.init(sharding, settings, AuthSettings.fromConfig(config));
    // What each zone ticks: a new kind of resident is one more entry here.
    List<Residents> residents = List.of(
        new LocationResidents(world, id -> sharding.entityRefFor(LocationEntity.ENTITY_KEY, id)),
        new CreatureResidents(world, id -> sharding.entityRefFor(CreatureEntity.ENTITY_KEY, id)),
        new NpcResidents(world, id -> sharding.entityRefFor(NpcEntity.ENTITY_KEY, id), system));
    ZoneEntity.init(sharding, world, settings, almanac, ZoneSettings.fromConfig(config), residents);
    if (config.getBoolean("microcosm.clock.enabled")) {
      worldClock(system, config, world, ticks);
    }
    ReadSide.start(system, config, world, settings, ticks);
    return system;
  }

  /**
   * The world clock: started on this node if the singleton may run here, and in any case a reference
   * that reaches it wherever it runs. Calling this again returns the same reference.
   */
  public static ActorRef<WorldClock.Command> worldClock(ActorSystem<?> system, Config config, World world, TickClock ticks) {
    ClusterSharding sharding = ClusterSharding.get(system);
    WorldClock.TickListener toZones = (from, to) -> {
      for (String zone : world.zones().keySet()) {
        sharding.entityRefFor(ZoneEntity.ENTITY_KEY, zone).tell(
            new ZoneEntity.Tick(new CommandMeta(ZoneEntity.pulseId(zone, to), "clock", 0), from, to));
      }
    };
    return WorldClock.init(system, WorldClock.create(world.name(), ticks, Almanac.fromConfig(config, world),
        world.zones().keySet(), toZones, config.getDuration("microcosm.tick-interval"),
        EntitySettings.fromConfig(config).snapshotEvery()));
  }

  /**
   * Starts the player gateway on {@code microcosm.http}: accounts (creating the bootstrap admin if
   * configured), limits, moderation, {@code /ws/play}, {@code /api} and {@code /metrics}. On
   * shutdown the players connected here are told to reconnect before the node leaves the cluster.
   */
  public static ServerBinding startGateway(ActorSystem<Void> system, Config config, World world) {
    ClusterSharding sharding = ClusterSharding.get(system);
    Accounts accounts = Accounts.create(system, sharding, EntitySettings.fromConfig(config), AuthSettings.fromConfig(config));
    bootstrapAdmin(system, accounts);
    Clock clock = Clock.systemUTC();
    GatewayMetrics metrics = new GatewayMetrics();
    Gateway gateway = new Gateway(system, config, world, new DeterministicInterpreter(world), RateLimiter.forCommands(config, clock),
        ChatModeration.fromConfig(config, clock), metrics);
    system.systemActorOf(EntityCensus.create(sharding, List.of(PlayerEntity.ENTITY_KEY, LocationEntity.ENTITY_KEY,
            CreatureEntity.ENTITY_KEY, AccountEntity.ENTITY_KEY, ZoneEntity.ENTITY_KEY, NpcEntity.ENTITY_KEY), metrics,
        config.getDuration("microcosm.gateway.census-interval")), "entity-census", Props.empty());
    AccountsGateway auth = new AccountsGateway(accounts);
    GatewayServer server = new GatewayServer(system, gateway, auth, auth, worldTime(system, config, world),
        RateLimiter.forConnections(config, clock));
    ServerBinding binding = server.bind(config).toCompletableFuture().join();
    server.stopOnShutdown(binding, Duration.ofSeconds(3));
    return binding;
  }

  /**
   * Sets up the configured admin account before the gateway opens, so the admin can log in as soon
   * as the node says where to connect. A freshly started node may take a while to answer its first
   * asks (sharding and the journal warm up), so an attempt that times out is repeated, six at most.
   */
  private static void bootstrapAdmin(ActorSystem<Void> system, Accounts accounts) {
    for (int attempt = 1; ; attempt++) {
      try {
        system.log().info("Bootstrap admin: {}", accounts.bootstrapAdmin().toCompletableFuture().get(30, TimeUnit.SECONDS));
        return;
      } catch (ExecutionException | TimeoutException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof IllegalArgumentException || attempt == 6) {
          system.log().error("The bootstrap admin account could not be set up: {}", cause.getMessage());
          return;
        }
        system.log().warn("Setting up the bootstrap admin failed (attempt {} of 6), retrying: {}", attempt, cause.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while setting up the bootstrap admin", e);
      }
    }
  }

  /** The world clock's answer, or the almanac's at the wall clock's tick when the clock is switched off. */
  private static WorldTimeSource worldTime(ActorSystem<?> system, Config config, World world) {
    Duration interval = config.getDuration("microcosm.tick-interval");
    TickClock ticks = TickClock.wallClock(interval);
    if (!config.getBoolean("microcosm.clock.enabled")) {
      Almanac almanac = Almanac.fromConfig(config, world);
      return () -> CompletableFuture.completedFuture(
          WorldClock.viewAt(ticks.now(), almanac, world.zones().keySet(), interval));
    }
    ActorRef<WorldClock.Command> clock = worldClock(system, config, world, ticks);
    Duration timeout = config.getDuration("microcosm.gateway.ask-timeout");
    return () -> AskPattern.ask(clock, WorldClock.GetTime::new, timeout, system.scheduler());
  }

  /** Starts akka-management (health and cluster routes) and returns its base URL. */
  public static String startManagement(ActorSystem<Void> system) throws Exception {
    String uri = AkkaManagement.get(system).start().toCompletableFuture().get().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }
}
