package io.microcosm.readside;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.microcosm.persistence.CassandraPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read side on the cluster store: projections with at-least-once offsets and idempotent rows in
 * a real Cassandra, which the build starts before the integration tests.
 */
class CassandraReadSideIT extends ReadSideContract {

  @TempDir
  Path dataDir;
  /** A keyspace of its own per test, so earlier data cannot make a test pass. */
  private String keyspace;

  @BeforeEach
  void keyspace(TestInfo test) {
    keyspace = "microcosm_rs_" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  Config storeConfig() {
    return ConfigFactory.parseString("""
            akka.persistence.cassandra.events-by-tag.eventual-consistency-delay = 1s
            akka.persistence.cassandra.query.refresh-interval = 200ms
            """)
        .withValue("microcosm.journal", ConfigValueFactory.fromAnyRef("cassandra"))
        .withValue("microcosm.data-dir", ConfigValueFactory.fromAnyRef(dataDir.toString()))
        .withValue("microcosm.cassandra.keyspace", ConfigValueFactory.fromAnyRef(keyspace))
        .withValue("microcosm.cassandra.contact-points",
            ConfigValueFactory.fromIterable(List.of("127.0.0.1:" + CassandraPort.get())));
  }

  @Override
  Duration catchUp() {
    return Duration.ofSeconds(60);
  }
}
