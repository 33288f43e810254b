package io.microcosm.readside;

import akka.japi.function.Function;
import akka.projection.jdbc.JdbcSession;
import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.microcosm.persistence.H2Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The read models as tables in the embedded H2 database, beside the journal and the projections'
 * offsets, so a projection writes its rows and its offset in one transaction (exactly once). It has
 * a small connection pool of its own ({@code microcosm.readside.jdbc-connections}).
 */
final class JdbcReadModelStore implements ReadModelStore {

  static final String SCRIPT = "db/h2-readside.sql";

  private final HikariDataSource pool;

  private JdbcReadModelStore(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Creates the tables if needed and opens the pool on the journal's database. */
  static JdbcReadModelStore open(Config config, int connections) {
    H2Schema.ensure(config, SCRIPT);
    Config db = config.getConfig("akka-persistence-jdbc.shared-databases.slick.db");
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("microcosm-readside");
    hikari.setJdbcUrl(db.getString("url"));
    hikari.setUsername(db.getString("user"));
    hikari.setPassword(db.getString("password"));
    hikari.setMaximumPoolSize(connections);
    hikari.setMinimumIdle(1);
    return new JdbcReadModelStore(new HikariDataSource(hikari));
  }

  /** A transaction for one projection step: its rows and its offset commit together. */
  Session newSession() {
    try {
      Connection connection = pool.getConnection();
      connection.setAutoCommit(false);
      return new Session(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("The read side cannot get a connection to the journal database: " + e.getMessage(), e);
    }
  }

  static final class Session implements JdbcSession {
    private final Connection connection;

    Session(Connection connection) {
      this.connection = connection;
    }

    @Override
    public <R> R withConnection(Function<Connection, R> func) throws Exception {
      return func.apply(connection);
    }

    @Override
    public void commit() throws SQLException {
      connection.commit();
    }

    @Override
    public void rollback() throws SQLException {
      connection.rollback();
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }

  /** Row access inside a projection's transaction. */
  static ReadModelStore.Rows rows(Connection c) {
    return new ReadModelStore.Rows() {
      @Override
      public Optional<PlayerRow> player(String name) throws SQLException {
        return one(c, "SELECT * FROM readside_players WHERE name = ?", JdbcReadModelStore::player, name);
      }

      @Override
      public Optional<CreatureRow> creature(String id) throws SQLException {
        return one(c, "SELECT * FROM readside_creatures WHERE id = ?", JdbcReadModelStore::creature, id);
      }

      @Override
      public Optional<GroundRow> ground(String location, String item) throws SQLException {
        return one(c, "SELECT * FROM readside_ground WHERE location = ? AND item = ?", JdbcReadModelStore::ground,
            location, item);
      }

      @Override
      public void save(PlayerRow r) throws SQLException {
        update(c, "MERGE INTO readside_players (name, location, level, exp, kills, crafts, gathered, deaths, seq, updated_at)"
                + " KEY (name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            r.name(), r.location(), r.level(), r.exp(), r.kills(), r.crafts(), r.gathered(), r.deaths(), r.seq(),
            r.updatedAt());
      }

      @Override
      public void save(CreatureRow r) throws SQLException {
        update(c, "MERGE INTO readside_creatures (id, location, dead, respawn_at, killed_by, seq) KEY (id)"
            + " VALUES (?, ?, ?, ?, ?, ?)", r.id(), r.location(), r.dead(), r.respawnAt(), r.killedBy(), r.seq());
      }

      @Override
      public void save(GroundRow r) throws SQLException {
        update(c, "MERGE INTO readside_ground (location, item, quantity, seq) KEY (location, item) VALUES (?, ?, ?, ?)",
            r.location(), r.item(), r.quantity(), r.seq());
      }

      @Override
      public void save(FeedEntry e) throws SQLException {
        update(c, "MERGE INTO readside_feed (id, written_at, tick, kind, player, location, subject, amount, line) KEY (id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            e.id(), e.at(), e.tick(), e.type(), e.player(), e.location(), e.subject(), e.amount(), e.text());
      }
    };
  }

  @Override
  public List<PlayerRow> players() throws SQLException {
    return query("SELECT * FROM readside_players ORDER BY name", JdbcReadModelStore::player);
  }

  @Override
  public List<CreatureRow> creatures() throws SQLException {
    return query("SELECT * FROM readside_creatures ORDER BY id", JdbcReadModelStore::creature);
  }

  @Override
  public List<GroundRow> ground() throws SQLException {
    return query("SELECT * FROM readside_ground ORDER BY location, item", JdbcReadModelStore::ground);
  }

  @Override
  public List<FeedEntry> feedSince(long sinceMillis, int limit) throws SQLException {
    return query("SELECT * FROM readside_feed WHERE written_at > ? ORDER BY written_at, id LIMIT ?", JdbcReadModelStore::feed,
        sinceMillis, limit);
  }

  @Override
  public List<FeedEntry> feedLatest(int limit) throws SQLException {
    List<FeedEntry> newestFirst = query("SELECT * FROM readside_feed ORDER BY written_at DESC, id DESC LIMIT ?",
        JdbcReadModelStore::feed, limit);
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Override
  public void close() {
    pool.close();
  }

  // ---- plumbing ----

  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, RowReader<T> reader, Object... params) throws SQLException {
    try (Connection c = pool.getConnection()) {
      return all(c, sql, reader, params);
    }
  }

  private static <T> Optional<T> one(Connection c, String sql, RowReader<T> reader, Object... params) throws SQLException {
    List<T> rows = all(c, sql, reader, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private static <T> List<T> all(Connection c, String sql, RowReader<T> reader, Object... params) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, params); ResultSet rs = statement.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(reader.read(rs));
      }
      return rows;
    }
  }

  private static void update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = prepare(c, sql, params)) {
      statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement statement = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      statement.setObject(i + 1, params[i]);
    }
    return statement;
  }

  private static PlayerRow player(ResultSet rs) throws SQLException {
    return new PlayerRow(rs.getString("name"), rs.getString("location"), rs.getInt("level"), rs.getLong("exp"),
        rs.getLong("kills"), rs.getLong("crafts"), rs.getLong("gathered"), rs.getLong("deaths"), rs.getLong("seq"),
        rs.getLong("updated_at"));
  }

  private static CreatureRow creature(ResultSet rs) throws SQLException {
    return new CreatureRow(rs.getString("id"), rs.getString("location"), rs.getBoolean("dead"), rs.getLong("respawn_at"),
        rs.getString("killed_by"), rs.getLong("seq"));
  }

  private static GroundRow ground(ResultSet rs) throws SQLException {
    return new GroundRow(rs.getString("location"), rs.getString("item"), rs.getInt("quantity"), rs.getLong("seq"));
  }

  private static FeedEntry feed(ResultSet rs) throws SQLException {
    return new FeedEntry(rs.getString("id"), rs.getLong("written_at"), rs.getLong("tick"), rs.getString("kind"),
        rs.getString("player"), rs.getString("location"), rs.getString("subject"), rs.getInt("amount"),
        rs.getString("line"));
  }
}
