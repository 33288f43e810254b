package io.microcosm.clock;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.typed.ClusterSingleton;
import akka.cluster.typed.SingletonActor;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.RetentionCriteria;
import io.microcosm.entity.CborSerializable;
import io.microcosm.entity.TickClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The world's clock: one per cluster (a cluster singleton), persisted. Every {@code interval} it
 * reads the time base (ticks since {@link TickClock#EPOCH}, the same numbers entities count their
 * durations in), persists how far the world has now advanced, and tells every zone which ticks have
 * passed, so a zone always gets each tick exactly once and in order.
 *
 * <p>It never goes back: after a restart (or when the singleton moves to a node whose clock runs
 * behind) it resumes from the last tick it persisted and holds until the time base passes it. Time
 * that passed while no node ran arrives as one range, which the zones catch up on.
 */
public final class WorldClock
    extends EventSourcedBehaviorWithEnforcedReplies<WorldClock.Command, WorldClock.Event, WorldClock.State> {

  public static final String SINGLETON_NAME = "world-clock";

  /** Where the clock's ticks go: to every zone, in production. Called after the advance is persisted. */
  @FunctionalInterface
  public interface TickListener {
    /** Ticks {@code fromTick} to {@code toTick} (inclusive) have passed. */
    void ticked(long fromTick, long toTick);
  }

  // ---- protocol --------------------------------------------------------------------------------

  public sealed interface Command extends CborSerializable permits Advance, GetTime {}

  /** Reads the time base and moves the world forward to it; the clock's own timer sends this. */
  public record Advance(ActorRef<AdvanceReply> replyTo) implements Command {}

  public record GetTime(ActorRef<TimeView> replyTo) implements Command {}

  public sealed interface AdvanceReply extends CborSerializable permits Advanced, Held {}

  public record Advanced(long fromTick, long toTick) implements AdvanceReply {}

  /** Nothing to do: the time base has not passed {@code tick}, the last tick announced. */
  public record Held(long tick) implements AdvanceReply {}

  /**
   * The world's time: the last tick announced, what it means on the calendar, and each zone's
   * conditions (weather and world events).
   */
  public record TimeView(long tick, WorldTime time, Map<String, Conditions> zones, long tickMillis)
      implements CborSerializable {}

  // ---- events and state ------------------------------------------------------------------------

  public sealed interface Event extends CborSerializable permits TicksPassed {}

  /** The world advanced from {@code fromTick} to {@code toTick} (inclusive). */
  public record TicksPassed(long fromTick, long toTick) implements Event {}

  /** @param tick the last tick announced; -1 before the first */
  public record State(long tick) implements CborSerializable {}

  // ---- behaviour -------------------------------------------------------------------------------

  private final TickClock timeBase;
  private final Almanac almanac;
  private final Set<String> zones;
  private final TickListener listener;
  private final Duration interval;
  private final int snapshotEvery;

  private WorldClock(
      String worldName, TickClock timeBase, Almanac almanac, Set<String> zones, TickListener listener,
      Duration interval, int snapshotEvery) {
    super(PersistenceId.of("WorldClock", worldName));
    this.timeBase = timeBase;
    this.almanac = almanac;
    this.zones = Set.copyOf(zones);
    this.listener = listener;
    this.interval = interval;
    this.snapshotEvery = snapshotEvery;
  }

  /**
   * The clock's behaviour. With a positive {@code interval} it advances itself on a timer; with
   * {@link Duration#ZERO} only when sent {@link Advance} (tests drive it so, without waiting).
   */
  public static Behavior<Command> create(
      String worldName, TickClock timeBase, Almanac almanac, Set<String> zones, TickListener listener,
      Duration interval, int snapshotEvery) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("the clock's interval may not be negative, was " + interval);
    }
    Behavior<Command> clock = new WorldClock(worldName, timeBase, almanac, zones, listener, interval, snapshotEvery);
    if (interval.isZero()) {
      return clock;
    }
    return Behaviors.withTimers(timers -> Behaviors.setup(ctx -> {
      timers.startTimerWithFixedDelay("advance", new Advance(ctx.getSystem().ignoreRef()), interval);
      return clock;
    }));
  }

  /** Starts the singleton on this node (if it may run here) and returns a reference that finds it wherever it runs. */
  public static ActorRef<Command> init(ActorSystem<?> system, Behavior<Command> clock) {
    return ClusterSingleton.get(system).init(SingletonActor.of(
        Behaviors.supervise(clock).onFailure(SupervisorStrategy.restartWithBackoff(
            Duration.ofMillis(200), Duration.ofSeconds(10), 0.2)), SINGLETON_NAME));
  }

  @Override
  public State emptyState() {
    return new State(-1);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    // Only the latest tick matters (the zones keep the world's history): older events go with each snapshot.
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of("clock");
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Advance.class, this::onAdvance)
        .onCommand(GetTime.class, (state, cmd) -> Effect().reply(cmd.replyTo(), view(state)))
        .build();
  }

  private ReplyEffect<Event, State> onAdvance(State state, Advance cmd) {
    long now = timeBase.now();
    if (now <= state.tick()) {
      return Effect().reply(cmd.replyTo(), new Held(state.tick()));
    }
    // A new world starts at the current tick rather than replaying every tick since the epoch.
    long from = state.tick() < 0 ? now : state.tick() + 1;
    TicksPassed passed = new TicksPassed(from, now);
    return Effect().persist(passed)
        .thenRun(after -> listener.ticked(from, now))
        .thenReply(cmd.replyTo(), after -> new Advanced(from, now));
  }

  private TimeView view(State state) {
    return viewAt(Math.max(0, state.tick()), almanac, zones, interval);
  }

  /** The world's time at {@code tick} as the almanac tells it. */
  public static TimeView viewAt(long tick, Almanac almanac, Set<String> zones, Duration interval) {
    Map<String, Conditions> byZone = new LinkedHashMap<>();
    for (String zone : zones.stream().sorted().toList()) {
      byZone.put(zone, almanac.conditions(zone, tick));
    }
    return new TimeView(tick, almanac.time(tick), byZone, interval.toMillis());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(TicksPassed.class, (s, e) -> new State(Math.max(s.tick(), e.toTick())))
        .build();
  }
}
