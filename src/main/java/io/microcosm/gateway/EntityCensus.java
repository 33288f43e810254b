package io.microcosm.gateway;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.ShardRegion;
import akka.cluster.sharding.typed.GetShardRegionState;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import java.time.Duration;
import java.util.List;

/**
 * Counts the entities of each kind awake on this node, every {@code interval}, into
 * {@code microcosm_entities} on {@code /metrics}. Passivated entities are not counted: this is what
 * the node holds in memory, not what the journal knows.
 */
public final class EntityCensus {

  private record Count() {}

  private record Counted(String kind, ShardRegion.CurrentShardRegionState state) {}

  /** The region did not answer within the interval; the last count stands. */
  private record Missed(String kind) {}

  private EntityCensus() {}

  public static Behavior<Object> create(ClusterSharding sharding, List<EntityTypeKey<?>> kinds, GatewayMetrics metrics,
      Duration interval) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Count(), Duration.ZERO, interval);
      return Behaviors.receive(Object.class)
          .onMessage(Count.class, c -> {
            for (EntityTypeKey<?> kind : kinds) {
              context.ask(ShardRegion.CurrentShardRegionState.class, sharding.shardState(), interval,
                  replyTo -> new GetShardRegionState(kind, replyTo),
                  (state, failure) -> state == null ? new Missed(kind.name()) : new Counted(kind.name(), state));
            }
            return Behaviors.same();
          })
          .onMessage(Counted.class, c -> {
            metrics.entities(c.kind(), c.state().getShards().stream().mapToInt(s -> s.getEntityIds().size()).sum());
            return Behaviors.same();
          })
          .onMessage(Missed.class, m -> {
            context.getLog().debug("No census of {} entities this time: their region did not answer", m.kind());
            return Behaviors.same();
          })
          .build();
    }));
  }
}
