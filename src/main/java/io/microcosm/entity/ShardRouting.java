package io.microcosm.entity;

import akka.cluster.sharding.ConsistentHashingShardAllocationStrategy;
import akka.cluster.sharding.typed.ShardingEnvelope;
import akka.cluster.sharding.typed.ShardingMessageExtractor;
import akka.cluster.sharding.typed.javadsl.Entity;
import java.util.regex.Pattern;

/**
 * The one place that decides which shard an entity lives in.
 *
 * <p>World entity ids are {@code zone.local[.more]} (for example {@code vale.square},
 * {@code vale.wolf.3}); their shard id is the zone, so all of a zone's locations, NPCs and creatures
 * are in one shard on one node and talk locally. A zone's own id is just the zone. Players and
 * accounts shard by a stable hash of their id over a fixed number of shards.
 *
 * <p>A zone's locations, creatures, NPCs and the zone itself are four entity kinds, so four shard
 * regions, each with its own coordinator; the shard id alone would not keep them together. Kinds
 * placed by zone therefore allocate shards by consistent hashing of the shard id over the cluster's
 * members, which puts the shard {@code vale} of every kind on the same node, and moves them together
 * when members come and go.
 */
public final class ShardRouting {

  private static final Pattern WORLD_ID = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9][a-z0-9_-]*)*");

  private final int hashShards;

  public ShardRouting(int hashShards) {
    if (hashShards < 1) {
      throw new IllegalArgumentException("hash shard count must be >= 1, was " + hashShards);
    }
    this.hashShards = hashShards;
  }

  public static boolean isWorldId(String id) {
    return id != null && WORLD_ID.matcher(id).matches();
  }

  /** The zone a world entity belongs to: the part of its id before the first dot. */
  public static String zoneOf(String worldEntityId) {
    if (!isWorldId(worldEntityId)) {
      throw new IllegalArgumentException(
          "'" + worldEntityId + "' is not a world entity id: expected zone.name with lower-case letters, digits, '_' or '-'");
    }
    int dot = worldEntityId.indexOf('.');
    return dot < 0 ? worldEntityId : worldEntityId.substring(0, dot);
  }

  public String shardId(EntityKind kind, String entityId) {
    return switch (kind.placement()) {
      case BY_ZONE -> zoneOf(entityId);
      // String.hashCode is specified by the language, so every node and version agrees on it.
      case BY_HASH -> kind.tagPrefix() + "-" + Math.floorMod(entityId.hashCode(), hashShards);
    };
  }

  public <M> ShardingMessageExtractor<ShardingEnvelope<M>, M> extractor(EntityKind kind) {
    return new ShardingMessageExtractor<>() {
      @Override
      public String entityId(ShardingEnvelope<M> envelope) {
        return envelope.entityId();
      }

      @Override
      public String shardId(String entityId) {
        return ShardRouting.this.shardId(kind, entityId);
      }

      @Override
      public M unwrapMessage(ShardingEnvelope<M> envelope) {
        return envelope.message();
      }
    };
  }

  /** How many shards of a zone-placed kind may move in one rebalance round. */
  private static final int REBALANCE_LIMIT = 2;

  /** {@code entity} with the message extractor of {@code kind}, and for zone-placed kinds the allocation that keeps a zone together. */
  public <M> Entity<M, ShardingEnvelope<M>> placed(Entity<M, ShardingEnvelope<M>> entity, EntityKind kind) {
    Entity<M, ShardingEnvelope<M>> routed = entity.withMessageExtractor(extractor(kind));
    return kind.placement() == EntityKind.Placement.BY_ZONE
        ? routed.withAllocationStrategy(new ConsistentHashingShardAllocationStrategy(REBALANCE_LIMIT))
        : routed;
  }
}
