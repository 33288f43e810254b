package io.microcosm.readside;

import java.util.List;
import java.util.Optional;

/**
 * Where the read models live: H2 tables beside the embedded journal, or Cassandra tables beside
 * the cluster journal. Rows are keyed so that writing one again is harmless, and each carries the
 * sequence number of the last event of its source entity that changed it, so an event delivered a
 * second time (after a restart of an at-least-once projection) is recognised and skipped.
 */
public interface ReadModelStore extends AutoCloseable {

  /**
   * A player as the read side knows it: where it is (presence) and what it has achieved (leaderboard).
   *
   * @param location null before it entered the world
   * @param seq the sequence number of the player's latest event applied here
   */
  record PlayerRow(
      String name, String location, int level, long exp, long kills, long crafts, long gathered, long deaths, long seq,
      long updatedAt) {}

  /**
   * A creature that has fought at least once (the others are alive at their home, as the world says).
   *
   * @param respawnAt when dead, the tick it comes back
   */
  record CreatureRow(String id, String location, boolean dead, long respawnAt, String killedBy, long seq) {}

  /** Units of one item on one location's ground, once anything was taken or dropped there. */
  record GroundRow(String location, String item, int quantity, long seq) {}

  /**
   * Something notable that happened.
   *
   * @param id stable: the source event's persistence id and sequence number, and what it noted
   * @param at when the source event was written, in epoch milliseconds
   * @param type {@code level_up}, {@code rare_loot}, {@code death}, {@code quest}, {@code help} or {@code reflection}
   * @param player the player it is about, or null (an NPC's reflection)
   * @param subject an item id (rare loot), the quest, the NPC helped or reflecting, or null
   * @param amount the new level, the units found, the experience earned, or 0
   */
  record FeedEntry(
      String id, long at, long tick, String type, String player, String location, String subject, int amount,
      String text) {}

  /** Reads and writes rows within one unit of work (a transaction on H2, a batch of statements on Cassandra). */
  interface Rows {
    Optional<PlayerRow> player(String name) throws Exception;

    Optional<CreatureRow> creature(String id) throws Exception;

    Optional<GroundRow> ground(String location, String item) throws Exception;

    void save(PlayerRow row) throws Exception;

    void save(CreatureRow row) throws Exception;

    void save(GroundRow row) throws Exception;

    void save(FeedEntry entry) throws Exception;
  }

  List<PlayerRow> players() throws Exception;

  List<CreatureRow> creatures() throws Exception;

  List<GroundRow> ground() throws Exception;

  /** Entries written after {@code sinceMillis} (exclusive), oldest first, at most {@code limit}. */
  List<FeedEntry> feedSince(long sinceMillis, int limit) throws Exception;

  /** The newest {@code limit} entries, oldest first. */
  List<FeedEntry> feedLatest(int limit) throws Exception;

  @Override
  void close();
}
