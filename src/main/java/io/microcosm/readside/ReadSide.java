package io.microcosm.readside;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.Extension;
import akka.actor.typed.ExtensionId;
import akka.cluster.sharding.typed.ShardedDaemonProcessSettings;
import akka.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import akka.cluster.typed.Cluster;
import akka.persistence.cassandra.query.javadsl.CassandraReadJournal;
import akka.persistence.query.Offset;
import akka.persistence.query.PersistenceQuery;
import akka.projection.Projection;
import akka.projection.ProjectionBehavior;
import akka.projection.ProjectionId;
import akka.projection.cassandra.javadsl.CassandraProjection;
import akka.projection.eventsourced.EventEnvelope;
import akka.projection.eventsourced.javadsl.EventSourcedProvider;
import akka.projection.javadsl.Handler;
import akka.projection.javadsl.SourceProvider;
import akka.projection.jdbc.javadsl.JdbcHandler;
import akka.projection.jdbc.javadsl.JdbcProjection;
import akka.stream.alpakka.cassandra.javadsl.CassandraSessionRegistry;
import com.typesafe.config.Config;
import io.microcosm.entity.EntityKind;
import io.microcosm.entity.EntitySettings;
import io.microcosm.entity.TickClock;
import io.microcosm.world.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import scala.concurrent.ExecutionContextExecutor;
import org.slf4j.LoggerFactory;

/**
 * The read side of a node: Akka Projections from the journal's events by tag into the read models
 * (presence, leaderboard, activity feed) and telemetry. There is one projection per tag slice of
 * players, locations, creatures and NPCs ({@code player-0} .. {@code npc-3}); ShardedDaemonProcess
 * keeps each running on exactly one node of the cluster and moves it when that node leaves. Their
 * offsets are kept in the journal's store: on H2 in the same transaction as the read models'
 * rows (exactly once), on Cassandra after the rows are written (at least once, made harmless by
 * idempotent rows; see {@link ReadModelUpdate}).
 *
 * <p>An actor-system extension, so the gateway finds the queries of its node with {@link #get}.
 */
public final class ReadSide implements Extension {

  private static final Logger log = LoggerFactory.getLogger(ReadSide.class);

  /** The kinds whose events are projected. */
  public static final List<EntityKind> KINDS = List.of(EntityKind.PLAYER, EntityKind.LOCATION, EntityKind.CREATURE, EntityKind.NPC);

  /** The projections' name in ShardedDaemonProcess and in every ProjectionId. */
  public static final String NAME = "readside";

  public static final ExtensionId<ReadSide> ID = new ExtensionId<>() {
    @Override
    public ReadSide createExtension(ActorSystem<?> system) {
      return new ReadSide();
    }
  };

  private final List<ProjectionListener> listeners = new CopyOnWriteArrayList<>();
  private volatile ReadModelQueries queries;
  private volatile String unavailable = "The read side is turned off on this node (microcosm.readside.enabled).";

  private ReadSide() {}

  public static ReadSide get(ActorSystem<?> system) {
    return system.registerExtension(ID);
  }

  /** The read models' queries, once the read side has started on this node. */
  public Optional<ReadModelQueries> queries() {
    return Optional.ofNullable(queries);
  }

  /** Why {@link #queries} is empty, in a sentence for a client. */
  public String unavailableReason() {
    return unavailable;
  }

  public void addListener(ProjectionListener listener) {
    listeners.add(listener);
  }

  public void removeListener(ProjectionListener listener) {
    listeners.remove(listener);
  }

  /** The tags projected: every kind of {@link #KINDS} times every slice. */
  public static List<String> tags(EntitySettings entity) {
    List<String> tags = new ArrayList<>();
    for (EntityKind kind : KINDS) {
      for (int slice = 0; slice < entity.tagSlices(); slice++) {
        tags.add(kind.tagPrefix() + "-" + slice);
      }
    }
    return tags;
  }

  /** The projection id of the projection of {@code tag}. */
  public static ProjectionId projectionId(String tag) {
    return ProjectionId.of(NAME, tag);
  }

  /**
   * Starts the read side when {@code microcosm.readside.enabled} is on: creates its tables (on H2
   * at once, failing the start loudly; on Cassandra in the background), starts telemetry and
   * registers the projections with ShardedDaemonProcess.
   */
  public static void start(ActorSystem<?> system, Config config, World world, EntitySettings entity, TickClock ticks) {
    ReadSideSettings settings = ReadSideSettings.fromConfig(config);
    if (!settings.enabled()) {
      log.info("The read side is off (microcosm.readside.enabled); no projections run on this node");
      return;
    }
    ReadSide readSide = get(system);
    readSide.unavailable = "The read side is still starting; try again in a moment.";
    ExecutionContextExecutor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    readSide.startTelemetry(system, config, settings, blocking);
    String readJournal = config.getString("microcosm.read-journal");
    if (config.getString("microcosm.journal").equals("h2")) {
      JdbcReadModelStore store = JdbcReadModelStore.open(config, settings.jdbcConnections());
      closeOnShutdown(system, "readside-store", store);
      readSide.queries = new ReadModelQueries(store, world, ticks, settings, blocking);
      readSide.runProjections(system, entity, tag -> readSide.jdbcProjection(system, readJournal, tag, store, world, settings));
    } else {
      // The session is shared by config path, and only the one who opens it first may set it up:
      // the journal's read journal opens it so that the journal's keyspace and tables are created.
      PersistenceQuery.get(system).getReadJournalFor(CassandraReadJournal.class, readJournal);
      readSide.startOnCassandra(system, config, world, entity, ticks, settings, blocking, 1);
    }
  }

  /** How long a read side that could not reach Cassandra waits before it tries again. */
  static final Duration CASSANDRA_RETRY = Duration.ofSeconds(5);

  /**
   * Creates the tables if configured, then runs the projections. Cassandra may be slow to answer
   * schema changes, or not up yet: the read side tries again until it succeeds.
   */
  private void startOnCassandra(
      ActorSystem<?> system, Config config, World world, EntitySettings entity, TickClock ticks,
      ReadSideSettings settings, ExecutionContextExecutor blocking, int attempt) {
    String keyspace = config.getString("microcosm.cassandra.keyspace");
    boolean createSchema = config.getBoolean("microcosm.cassandra.create-schema");
    String readJournal = config.getString("microcosm.read-journal");
    CassandraSessionRegistry.get(system).sessionFor(config.getString("akka.projection.cassandra.session-config-path"))
        .underlying()
        .thenComposeAsync(session -> (createSchema
            ? CassandraProjection.createTablesIfNotExists(system)
            : CompletableFuture.completedFuture(Done.getInstance()))
            .thenApplyAsync(done -> CassandraReadModelStore.open(session, keyspace, createSchema), blocking), blocking)
        .whenCompleteAsync((store, failure) -> {
          if (failure != null) {
            if (system.getWhenTerminated().toCompletableFuture().isDone()) {
              return;
            }
            unavailable = "The read side is waiting for Cassandra: " + failure.getMessage();
            log.warn("The read side cannot start on Cassandra keyspace {} yet (attempt {}): {}; trying again in {} s",
                keyspace, attempt, failure.toString(), CASSANDRA_RETRY.toSeconds());
            system.scheduler().scheduleOnce(CASSANDRA_RETRY,
                () -> startOnCassandra(system, config, world, entity, ticks, settings, blocking, attempt + 1), blocking);
            return;
          }
          queries = new ReadModelQueries(store, world, ticks, settings, blocking);
          runProjections(system, entity,
              tag -> cassandraProjection(system, readJournal, tag, store, world, settings, blocking));
        }, blocking);
  }

  /**
   * Registers the projections after {@code start-delay}: a node that has just started serves its
   * players first (its entities recover, accounts are set up), and the projections then catch up
   * from their offsets.
   */
  private void runProjections(
      ActorSystem<?> system, EntitySettings entity, Function<String, Projection<EventEnvelope<Object>>> projection) {
    Duration delay = system.settings().config().getDuration("microcosm.readside.start-delay");
    system.scheduler().scheduleOnce(delay, () -> initProjections(system, entity, projection), system.executionContext());
  }

  private void initProjections(
      ActorSystem<?> system, EntitySettings entity, Function<String, Projection<EventEnvelope<Object>>> projection) {
    List<String> tags = tags(entity);
    ShardedDaemonProcess.get(system).init(ProjectionBehavior.Command.class, NAME, tags.size(),
        i -> ProjectionBehavior.create(projection.apply(tags.get(i))), ShardedDaemonProcessSettings.create(system),
        Optional.of(ProjectionBehavior.stopMessage()));
    log.info("Read side: {} projections ({}) over {}", tags.size(), String.join(", ", tags),
        system.settings().config().getString("microcosm.journal"));
  }

  private Projection<EventEnvelope<Object>> jdbcProjection(
      ActorSystem<?> system, String readJournal, String tag, JdbcReadModelStore store, World world,
      ReadSideSettings settings) {
    SourceProvider<Offset, EventEnvelope<Object>> source = EventSourcedProvider.eventsByTag(system, readJournal, tag);
    if (settings.batchSize() == 1) {
      return JdbcProjection.exactlyOnce(projectionId(tag), source, store::newSession,
          () -> new JdbcHandler<EventEnvelope<Object>, JdbcReadModelStore.Session>() {
            @Override
            public void process(JdbcReadModelStore.Session session, EventEnvelope<Object> envelope) throws Exception {
              applyInTransaction(tag, session, List.of(envelope), world, settings);
            }
          }, system);
    }
    return JdbcProjection.groupedWithin(projectionId(tag), source, store::newSession,
            () -> new JdbcHandler<List<EventEnvelope<Object>>, JdbcReadModelStore.Session>() {
              @Override
              public void process(JdbcReadModelStore.Session session, List<EventEnvelope<Object>> envelopes)
                  throws Exception {
                applyInTransaction(tag, session, envelopes, world, settings);
              }
            }, system)
        .withGroup(settings.batchSize(), settings.batchWithin());
  }

  private void applyInTransaction(
      String tag, JdbcReadModelStore.Session session, List<EventEnvelope<Object>> envelopes, World world,
      ReadSideSettings settings) throws Exception {
    session.withConnection(connection -> {
      apply(new ReadModelUpdate(world, settings.rareLootPercent(), JdbcReadModelStore.rows(connection)), envelopes);
      return Done.getInstance();
    });
    tell(tag, envelopes);
  }

  private Projection<EventEnvelope<Object>> cassandraProjection(
      ActorSystem<?> system, String readJournal, String tag, CassandraReadModelStore store, World world,
      ReadSideSettings settings, Executor blocking) {
    SourceProvider<Offset, EventEnvelope<Object>> source = EventSourcedProvider.eventsByTag(system, readJournal, tag);
    return CassandraProjection.groupedWithin(projectionId(tag), source,
            () -> new Handler<List<EventEnvelope<Object>>>() {
              @Override
              public CompletionStage<Done> process(List<EventEnvelope<Object>> envelopes) {
                CompletableFuture<Done> done = new CompletableFuture<>();
                blocking.execute(() -> {
                  try {
                    apply(new ReadModelUpdate(world, settings.rareLootPercent(), store.rows()), envelopes);
                    tell(tag, envelopes);
                    done.complete(Done.getInstance());
                  } catch (Exception e) {
                    done.completeExceptionally(e);
                  }
                });
                return done;
              }
            })
        .withGroup(settings.batchSize(), settings.batchWithin());
  }

  private static void apply(ReadModelUpdate update, List<EventEnvelope<Object>> envelopes) throws Exception {
    for (EventEnvelope<Object> e : envelopes) {
      update.apply(e.persistenceId(), e.sequenceNr(), e.event(), e.timestamp());
    }
    update.flush();
  }

  private void tell(String tag, List<EventEnvelope<Object>> envelopes) {
    for (ProjectionListener listener : listeners) {
      try {
        listener.projected(tag, envelopes);
      } catch (RuntimeException e) {
        log.warn("A read-side listener failed on {} events of {}: {}", envelopes.size(), tag, e.toString());
      }
    }
  }

  private void startTelemetry(
      ActorSystem<?> system, Config config, ReadSideSettings settings, ExecutionContextExecutor blocking) {
    ReadSideSettings.Telemetry t = settings.telemetry();
    if (t.sink().equals("off")) {
      return;
    }
    Duration tick = config.getDuration("microcosm.tick-interval");
    Telemetry telemetry = new Telemetry(TelemetrySink.of(t), tick, t.settleTicks(),
        Cluster.get(system).selfMember().address().toString(), System::currentTimeMillis);
    addListener(telemetry);
    var flushing = system.scheduler().scheduleWithFixedDelay(tick, tick, telemetry::flushSettled, blocking);
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "readside-telemetry",
        () -> {
          flushing.cancel();
          removeListener(telemetry);
          telemetry.close();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    log.info("Telemetry: one line per tick to {}", switch (t.sink()) {
      case "file" -> t.file().toString();
      case "tcp" -> "tcp://" + t.tcpHost() + ":" + t.tcpPort();
      default -> t.sink();
    });
  }

  private static void closeOnShutdown(ActorSystem<?> system, String name, AutoCloseable resource) {
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), name, () -> {
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("Closing {} failed: {}", name, e.toString());
      }
      return CompletableFuture.completedFuture(Done.getInstance());
    });
  }
}
