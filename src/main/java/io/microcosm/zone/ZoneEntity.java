package io.microcosm.zone;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.pubsub.Topic;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import io.microcosm.clock.Almanac;
import io.microcosm.clock.Conditions;
import io.microcosm.clock.Perturbation;
import io.microcosm.clock.Weather;
import io.microcosm.clock.WorldTime;
import io.microcosm.entity.CborSerializable;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.EntityBehaviors;
import io.microcosm.entity.EntityCommand;
import io.microcosm.entity.EntityKind;
import io.microcosm.entity.EntitySettings;
import io.microcosm.entity.Lamport;
import io.microcosm.location.LocationEntity;
import io.microcosm.world.World;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * A zone ({@code vale}): the director of one microcosm, sharded with its locations, creatures and
 * other residents so that it talks to them locally. The world clock tells it which ticks have
 * passed; it records and announces changes of weather and the world events beginning and ending
 * here, and passes the ticks on to its residents (see {@link Residents}).
 *
 * <p>Its locations tell it which players are where. While no player is in the zone, residents that
 * allow it are ticked only every {@code lod-every} ticks, and the moment a player arrives they catch
 * up on every tick since; so a world costs what its busy parts cost.
 */
public final class ZoneEntity
    extends EventSourcedBehaviorWithEnforcedReplies<ZoneEntity.Command, ZoneEntity.Event, ZoneEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, EntityKind.ZONE.typeName());

  // ---- protocol --------------------------------------------------------------------------------

  public sealed interface Command extends EntityCommand, CborSerializable permits Tick, PlayersAt, GetStatus {}

  /** Ticks {@code fromTick} to {@code toTick} (inclusive) have passed; sent by the world clock. */
  public record Tick(CommandMeta meta, long fromTick, long toTick) implements Command {}

  /** The players now at {@code location} (sent by the location whenever they change). */
  public record PlayersAt(CommandMeta meta, String location, List<String> players) implements Command {}

  public record GetStatus(CommandMeta meta, ActorRef<ZoneView> replyTo) implements Command {}

  /**
   * @param tick the last tick the zone was told of (-1 before the first)
   * @param players the players in the zone by location
   * @param livedThrough for each kind of resident, the last tick it was ticked to
   * @param residents how many residents of each kind live here
   */
  public record ZoneView(
      String zone, long tick, Weather weather, List<String> events, Map<String, List<String>> players,
      Map<String, Long> livedThrough, Map<String, Integer> residents) implements CborSerializable {}

  // ---- events ----------------------------------------------------------------------------------

  public sealed interface Event extends CborSerializable permits WeatherChanged, WorldEventBegan, WorldEventEnded {
    long lamport();

    UUID commandId();

    long tick();
  }

  /** @param from null for the zone's first weather */
  public record WeatherChanged(long lamport, UUID commandId, long tick, Weather from, Weather to) implements Event {}

  public record WorldEventBegan(long lamport, UUID commandId, long tick, String event) implements Event {}

  public record WorldEventEnded(long lamport, UUID commandId, long tick, String event) implements Event {}

  // ---- what is published on the zone's topic ---------------------------------------------------

  /** News for everyone in the zone. */
  public sealed interface Broadcast extends CborSerializable permits WeatherTurned, WorldEventNews, DayTurned {
    String zone();

    long tick();
  }

  public record WeatherTurned(String zone, long tick, Weather from, Weather to) implements Broadcast {}

  /** A world event began ({@code began}) or ended here; {@code text} is the world's own announcement. */
  public record WorldEventNews(String zone, long tick, String event, String name, boolean began, String text)
      implements Broadcast {}

  /** Dawn, day, dusk or night has come. */
  public record DayTurned(String zone, long tick, WorldTime.DayPhase phase, WorldTime time) implements Broadcast {}

  /** The topic on which zone {@code zone} publishes its news; subscribers spawn the same. */
  public static Behavior<Topic.Command<Broadcast>> topic(String zone) {
    return Topic.create(Broadcast.class, "zone:" + zone);
  }

  // ---- state -----------------------------------------------------------------------------------

  /** @param weather null before the first tick */
  public record State(Weather weather, List<String> events, long clock) implements CborSerializable {

    public State {
      events = List.copyOf(events);
    }
  }

  // ---- behaviour -------------------------------------------------------------------------------

  private final String zone;
  private final EntitySettings settings;
  private final Almanac almanac;
  private final ZoneSettings zoneSettings;
  private final List<Residents> kinds;
  private final List<List<String>> residents = new ArrayList<>();
  private final Function<String, RecipientRef<LocationEntity.Command>> locations;
  private final ActorRef<Topic.Command<Broadcast>> topic;
  // Not state: after a restart the clock's next tick and the locations' reports restore them.
  private final long[] livedThrough;
  private final Map<String, List<String>> players = new TreeMap<>();
  private long lastTick = -1;

  private ZoneEntity(
      String zone, World world, EntitySettings settings, Almanac almanac, ZoneSettings zoneSettings,
      List<Residents> kinds, Function<String, RecipientRef<LocationEntity.Command>> locations,
      ActorContext<Command> context) {
    super(PersistenceId.of(ENTITY_KEY.name(), zone));
    this.zone = zone;
    this.settings = settings;
    this.almanac = almanac;
    this.zoneSettings = zoneSettings;
    this.kinds = List.copyOf(kinds);
    for (Residents kind : kinds) {
      residents.add(List.copyOf(kind.in(zone)));
    }
    this.livedThrough = new long[kinds.size()];
    Arrays.fill(livedThrough, Long.MIN_VALUE);
    this.locations = locations;
    this.topic = context.spawn(topic(zone), "topic");
  }

  public static void init(
      ClusterSharding sharding, World world, EntitySettings settings, Almanac almanac, ZoneSettings zoneSettings,
      List<Residents> kinds) {
    Function<String, RecipientRef<LocationEntity.Command>> locations =
        id -> sharding.entityRefFor(LocationEntity.ENTITY_KEY, id);
    sharding.init(settings.routing().placed(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), world, settings, almanac, zoneSettings, kinds, locations)), EntityKind.ZONE));
  }

  public static Behavior<Command> create(
      String zone, World world, EntitySettings settings, Almanac almanac, ZoneSettings zoneSettings,
      List<Residents> kinds, Function<String, RecipientRef<LocationEntity.Command>> locations) {
    return Behaviors.setup(context -> EntityBehaviors.withMdc(Command.class, EntityKind.ZONE, zone,
        new ZoneEntity(zone, world, settings, almanac, zoneSettings, kinds, locations, context)));
  }

  /** The deterministic command id of the zone's pulse at {@code tick}. */
  public static UUID pulseId(String zone, long tick) {
    return UUID.nameUUIDFromBytes(("zone:" + zone + "@" + tick).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public State emptyState() {
    return new State(null, List.of(), 0);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.keepSnapshots());
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return settings.tagsFor(EntityKind.ZONE, persistenceId());
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), state -> {
      // Who is where is not persisted here: the locations know, and say.
      for (int i = 0; i < kinds.size(); i++) {
        if (kinds.get(i).kind() == EntityKind.LOCATION) {
          for (String location : residents.get(i)) {
            locations.apply(location).tell(new LocationEntity.ReportPresence(CommandMeta.fresh(zone)));
          }
        }
      }
    }).build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Tick.class, this::onTick)
        .onCommand(PlayersAt.class, this::onPlayersAt)
        .onCommand(GetStatus.class, (state, cmd) -> Effect().reply(cmd.replyTo(), view(state)))
        .build();
  }

  private ReplyEffect<Event, State> onTick(State state, Tick cmd) {
    if (cmd.toTick() <= lastTick || cmd.toTick() < cmd.fromTick()) {
      return Effect().noReply();
    }
    long to = cmd.toTick();
    long from = Math.max(cmd.fromTick(), to - zoneSettings.maxCatchUp() + 1);
    if (lastTick >= 0) {
      from = Math.max(from, lastTick + 1);
    }
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    UUID id = pulseId(zone, to);
    Conditions now = almanac.conditions(zone, to);
    List<Event> events = new ArrayList<>();
    List<Broadcast> news = new ArrayList<>();
    if (now.weather() != state.weather()) {
      events.add(new WeatherChanged(stamp, CommandMeta.derived(id, "weather"), to, state.weather(), now.weather()));
      if (state.weather() != null) {
        news.add(new WeatherTurned(zone, to, state.weather(), now.weather()));
      }
    }
    for (String ended : state.events()) {
      if (!now.events().contains(ended)) {
        events.add(new WorldEventEnded(stamp, CommandMeta.derived(id, "ended/" + ended), to, ended));
        almanac.event(ended).ifPresent(p -> news.add(new WorldEventNews(zone, to, p.id(), p.name(), false, p.ends())));
      }
    }
    for (String began : now.events()) {
      if (!state.events().contains(began)) {
        events.add(new WorldEventBegan(stamp, CommandMeta.derived(id, "began/" + began), to, began));
        Perturbation p = almanac.event(began).orElseThrow();
        news.add(new WorldEventNews(zone, to, p.id(), p.name(), true, p.begins()));
      }
    }
    if (lastTick >= 0 && almanac.time(lastTick).phase() != now.time().phase()) {
      news.add(new DayTurned(zone, to, now.time().phase(), now.time()));
    }
    long start = from;
    Runnable after = () -> {
      lastTick = to;
      news.forEach(n -> topic.tell(Topic.publish(n)));
      tickResidents(start, to, now, stamp, false);
    };
    if (events.isEmpty()) {
      after.run();
      return Effect().noReply();
    }
    return Effect().persist(events).thenRun(s -> after.run()).thenNoReply();
  }

  private ReplyEffect<Event, State> onPlayersAt(State state, PlayersAt cmd) {
    if (players.isEmpty() && !cmd.players().isEmpty() && lastTick >= 0) {
      // Someone arrived in a sleeping zone: everything catches up on the ticks that passed while it
      // was empty (and so with nobody in it) before they look around.
      tickResidents(lastTick, lastTick, almanac.conditions(zone, lastTick),
          Lamport.receive(state.clock(), cmd.meta().lamport()), true);
    }
    if (cmd.players().isEmpty()) {
      players.remove(cmd.location());
    } else {
      players.put(cmd.location(), List.copyOf(cmd.players()));
    }
    return Effect().noReply();
  }

  /**
   * Ticks every kind of resident that is due: all of them while players are here, the others every
   * {@code lod-every} ticks, each zone at its own phase of them. Each pulse starts after the last tick that kind was ticked to, so no
   * tick is lived twice or skipped (but for ones older than {@code max-catch-up}).
   */
  private void tickResidents(long from, long to, Conditions now, long stamp, boolean catchUpOnly) {
    boolean present = catchUpOnly || !players.isEmpty();
    int every = zoneSettings.lodEvery();
    CommandMeta meta = new CommandMeta(pulseId(zone, to), zone, stamp);
    Map<String, List<String>> where = Map.copyOf(players);
    // Each zone catches up on its own beat within the K ticks, so an empty world's zones do not all
    // come due in the same tick.
    long phase = every <= 1 ? 0 : Math.floorMod(zone.hashCode(), every);
    for (int i = 0; i < kinds.size(); i++) {
      Residents kind = kinds.get(i);
      long done = livedThrough[i];
      if (done == Long.MIN_VALUE && kind.levelOfDetail() && !present && every > 1) {
        // A zone just started (a world waking) waits for its own beat like any other tick, from here:
        // all zones due at once would send every resident of the world its catch-up in one tick.
        done = from - 1;
        livedThrough[i] = done;
      }
      if (done >= to) {
        continue;
      }
      boolean due = !kind.levelOfDetail() || present || every <= 1 || done == Long.MIN_VALUE
          || Math.floorDiv(to - phase, every) != Math.floorDiv(done - phase, every);
      if (!due || (catchUpOnly && done == Long.MIN_VALUE)) {
        continue;
      }
      long start = done == Long.MIN_VALUE ? from : Math.max(done + 1, to - zoneSettings.maxCatchUp() + 1);
      ZonePulse pulse = new ZonePulse(meta, zone, start, to, now, where);
      for (String resident : residents.get(i)) {
        kind.tick(resident, pulse);
      }
      livedThrough[i] = to;
    }
  }

  private ZoneView view(State state) {
    Map<String, Long> lived = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < kinds.size(); i++) {
      String name = kinds.get(i).kind().tagPrefix();
      lived.put(name, livedThrough[i] == Long.MIN_VALUE ? -1 : livedThrough[i]);
      counts.put(name, residents.get(i).size());
    }
    return new ZoneView(zone, lastTick, state.weather(), state.events(), new HashMap<>(players), lived, counts);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(WeatherChanged.class, (s, e) -> new State(e.to(), s.events(), Math.max(s.clock(), e.lamport())))
        .onEvent(WorldEventBegan.class, (s, e) -> {
          List<String> events = new ArrayList<>(s.events());
          events.add(e.event());
          return new State(s.weather(), events, Math.max(s.clock(), e.lamport()));
        })
        .onEvent(WorldEventEnded.class, (s, e) -> {
          List<String> events = new ArrayList<>(s.events());
          events.remove(e.event());
          return new State(s.weather(), events, Math.max(s.clock(), e.lamport()));
        })
        .build();
  }
}
