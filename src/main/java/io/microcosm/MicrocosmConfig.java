package io.microcosm;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Loads the configuration: {@code application.conf}, then environment variables and system
 * properties, then the journal profile named by {@code microcosm.journal} and the cluster formation
 * named by {@code microcosm.cluster.formation}.
 */
public final class MicrocosmConfig {

  public static final List<String> JOURNALS = List.of("h2", "cassandra");
  public static final List<String> FORMATIONS = List.of("seed-nodes", "kubernetes");

  private MicrocosmConfig() {}

  public static Config load() {
    return load(ConfigFactory.empty());
  }

  /** @param overrides wins over everything else (tests and tools use it) */
  public static Config load(Config overrides) {
    Config resolved = overrides
        .withFallback(ConfigFactory.defaultOverrides())
        .withFallback(environment(System.getenv()))
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
    String journal = resolved.getString("microcosm.journal");
    if (!JOURNALS.contains(journal)) {
      throw new IllegalArgumentException(
          "microcosm.journal (MICROCOSM_JOURNAL) is '" + journal + "'; expected one of: " + String.join(", ", JOURNALS));
    }
    String formation = resolved.getString("microcosm.cluster.formation");
    if (!FORMATIONS.contains(formation)) {
      throw new IllegalArgumentException("microcosm.cluster.formation (MICROCOSM_CLUSTER_FORMATION) is '" + formation
          + "'; expected one of: " + String.join(", ", FORMATIONS));
    }
    if (formation.equals("kubernetes") && !resolved.getStringList("akka.cluster.seed-nodes").isEmpty()) {
      throw new IllegalArgumentException("microcosm.cluster.formation is 'kubernetes', which finds the other nodes through "
          + "Cluster Bootstrap, but seed nodes are configured too (akka.cluster.seed-nodes / MICROCOSM_SEED_NODES): "
          + "use one or the other.");
    }
    Config withJournal = resolved.getConfig("microcosm.journals." + journal)
        .withFallback(resolved.getConfig("microcosm.formations." + formation))
        .withFallback(resolved);
    if (journal.equals("h2")) {
      withJournal = ConfigFactory.parseMap(Map.of("akka-persistence-jdbc.shared-databases.slick.db.url", h2Url(withJournal)))
          .withFallback(withJournal);
    }
    return withJournal;
  }

  /** The H2 file database under the data directory; H2 wants an absolute path. */
  public static String h2Url(Config config) {
    Path file = dataDir(config).resolve("microcosm");
    // DB_CLOSE_ON_EXIT=FALSE: the journal closes the database during coordinated shutdown, not H2's own hook.
    return "jdbc:h2:file:" + file + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  public static Path dataDir(Config config) {
    return Path.of(config.getString("microcosm.data-dir")).toAbsolutePath().normalize();
  }

  /** Settings the environment gives that HOCON's {@code ${?VAR}} cannot express (lists). */
  static Config environment(Map<String, String> env) {
    Config config = ConfigFactory.empty();
    config = withList(config, env, "MICROCOSM_CASSANDRA_CONTACT_POINTS", "microcosm.cassandra.contact-points");
    config = withList(config, env, "MICROCOSM_BLOCKED_WORDS", "microcosm.moderation.blocked-words");
    config = withList(config, env, "MICROCOSM_SEED_NODES", "akka.cluster.seed-nodes");
    return config;
  }

  private static Config withList(Config config, Map<String, String> env, String variable, String key) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return config;
    }
    List<String> list = Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    return config.withValue(key, ConfigValueFactory.fromIterable(list));
  }
}
