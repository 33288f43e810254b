package io.microcosm.persistence;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Creates the embedded journal's tables before the actor system touches them. Any failure stops the
 * start with the statement and the database's own message: a half-created schema would otherwise
 * surface later as confusing write errors.
 */
public final class H2Schema {

  static final String SCRIPT = "db/h2-schema.sql";

  private H2Schema() {}

  /** @throws JournalStartException naming the database and what went wrong */
  public static void ensure(Config config) {
    ensure(config, SCRIPT);
  }

  /**
   * Runs the idempotent statements of the SQL script {@code script} (a classpath resource) on the
   * journal's database.
   *
   * @throws JournalStartException naming the database and what went wrong
   */
  public static void ensure(Config config, String script) {
    Config db = config.getConfig("akka-persistence-jdbc.shared-databases.slick.db");
    String url = db.getString("url");
    List<String> statements = statements(script);
    try (Connection connection = DriverManager.getConnection(url, db.getString("user"), db.getString("password"));
         Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        try {
          statement.execute(sql);
        } catch (SQLException e) {
          throw new JournalStartException("Could not create the journal schema in " + url + ": " + e.getMessage()
              + "\nStatement: " + sql, e);
        }
      }
    } catch (SQLException e) {
      throw new JournalStartException("Could not open the journal database " + url + ": " + e.getMessage()
          + (e.getMessage() != null && e.getMessage().contains("locked")
              ? "\nAnother Microcosm node may be using the same data directory." : ""), e);
    }
  }

  static List<String> statements(String script) {
    try (InputStream in = H2Schema.class.getClassLoader().getResourceAsStream(script)) {
      if (in == null) {
        throw new JournalStartException(script + " is missing from the classpath", null);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String withoutComments = text.lines().filter(l -> !l.trim().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
      return Arrays.stream(withoutComments.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new JournalStartException("Cannot read " + script, e);
    }
  }
}
