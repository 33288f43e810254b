package io.microcosm.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorSystem;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import io.microcosm.Node;
import io.microcosm.entity.TickClock;
import io.microcosm.world.World;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A whole node started in the test's JVM on a store, stopped and started again as a restart is. */
public final class SingleNode {

  private SingleNode() {}

  /** Starts a node ({@code ticks} null: the node's own clock) and waits until it is an Up member of its cluster of one. */
  public static ActorSystem<Void> startUp(Config config, World world, TickClock ticks, Duration timeout) {
    ActorSystem<Void> system = ticks == null ? Node.start(config, world) : Node.start(config, world, ticks);
    Cluster cluster = Cluster.get(system);
    TestProbe.create(system).awaitAssert(timeout, () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status(), "the node is up");
      return null;
    });
    return system;
  }

  /** Terminates the node (null: nothing to do) and waits for it; returns null to clear the caller's field. */
  public static ActorSystem<Void> stop(ActorSystem<Void> system) {
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
    return null;
  }
}
