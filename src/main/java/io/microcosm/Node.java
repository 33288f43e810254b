package io.microcosm;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.management.javadsl.AkkaManagement;
import com.typesafe.config.Config;
import io.microcosm.creature.CreatureEntity;
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
   * so entities can be addressed as soon as this returns. With no seed nodes configured the node
   * forms a cluster of one by joining itself.
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
    EntitySettings settings = EntitySettings.fromConfig(config);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "microcosm", config);
    Cluster cluster = Cluster.get(system);
    if (config.getStringList("akka.cluster.seed-nodes").isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    ClusterSharding sharding = ClusterSharding.get(system);
    LocationEntity.init(sharding, world, settings, ticks);
    CreatureEntity.init(sharding, world, settings, ticks);
    PlayerEntity.init(sharding, world, settings, ticks);
    return system;
  }

  /** Starts akka-management (health and cluster routes) and returns its base URL. */
  public static String startManagement(ActorSystem<Void> system) throws Exception {
    String uri = AkkaManagement.get(system).start().toCompletableFuture().get().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }
}
