package io.microcosm;

import akka.actor.typed.ActorSystem;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import io.microcosm.persistence.JournalStartException;
import io.microcosm.world.World;
import io.microcosm.world.WorldValidationException;
import akka.http.javadsl.ServerBinding;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts one node with the configuration from {@code application.conf} and the environment. */
public final class Main {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    Config config;
    World world;
    ActorSystem<Void> system;
    try {
      config = MicrocosmConfig.load();
      world = Node.loadWorld(config);
      system = Node.start(config, world);
    } catch (WorldValidationException | JournalStartException | IllegalArgumentException | IllegalStateException e) {
      log.error("Microcosm cannot start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    String management;
    try {
      management = Node.startManagement(system);
    } catch (Exception e) {
      log.error("Microcosm cannot start its management routes on {}:{}: {}",
          config.getString("microcosm.management.host"), config.getInt("microcosm.management.port"), e.getMessage());
      system.terminate();
      System.exit(1);
      return;
    }
    String play;
    try {
      ServerBinding binding = Node.startGateway(system, config, world);
      InetSocketAddress address = binding.localAddress();
      play = address.getHostString() + ":" + address.getPort();
    } catch (RuntimeException e) {
      log.error("Microcosm cannot serve players on {}:{}: {}", config.getString("microcosm.http.host"),
          config.getInt("microcosm.http.port"), e.getMessage());
      system.terminate();
      System.exit(1);
      return;
    }
    String journal = config.getString("microcosm.journal");
    String store = journal.equals("h2")
        ? "H2 file " + MicrocosmConfig.dataDir(config).resolve("microcosm.mv.db")
        : "Cassandra " + config.getStringList("microcosm.cassandra.contact-points")
            + " keyspace " + config.getString("microcosm.cassandra.keyspace");
    log.info("Microcosm node up: world '{}' ({} zones, {} locations, {} items, {} recipes, {} creatures), start at {}",
        world.title(), world.zones().size(), world.locations().size(), world.items().size(), world.recipes().size(),
        world.creatures().size(), world.start());
    log.info("Journal: {}", store);
    log.info("Cluster member {}", Cluster.get(system).selfMember().address());
    log.info("Health: {}ready and {}alive; members: {}cluster/members", management, management, management);
    log.info("Play: scripts/play --register --port {} <name>   (WebSocket ws://{}/ws/play, API http://{}/api/openapi.yaml, "
        + "metrics http://{}/metrics)", play.substring(play.lastIndexOf(':') + 1), play, play, play);
    log.info("Stop with Ctrl-C (or SIGTERM): the node leaves the cluster and closes the journal cleanly.");
  }
}
