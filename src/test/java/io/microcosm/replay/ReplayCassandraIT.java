package io.microcosm.replay;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.microcosm.persistence.CassandraPort;
import java.util.List;
import java.util.UUID;

/**
 * The replay tool on the cluster journal: akka-persistence-cassandra on a real Cassandra, which the
 * build starts with {@code scripts/cassandra.sh} before the integration tests and stops after them.
 */
class ReplayCassandraIT extends ReplayContract {

  /** A keyspace of its own per test, so no other run's or test's events are replayed. */
  @Override
  Config freshStore() {
    String keyspace = "microcosm_replay_" + UUID.randomUUID().toString().substring(0, 8);
    return ConfigFactory.empty()
        .withValue("microcosm.journal", ConfigValueFactory.fromAnyRef("cassandra"))
        .withValue("microcosm.cassandra.keyspace", ConfigValueFactory.fromAnyRef(keyspace))
        .withValue("microcosm.cassandra.contact-points",
            ConfigValueFactory.fromIterable(List.of("127.0.0.1:" + CassandraPort.get())));
  }
}
