package io.microcosm.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.UUID;

/**
 * The game on the cluster journal: akka-persistence-cassandra on a real Cassandra, which the build
 * starts with {@code scripts/cassandra.sh} before the integration tests and stops after them.
 */
class CassandraJournalIT extends JournalContract {

  /** A keyspace of its own per run, so earlier runs' data cannot make a test pass. */
  private static final String KEYSPACE = "microcosm_it_" + UUID.randomUUID().toString().substring(0, 8);

  @Override
  Config storeConfig() {
    return ConfigFactory.empty()
        .withValue("microcosm.journal", ConfigValueFactory.fromAnyRef("cassandra"))
        .withValue("microcosm.cassandra.keyspace", ConfigValueFactory.fromAnyRef(KEYSPACE))
        .withValue("microcosm.cassandra.contact-points", ConfigValueFactory.fromIterable(List.of("127.0.0.1:" + CassandraPort.get())));
  }
}
