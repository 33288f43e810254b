package io.microcosm.entity;

import akka.persistence.typed.PersistenceId;
import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Set;

/**
 * Settings every entity kind shares, from {@code microcosm.entity} in the configuration.
 *
 * @param snapshotEvery a snapshot after this many events bounds recovery time
 * @param keepSnapshots how many snapshots to keep (older events and snapshots are kept too)
 * @param dedupWindow how many recent command ids each entity remembers for retries
 * @param tagSlices events of each kind are tagged {@code kind-0 .. kind-(n-1)}; fixed once a journal
 *     exists, since projections read by tag
 * @param askTimeout how long an entity waits for another entity's answer in a two-step capability
 * @param hashShards number of shards for entities placed by hash (players, accounts)
 */
public record EntitySettings(
    int snapshotEvery, int keepSnapshots, int dedupWindow, int tagSlices, Duration askTimeout, int hashShards) {

  public EntitySettings {
    requireAtLeast("snapshot-every", snapshotEvery, 1);
    requireAtLeast("keep-snapshots", keepSnapshots, 1);
    requireAtLeast("dedup-window", dedupWindow, 1);
    requireAtLeast("tag-slices", tagSlices, 1);
    requireAtLeast("hash-shards", hashShards, 1);
    if (askTimeout.isNegative() || askTimeout.isZero()) {
      throw new IllegalArgumentException("microcosm.entity.ask-timeout must be positive, was " + askTimeout);
    }
  }

  public static EntitySettings fromConfig(Config config) {
    Config c = config.getConfig("microcosm.entity");
    return new EntitySettings(
        c.getInt("snapshot-every"),
        c.getInt("keep-snapshots"),
        c.getInt("dedup-window"),
        c.getInt("tag-slices"),
        c.getDuration("ask-timeout"),
        c.getInt("hash-shards"));
  }

  public ShardRouting routing() {
    return new ShardRouting(hashShards);
  }

  /** The tag an entity's events carry: its kind and its slice, e.g. {@code player-2}. */
  public Set<String> tagsFor(EntityKind kind, PersistenceId persistenceId) {
    return Set.of(kind.tagPrefix() + "-" + Math.floorMod(persistenceId.id().hashCode(), tagSlices));
  }

  private static void requireAtLeast(String key, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException("microcosm.entity." + key + " must be >= " + min + ", was " + value);
    }
  }
}
