package io.microcosm.readside;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The read models as Cassandra tables in the journal's keyspace. Projections on Cassandra are
 * at-least-once: every write is an upsert keyed by what it describes, and rows remember the last
 * event applied to them, so events delivered again after a restart change nothing. Reads and
 * writes are at LOCAL_QUORUM so a projection always reads back what it wrote before.
 *
 * <p>The feed is partitioned by day (UTC) of the event's write time.
 */
final class CassandraReadModelStore implements ReadModelStore {

  /** Schema changes wait for every replica to agree, which takes longer than the driver's 2 s default. */
  static final java.time.Duration SCHEMA_TIMEOUT = java.time.Duration.ofSeconds(30);

  /** How many days back the feed is searched. */
  static final int FEED_DAYS = 31;

  private final CqlSession session;
  private final PreparedStatement selectPlayer;
  private final PreparedStatement selectCreature;
  private final PreparedStatement selectGround;
  private final PreparedStatement insertPlayer;
  private final PreparedStatement insertCreature;
  private final PreparedStatement insertGround;
  private final PreparedStatement insertFeed;
  private final PreparedStatement selectPlayers;
  private final PreparedStatement selectCreatures;
  private final PreparedStatement selectAllGround;
  private final PreparedStatement feedSince;
  private final PreparedStatement feedLatest;

  private CassandraReadModelStore(CqlSession session, String ks) {
    this.session = session;
    selectPlayer = session.prepare("SELECT * FROM " + ks + ".readside_players WHERE name = ?");
    selectCreature = session.prepare("SELECT * FROM " + ks + ".readside_creatures WHERE id = ?");
    selectGround = session.prepare("SELECT * FROM " + ks + ".readside_ground WHERE location = ? AND item = ?");
    insertPlayer = session.prepare("INSERT INTO " + ks + ".readside_players (name, location, level, exp, kills, crafts,"
        + " gathered, deaths, seq, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insertCreature = session.prepare("INSERT INTO " + ks + ".readside_creatures (id, location, dead, respawn_at, killed_by,"
        + " seq) VALUES (?, ?, ?, ?, ?, ?)");
    insertGround = session.prepare("INSERT INTO " + ks + ".readside_ground (location, item, quantity, seq) VALUES (?, ?, ?, ?)");
    insertFeed = session.prepare("INSERT INTO " + ks + ".readside_feed (bucket, written_at, id, tick, kind, player, location,"
        + " subject, amount, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    selectPlayers = session.prepare("SELECT * FROM " + ks + ".readside_players");
    selectCreatures = session.prepare("SELECT * FROM " + ks + ".readside_creatures");
    selectAllGround = session.prepare("SELECT * FROM " + ks + ".readside_ground");
    feedSince = session.prepare("SELECT * FROM " + ks + ".readside_feed WHERE bucket = ? AND written_at > ? LIMIT ?");
    feedLatest = session.prepare("SELECT * FROM " + ks + ".readside_feed WHERE bucket = ? ORDER BY written_at DESC LIMIT ?");
  }

  /**
   * @param createTables create the tables if missing (the keyspace must exist: the journal creates it
   *     when {@code microcosm.cassandra.create-schema} is on, and so does the projections' offset store)
   */
  static CassandraReadModelStore open(CqlSession session, String keyspace, boolean createTables) {
    if (createTables) {
      for (String ddl : List.of(
          "CREATE TABLE IF NOT EXISTS " + keyspace + ".readside_players (name text PRIMARY KEY, location text, level int,"
              + " exp bigint, kills bigint, crafts bigint, gathered bigint, deaths bigint, seq bigint, updated_at bigint)",
          "CREATE TABLE IF NOT EXISTS " + keyspace + ".readside_creatures (id text PRIMARY KEY, location text, dead boolean,"
              + " respawn_at bigint, killed_by text, seq bigint)",
          "CREATE TABLE IF NOT EXISTS " + keyspace + ".readside_ground (location text, item text, quantity int, seq bigint,"
              + " PRIMARY KEY (location, item))",
          "CREATE TABLE IF NOT EXISTS " + keyspace + ".readside_feed (bucket text, written_at bigint, id text, tick bigint,"
              + " kind text, player text, location text, subject text, amount int, line text,"
              + " PRIMARY KEY ((bucket), written_at, id))")) {
        session.execute(SimpleStatement.newInstance(ddl).setConsistencyLevel(ConsistencyLevel.ALL).setTimeout(SCHEMA_TIMEOUT));
      }
    }
    return new CassandraReadModelStore(session, keyspace);
  }

  /** Row access for one projection step; every write goes out at once. */
  ReadModelStore.Rows rows() {
    return new ReadModelStore.Rows() {
      @Override
      public Optional<PlayerRow> player(String name) {
        return one(selectPlayer.bind(name), CassandraReadModelStore::player);
      }

      @Override
      public Optional<CreatureRow> creature(String id) {
        return one(selectCreature.bind(id), CassandraReadModelStore::creature);
      }

      @Override
      public Optional<GroundRow> ground(String location, String item) {
        return one(selectGround.bind(location, item), CassandraReadModelStore::ground);
      }

      @Override
      public void save(PlayerRow r) {
        execute(insertPlayer.bind(r.name(), r.location(), r.level(), r.exp(), r.kills(), r.crafts(), r.gathered(),
            r.deaths(), r.seq(), r.updatedAt()));
      }

      @Override
      public void save(CreatureRow r) {
        execute(insertCreature.bind(r.id(), r.location(), r.dead(), r.respawnAt(), r.killedBy(), r.seq()));
      }

      @Override
      public void save(GroundRow r) {
        execute(insertGround.bind(r.location(), r.item(), r.quantity(), r.seq()));
      }

      @Override
      public void save(FeedEntry e) {
        execute(insertFeed.bind(bucket(e.at()), e.at(), e.id(), e.tick(), e.type(), e.player(), e.location(), e.subject(),
            e.amount(), e.text()));
      }
    };
  }

  @Override
  public List<PlayerRow> players() {
    return all(selectPlayers.bind(), CassandraReadModelStore::player);
  }

  @Override
  public List<CreatureRow> creatures() {
    return all(selectCreatures.bind(), CassandraReadModelStore::creature);
  }

  @Override
  public List<GroundRow> ground() {
    return all(selectAllGround.bind(), CassandraReadModelStore::ground);
  }

  @Override
  public List<FeedEntry> feedSince(long sinceMillis, int limit) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate day = day(sinceMillis);
    if (day.isBefore(today.minusDays(FEED_DAYS - 1))) {
      day = today.minusDays(FEED_DAYS - 1);
    }
    List<FeedEntry> entries = new ArrayList<>();
    for (; !day.isAfter(today) && entries.size() < limit; day = day.plusDays(1)) {
      entries.addAll(all(feedSince.bind(day.toString(), sinceMillis, limit - entries.size()), CassandraReadModelStore::feed));
    }
    return entries;
  }

  @Override
  public List<FeedEntry> feedLatest(int limit) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<FeedEntry> newestFirst = new ArrayList<>();
    for (int back = 0; back < FEED_DAYS && newestFirst.size() < limit; back++) {
      newestFirst.addAll(all(feedLatest.bind(today.minusDays(back).toString(), limit - newestFirst.size()),
          CassandraReadModelStore::feed));
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  /** The session belongs to the journal's session registry, which closes it. */
  @Override
  public void close() {}

  // ---- plumbing ----

  private void execute(BoundStatement statement) {
    session.execute(statement.setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM));
  }

  private <T> Optional<T> one(BoundStatement statement, Function<Row, T> reader) {
    Row row = session.execute(statement.setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM)).one();
    return row == null ? Optional.empty() : Optional.of(reader.apply(row));
  }

  private <T> List<T> all(BoundStatement statement, Function<Row, T> reader) {
    List<T> rows = new ArrayList<>();
    for (Row row : session.execute(statement.setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM))) {
      rows.add(reader.apply(row));
    }
    return rows;
  }

  static String bucket(long epochMillis) {
    return day(epochMillis).toString();
  }

  private static LocalDate day(long epochMillis) {
    return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
  }

  private static PlayerRow player(Row r) {
    return new PlayerRow(r.getString("name"), r.getString("location"), r.getInt("level"), r.getLong("exp"),
        r.getLong("kills"), r.getLong("crafts"), r.getLong("gathered"), r.getLong("deaths"), r.getLong("seq"),
        r.getLong("updated_at"));
  }

  private static CreatureRow creature(Row r) {
    return new CreatureRow(r.getString("id"), r.getString("location"), r.getBoolean("dead"), r.getLong("respawn_at"),
        r.getString("killed_by"), r.getLong("seq"));
  }

  private static GroundRow ground(Row r) {
    return new GroundRow(r.getString("location"), r.getString("item"), r.getInt("quantity"), r.getLong("seq"));
  }

  private static FeedEntry feed(Row r) {
    return new FeedEntry(r.getString("id"), r.getLong("written_at"), r.getLong("tick"), r.getString("kind"),
        r.getString("player"), r.getString("location"), r.getString("subject"), r.getInt("amount"), r.getString("line"));
  }
}
