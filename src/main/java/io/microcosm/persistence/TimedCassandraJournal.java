package io.microcosm.persistence;

import akka.persistence.AtomicWrite;
import akka.persistence.cassandra.journal.CassandraJournal;
import com.typesafe.config.Config;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * The Cassandra journal, each write timed into {@link JournalWrites}. Configured as
 * {@code akka.persistence.cassandra.journal.class}. The plugin marks its journal class internal;
 * this only wraps the one write method every journal plugin has, and the Cassandra integration
 * tests run through it.
 */
public final class TimedCassandraJournal extends CassandraJournal {

  public TimedCassandraJournal(Config config, String configPath) {
    super(config, configPath);
  }

  @Override
  public Future<Seq<Try<BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
    return JournalWrites.timed("cassandra", super.asyncWriteMessages(messages));
  }
}
