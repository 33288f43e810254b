package io.microcosm.persistence;

import akka.persistence.AtomicWrite;
import akka.persistence.jdbc.journal.JdbcAsyncWriteJournal;
import com.typesafe.config.Config;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/** The H2 (JDBC) journal, each write timed into {@link JournalWrites}. Configured as {@code jdbc-journal.class}. */
public final class TimedJdbcJournal extends JdbcAsyncWriteJournal {

  public TimedJdbcJournal(Config config) {
    super(config);
  }

  @Override
  public Future<Seq<Try<BoxedUnit>>> asyncWriteMessages(Seq<AtomicWrite> messages) {
    return JournalWrites.timed("h2", super.asyncWriteMessages(messages));
  }
}
