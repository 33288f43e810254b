package io.microcosm.replay;

import akka.NotUsed;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.PersistenceQuery;
import akka.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import akka.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import akka.persistence.query.javadsl.ReadJournal;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.entity.TickClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads the journal the node's configuration names (H2 or Cassandra) through Akka Persistence Query:
 * {@code currentPersistenceIds}, then {@code currentEventsByPersistenceId} for each entity. It runs
 * an actor system of its own (local, no cluster, no ports), so it can read while nodes run.
 *
 * <p>On H2 a running node holds the database file. The reader opens the file read-only when it is
 * free, and reads a copy of it when it is held (or when asked to): H2's store survives a crash at
 * any moment, so a copy taken while the node writes reads like the journal at a recent instant.
 */
public final class JournalReader implements AutoCloseable {

  /** What the consumer of {@link #readAll} is told: an entity's events in order, then its end. */
  public interface Visitor {
    void event(JournalEvent event);

    /** All events of {@code persistenceId} were given; at most {@code parallelism} entities are open at once. */
    default void entityDone(String persistenceId) {}
  }

  /** How to open the journal. */
  public record Options(boolean copy, int parallelism, boolean progress) {
    public static final Options DEFAULT = new Options(false, 2, true);

    public Options {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
      }
    }
  }

  private static final String H2_FILE_NAME = "microcosm.mv.db";
  /** H2's error code for a database file held by another process. */
  private static final int H2_DATABASE_ALREADY_OPEN = 90020;

  private final ActorSystem<Void> system;
  private final CurrentPersistenceIdsQuery ids;
  private final CurrentEventsByPersistenceIdQuery events;
  private final Duration tickInterval;
  private final Options options;
  private final Path copyDir;
  private final String description;

  private JournalReader(
      ActorSystem<Void> system, ReadJournal journal, Duration tickInterval, Options options, Path copyDir,
      String description) {
    this.system = system;
    this.tickInterval = tickInterval;
    this.options = options;
    this.copyDir = copyDir;
    this.description = description;
    if (!(journal instanceof CurrentPersistenceIdsQuery i) || !(journal instanceof CurrentEventsByPersistenceIdQuery e)) {
      system.terminate();
      throw new ReplayException("the read journal " + journal.getClass().getName()
          + " does not offer currentPersistenceIds and currentEventsByPersistenceId");
    }
    this.ids = i;
    this.events = e;
  }

  /**
   * Opens the journal that {@code nodeConfig} (as loaded by {@link MicrocosmConfig}) points at.
   *
   * @param notes where to say what was opened and how (a copy, read-only)
   * @throws ReplayException if there is no journal there or it cannot be opened
   */
  public static JournalReader open(Config nodeConfig, Options options, Consumer<String> notes) {
    String journal = nodeConfig.getString("microcosm.journal");
    Config overrides = ConfigFactory.parseString("""
        akka.actor.provider = local
        akka.coordinated-shutdown.exit-jvm = off
        akka.coordinated-shutdown.run-by-jvm-shutdown-hook = off
        akka.loglevel = WARNING
        akka.loglevel = ${?MICROCOSM_REPLAY_AKKA_LOGLEVEL}
        """);
    Path copyDir = null;
    String description;
    if (journal.equals("h2")) {
      Path file = MicrocosmConfig.dataDir(nodeConfig).resolve(H2_FILE_NAME);
      if (!Files.isRegularFile(file)) {
        throw new ReplayException("There is no H2 journal at " + file
            + ". Point MICROCOSM_DATA_DIR (or --data-dir) at the directory holding " + H2_FILE_NAME + ".");
      }
      Path read = file;
      boolean copy = options.copy();
      if (!copy && heldByAnotherProcess(file)) {
        notes.accept("The journal " + file + " is in use by a running node: reading a copy taken now "
            + "(events written from now on are not included).");
        copy = true;
      }
      if (copy) {
        copyDir = copyOf(file);
        read = copyDir.resolve(H2_FILE_NAME);
        description = "H2 file " + file + " (a copy)";
      } else {
        description = "H2 file " + file;
      }
      overrides = ConfigFactory.empty()
          .withValue("akka-persistence-jdbc.shared-databases.slick.db.url", ConfigValueFactory.fromAnyRef(h2Url(read, !copy)))
          .withFallback(overrides);
    } else {
      description = "Cassandra " + nodeConfig.getStringList("microcosm.cassandra.contact-points")
          + " keyspace " + nodeConfig.getString("microcosm.cassandra.keyspace");
    }
    int buffer = nodeConfig.getInt("microcosm.replay.max-buffer-size");
    overrides = ConfigFactory.parseMap(java.util.Map.of(
            "jdbc-read-journal.max-buffer-size", buffer,
            "akka.persistence.cassandra.query.max-buffer-size", buffer))
        .withFallback(overrides);
    Config config = overrides.withFallback(nodeConfig).resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "microcosm-replay", config);
    try {
      ReadJournal readJournal = PersistenceQuery.get(system)
          .getReadJournalFor(ReadJournal.class, nodeConfig.getString("microcosm.read-journal"));
      return new JournalReader(system, readJournal, nodeConfig.getDuration("microcosm.tick-interval"), options, copyDir,
          description);
    } catch (RuntimeException e) {
      system.terminate();
      deleteCopy(copyDir);
      throw new ReplayException("Cannot open the journal (" + description + "): " + e.getMessage(), e);
    }
  }

  /** Read-only unless it is a private copy: a reader must never change the journal. */
  static String h2Url(Path file, boolean readOnly) {
    String base = file.toAbsolutePath().toString();
    base = base.substring(0, base.length() - ".mv.db".length());
    return "jdbc:h2:file:" + base + ";DB_CLOSE_ON_EXIT=FALSE" + (readOnly ? ";ACCESS_MODE_DATA=r" : "");
  }

  private static boolean heldByAnotherProcess(Path file) {
    try (Connection c = DriverManager.getConnection(h2Url(file, true), "sa", "")) {
      return false;
    } catch (SQLException e) {
      if (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
        return true;
      }
      throw new ReplayException("Cannot open the H2 journal " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path copyOf(Path file) {
    try {
      Path dir = Files.createTempDirectory("microcosm-replay-");
      Files.copy(file, dir.resolve(H2_FILE_NAME), StandardCopyOption.COPY_ATTRIBUTES);
      return dir;
    } catch (IOException e) {
      throw new ReplayException("Cannot copy the H2 journal " + file + " to read it: " + e.getMessage(), e);
    }
  }

  private static void deleteCopy(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the journal copy in " + dir, e);
    }
  }

  /** The store read, for messages: "H2 file ...", "Cassandra [...] keyspace ...". */
  public String description() {
    return description;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public Duration tickInterval() {
    return tickInterval;
  }

  /** Every persistence id in the journal, sorted. */
  public List<String> persistenceIds() {
    return await(ids.currentPersistenceIds().runWith(Sink.seq(), system)).stream().sorted().toList();
  }

  /** One entity's events, in order; empty when the journal has none for it. */
  public Source<JournalEvent, NotUsed> events(String persistenceId) {
    String[] parts = JournalEvent.split(persistenceId);
    return events.currentEventsByPersistenceId(persistenceId, 0L, Long.MAX_VALUE)
        .map(envelope -> toJournalEvent(parts, envelope));
  }

  public boolean hasEvents(String persistenceId) {
    return !await(events(persistenceId).take(1).runWith(Sink.seq(), system)).isEmpty();
  }

  /** One entity's events, in order, collected. */
  public List<JournalEvent> eventsOf(String persistenceId) {
    return await(events(persistenceId).runWith(Sink.seq(), system));
  }

  /**
   * Gives every event of the entities {@code include} accepts to {@code visitor}, entity after
   * entity ({@link Options#parallelism} read at once, their events interleaved, each entity's in
   * order), with progress on stderr when asked.
   *
   * @return how many events were read
   */
  public long readAll(Predicate<String> include, Visitor visitor, String what) {
    List<String> entities = persistenceIds().stream().filter(include).toList();
    Progress progress = new Progress(what, entities.size(), options.progress());
    Source<Object, NotUsed> items = Source.from(entities).flatMapMerge(options.parallelism(), pid ->
        events(pid).map(e -> (Object) e).concat(Source.single(new EntityEnd(pid))).async());
    await(items.runWith(Sink.foreach(item -> {
      if (item instanceof JournalEvent e) {
        progress.event();
        visitor.event(e);
      } else {
        EntityEnd end = (EntityEnd) item;
        progress.entityDone();
        visitor.entityDone(end.persistenceId());
      }
    }), system));
    progress.finish();
    return progress.events();
  }

  private record EntityEnd(String persistenceId) {}

  private JournalEvent toJournalEvent(String[] parts, EventEnvelope envelope) {
    Object event = envelope.event();
    long ownTick = EventFields.tick(event);
    boolean derived = ownTick < 0;
    long tick = derived ? Math.floorDiv(envelope.timestamp() - TickClock.EPOCH.toEpochMilli(), tickInterval.toMillis()) : ownTick;
    return new JournalEvent(envelope.persistenceId(), parts[0], parts[1], envelope.sequenceNr(), envelope.timestamp(),
        EventFields.lamport(event), EventFields.commandId(event), tick, derived, event);
  }

  private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ReplayException("Reading the journal failed: " + cause, cause);
    }
  }

  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new ReplayException("The replay's actor system did not stop within 30 s: " + e, e);
    } finally {
      deleteCopy(copyDir);
    }
  }
}
