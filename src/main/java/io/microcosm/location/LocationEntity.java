package io.microcosm.location;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.actor.typed.BehaviorInterceptor;
import akka.actor.typed.TypedActorContext;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.SignalHandler;
import java.util.concurrent.atomic.AtomicReference;
import akka.actor.typed.pubsub.Topic;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.RetentionCriteria;
import io.microcosm.entity.CborSerializable;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.EntityBehaviors;
import io.microcosm.entity.EntityCommand;
import io.microcosm.entity.EntityKind;
import io.microcosm.entity.EntitySettings;
import io.microcosm.entity.Lamport;
import io.microcosm.entity.TickClock;
import io.microcosm.entity.RecentCommands;
import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.rules.Dice;
import io.microcosm.rules.ExitRules;
import io.microcosm.rules.GatherRules;
import io.microcosm.rules.GatherRules.Stock;
import io.microcosm.rules.Inventory;
import io.microcosm.rules.InventoryRules;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.Direction;
import io.microcosm.world.ExitDef;
import io.microcosm.world.ItemDef;
import io.microcosm.world.LocationDef;
import io.microcosm.world.NodeKindDef;
import io.microcosm.world.World;
import io.microcosm.clock.Almanac;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A place in the world. It owns who is present (as far as the players have told it) and the items
 * on its ground; its exits come from world data. Everything that happens here is published on the
 * location's topic (see {@link #topic}).
 *
 * <p>It is the granting side of take and gather (it persists the grant first) and the receiving
 * side of drop; all remember command ids so a retried command is answered again without a second
 * change. Its resource nodes regrow with the ticks, computed when someone next looks or gathers.
 * Creatures whose home this is are shown here unless they have fallen and not yet respawned.
 */
public final class LocationEntity
    extends EventSourcedBehaviorWithEnforcedReplies<LocationEntity.Command, LocationEntity.Event, LocationEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, EntityKind.LOCATION.typeName());

  // ---- protocol --------------------------------------------------------------------------------

  public sealed interface Command extends EntityCommand, CborSerializable
      permits Enter, Leave, Look, FindExit, TakeItem, PlaceItem, Harvest, CreatureFell, CreatureMoved, Announce, Tick,
          ReportPresence, AnnounceCrowd, Speak {}

  /** Someone arrives; idempotent (arriving where one already is changes nothing). */
  public record Enter(CommandMeta meta, String occupant, String from, ActorRef<EnterReply> replyTo) implements Command {}

  /** Someone goes; idempotent (leaving where one is not changes nothing). */
  public record Leave(CommandMeta meta, String occupant, String to, ActorRef<LeaveReply> replyTo) implements Command {}

  public record Look(CommandMeta meta, ActorRef<LookReply> replyTo) implements Command {}

  /** Asks whether one can leave this way, and where it leads. Changes nothing. */
  public record FindExit(CommandMeta meta, Direction direction, ActorRef<ExitReply> replyTo) implements Command {}

  /** First step of take: grants units from the ground to {@code taker}. */
  public record TakeItem(CommandMeta meta, String taker, String item, int quantity, ActorRef<TakeReply> replyTo)
      implements Command {}

  /** Second step of drop: units {@code dropper} already gave up now lie here. */
  public record PlaceItem(CommandMeta meta, String dropper, String item, int quantity, ActorRef<PlaceReply> replyTo)
      implements Command {}

  /**
   * First step of gather: grants units of the node {@code node} to {@code gatherer}, as many as one
   * attempt with {@code power} yields, at most {@code maxUnits} (what the gatherer can carry).
   */
  public record Harvest(
      CommandMeta meta, String gatherer, String node, int power, int maxUnits, ActorRef<HarvestReply> replyTo)
      implements Command {}

  /** A creature living here has died and will be back at tick {@code respawnAt}. Idempotent. */
  public record CreatureFell(CommandMeta meta, String creature, String killer, long respawnAt, ActorRef<LeaveReply> replyTo)
      implements Command {}

  /** Time to announce who came and went in a crowded place (see {@link Crowds}). */
  private record AnnounceCrowd(CommandMeta meta) implements Command {}

  /**
   * A creature wandered from {@code from} to {@code to}; sent to both places, each records its side.
   * Idempotent (a creature already here, or already gone, changes nothing).
   */
  public record CreatureMoved(CommandMeta meta, String creature, String from, String to) implements Command {}

  /** Something that happened here which another entity persisted (a creature's attack), told to all present. */
  public record Announce(CommandMeta meta, Broadcast broadcast) implements Command {}

  /**
   * Ticks {@code fromTick} to {@code toTick} have passed (sent by the zone): players here are told of
   * resource nodes that have grown full again meanwhile. Regrowth itself is computed from the tick.
   */
  public record Tick(CommandMeta meta, long fromTick, long toTick) implements Command {}

  /** Tells the presence listener (the zone) which players are here now. */
  public record ReportPresence(CommandMeta meta) implements Command {}

  /**
   * {@code speaker} says {@code text} aloud here: the NPCs present hear it (players hear it on the
   * place's chat). Changes nothing and is not answered.
   */
  public record Speak(CommandMeta meta, String speaker, String text) implements Command {}

  /** Who is told when the players present at a location change: the location's zone, in production. */
  @FunctionalInterface
  public interface PresenceListener {
    PresenceListener NONE = (location, players) -> { };

    void playersAt(String location, List<String> players);
  }

  public sealed interface EnterReply extends CborSerializable permits Entered, Rejected {}

  public sealed interface LeaveReply extends CborSerializable permits Left, Rejected {}

  public sealed interface LookReply extends CborSerializable permits Seen, Rejected {}

  public sealed interface ExitReply extends CborSerializable permits ExitOpen, Rejected {}

  public sealed interface TakeReply extends CborSerializable permits ItemGranted, Rejected {}

  public sealed interface PlaceReply extends CborSerializable permits ItemPlaced, Rejected {}

  public sealed interface HarvestReply extends CborSerializable permits Harvested, Rejected {}

  public record Entered(LocationView view, long lamport) implements EnterReply {}

  public record Left(long lamport) implements LeaveReply {}

  public record Seen(LocationView view, long lamport) implements LookReply {}

  public record ExitOpen(Direction direction, String target, int staminaCost, long lamport) implements ExitReply {}

  public record ItemGranted(String item, int quantity, long lamport) implements TakeReply {}

  public record ItemPlaced(String item, int quantity, long lamport) implements PlaceReply {}

  /** @param remaining what the node still holds after this harvest */
  public record Harvested(String node, String item, int quantity, int remaining, long lamport) implements HarvestReply {}

  public record Rejected(Rejection rejection, long lamport)
      implements EnterReply, LeaveReply, LookReply, ExitReply, TakeReply, PlaceReply, HarvestReply {}

  /**
   * What a location looks like to someone in it.
   *
   * @param occupants players and others who said they are here, the latest arrivals first, at most
   *     as many as {@link Crowds#listed()}
   * @param present how many are here in all
   * @param creatures ids of the creatures here and alive
   */
  public record LocationView(
      String id, String name, String description, List<ExitView> exits, List<String> occupants, int present,
      List<ItemStack> items, List<String> creatures, List<NodeView> nodes, List<String> stations)
      implements CborSerializable {}

  /** A resource node as seen: its kind and how much it holds. */
  public record NodeView(String node, int remaining, int max) implements CborSerializable {}

  public record ExitView(Direction direction, String target, String blocked, String locked) implements CborSerializable {}

  // ---- events ----------------------------------------------------------------------------------

  public sealed interface Event extends CborSerializable
      permits OccupantArrived, OccupantDeparted, ItemTaken, ItemDropped, NodeHarvested, CreatureFallen, CreatureCame,
          CreatureWent {
    long lamport();

    UUID commandId();
  }

  public record OccupantArrived(long lamport, UUID commandId, String occupant, String from) implements Event {}

  public record OccupantDeparted(long lamport, UUID commandId, String occupant, String to) implements Event {}

  /**
   * The grant of a take: these units left the ground for {@code taker} at world tick {@code tick}.
   * Events written before the tick was recorded have {@code tick} -1 ({@link ItemTakenMigration}).
   */
  public record ItemTaken(long lamport, UUID commandId, String taker, String item, int quantity, long tick)
      implements Event {}

  /** The receipt of a drop: these units from {@code dropper} now lie here. */
  public record ItemDropped(long lamport, UUID commandId, String dropper, String item, int quantity) implements Event {}

  /**
   * The grant of a gather. {@code rollSeed} is the seed of the yield roll, so a replay can check it.
   */
  public record NodeHarvested(
      long lamport, UUID commandId, String gatherer, String node, int quantity, long rollSeed, long tick)
      implements Event {}

  public record CreatureFallen(long lamport, UUID commandId, String creature, String killer, long respawnAt)
      implements Event {}

  /** A creature wandered in (or came home). */
  public record CreatureCame(long lamport, UUID commandId, String creature, String from) implements Event {}

  /** A creature wandered off (or fell here and went home to respawn). */
  public record CreatureWent(long lamport, UUID commandId, String creature, String to) implements Event {}

  // ---- what is published on the location's topic ------------------------------------------------

  public sealed interface Broadcast extends CborSerializable
      permits Arrival, Departure, Crowd, ItemsTaken, ItemsDropped, ResourcesHarvested, CreatureSlain, CreatureArrived,
          CreatureDeparted, CreatureAttacked, NodesRegrown, Attacked {
    String location();

    long lamport();
  }

  /** Who did what a broadcast tells of, or null when nobody did (the place itself: a crowd, regrowth). */
  public static String actorOf(Broadcast b) {
    if (b instanceof Arrival a) {
      return a.occupant();
    } else if (b instanceof Departure d) {
      return d.occupant();
    } else if (b instanceof ItemsTaken t) {
      return t.taker();
    } else if (b instanceof ItemsDropped d) {
      return d.dropper();
    } else if (b instanceof ResourcesHarvested r) {
      return r.gatherer();
    } else if (b instanceof CreatureSlain s) {
      return s.killer();
    } else if (b instanceof CreatureArrived a) {
      return a.creature();
    } else if (b instanceof CreatureDeparted d) {
      return d.creature();
    } else if (b instanceof CreatureAttacked a) {
      return a.creature();
    } else if (b instanceof Attacked a) {
      return a.attacker();
    }
    return null;
  }

  public record Arrival(String location, String occupant, String from, long lamport) implements Broadcast {}

  public record Departure(String location, String occupant, String to, long lamport) implements Broadcast {}

  /**
   * Who came and went in a crowded place since its last such announcement: the first few of each by
   * name, and how many in all.
   *
   * @param present how many are here now
   */
  public record Crowd(
      String location, List<String> arrived, int arrivals, List<String> departed, int departures, int present,
      long lamport) implements Broadcast {}

  public record ItemsTaken(String location, String taker, String item, int quantity, long lamport) implements Broadcast {}

  public record ItemsDropped(String location, String dropper, String item, int quantity, long lamport)
      implements Broadcast {}

  public record ResourcesHarvested(String location, String gatherer, String node, String item, int quantity, long lamport)
      implements Broadcast {}

  public record CreatureSlain(String location, String creature, String killer, long lamport) implements Broadcast {}

  public record CreatureArrived(String location, String creature, String from, long lamport) implements Broadcast {}

  public record CreatureDeparted(String location, String creature, String to, long lamport) implements Broadcast {}

  /**
   * A creature attacked {@code target} on its own; the target persisted the outcome.
   *
   * @param wokeAt where the target woke when the blow killed it, else null
   */
  public record CreatureAttacked(
      String location, String creature, String target, String outcome, int damage, int hpLeft, String wokeAt,
      long lamport) implements Broadcast {}

  /** Resource nodes here that have grown full again. */
  public record NodesRegrown(String location, List<String> nodes, long lamport) implements Broadcast {}

  /**
   * {@code attacker} (a player or an NPC) struck {@code target} (a creature), which decided and
   * persisted the outcome, and lives on; told by the attacker. A killing blow is told as
   * {@link CreatureSlain} instead.
   *
   * @param outcome "miss", "hit" or "critical"
   * @param hpLeft the target's hit points after the blow
   */
  public record Attacked(
      String location, String attacker, String target, String outcome, int damage, int hpLeft, long lamport)
      implements Broadcast {}

  /** The topic on which location {@code locationId} publishes; subscribers spawn the same. */
  public static Behavior<Topic.Command<Broadcast>> topic(String locationId) {
    return Topic.create(Broadcast.class, "location:" + locationId);
  }

  // ---- state -----------------------------------------------------------------------------------

  /** Recent harvests are kept whole, so a retried gather gets the very same answer. */
  static final int HARVESTS_KEPT = 16;
  /** How many of the NPCs present are told what happens, so a crowd costs no more than this per event. */
  static final int ONLOOKERS = 64;

  /**
   * @param occupants who is here, in order of arrival
   * @param ground items lying here
   * @param nodes stock of the resource nodes that have been worked (an absent node is full)
   * @param fallen creatures living here that died, with the tick of their return
   * @param harvests the latest harvests, newest last
   * @param clock this location's Lamport clock
   * @param recent ids of recently applied commands
   * @param away creatures whose home this is that have wandered elsewhere
   * @param visitors creatures from elsewhere that have wandered here
   */
  public record State(
      List<String> occupants, Inventory ground, Map<String, Stock> nodes, Map<String, Long> fallen,
      List<NodeHarvested> harvests, long clock, RecentCommands recent, Set<String> away, Set<String> visitors)
      implements CborSerializable {

    public State {
      occupants = List.copyOf(occupants);
      nodes = Map.copyOf(nodes);
      fallen = Map.copyOf(fallen);
      harvests = List.copyOf(harvests);
      // Snapshots from before creatures roamed have neither set.
      away = away == null ? Set.of() : Set.copyOf(away);
      visitors = visitors == null ? Set.of() : Set.copyOf(visitors);
    }

    static State initial(LocationDef def, int dedupWindow) {
      return new State(List.of(), new Inventory(def.items()), Map.of(), Map.of(), List.of(), 0,
          RecentCommands.withCapacity(dedupWindow), Set.of(), Set.of());
    }

    /** The players among the occupants (world entities such as NPCs have a zone-qualified id). */
    public List<String> players() {
      return occupants.stream().filter(o -> o.indexOf('.') < 0).toList();
    }

    public boolean isPresent(String occupant) {
      return occupants.contains(occupant);
    }

    /** The node's stock at {@code now}, regrown. */
    public Stock stock(NodeKindDef node, long now) {
      Stock s = nodes.get(node.id());
      return s == null ? Stock.full(node, now) : s.regrown(node, now);
    }

    State applied(Event event, List<String> occupants, Inventory ground, int dedupWindow) {
      return new State(occupants, ground, nodes, fallen, harvests, Math.max(clock, event.lamport()),
          recent.resized(dedupWindow).add(event.commandId()), away, visitors);
    }

    State withNodes(Map<String, Stock> nodes, List<NodeHarvested> harvests) {
      return new State(occupants, ground, nodes, fallen, harvests, clock, recent, away, visitors);
    }

    State withFallen(Map<String, Long> fallen) {
      return new State(occupants, ground, nodes, fallen, harvests, clock, recent, away, visitors);
    }

    State withRoamers(Set<String> away, Set<String> visitors) {
      return new State(occupants, ground, nodes, fallen, harvests, clock, recent, away, visitors);
    }
  }

  // ---- behaviour -------------------------------------------------------------------------------

  private final LocationDef def;
  private final World world;
  private final EntitySettings settings;
  private final TickClock ticks;
  private final long seed;
  private final ActorRef<Topic.Command<Broadcast>> topic;
  private final Crowds crowds;
  private final TimerScheduler<Command> timers;
  /** Arrivals and departures in a crowded place not yet announced; not persisted, only told. */
  private final CrowdNews news;
  /**
   * The state as looks see it: set as each event is applied (Akka applies it as the write starts,
   * so a look may show a change a moment before it is durable; should the write fail, the location
   * stops and comes back from its journal). Null until recovered.
   */
  private final AtomicReference<State> seen = new AtomicReference<>();
  private final Almanac almanac;
  private final PresenceListener presence;
  private final Onlookers onlookers;
  /** The NPCs among {@link #npcsOf}'s last occupants, kept while the occupants do not change. */
  private List<String> occupantsSeen;
  private List<String> npcsHere = List.of();

  private LocationEntity(
      PersistenceId persistenceId, LocationDef def, World world, EntitySettings settings, TickClock ticks,
      Almanac almanac, PresenceListener presence, Crowds crowds, ActorRef<Topic.Command<Broadcast>> topic,
      TimerScheduler<Command> timers, Onlookers onlookers) {
    super(persistenceId);
    this.onlookers = onlookers;
    this.def = def;
    this.world = world;
    this.settings = settings;
    this.ticks = ticks;
    this.seed = Dice.entitySeed(world.seed(), def.id());
    this.topic = topic;
    this.crowds = crowds;
    this.timers = timers;
    this.news = new CrowdNews(crowds.listed());
    this.almanac = almanac;
    this.presence = presence;
  }

  public static void init(ClusterSharding sharding, World world, EntitySettings settings, TickClock ticks) {
    init(sharding, world, settings, ticks, Almanac.calm(world), PresenceListener.NONE, Crowds.DEFAULT);
  }

  /**
   * With the weather of {@code almanac} changing gathering yields, {@code presence} told who is here,
   * and crowds handled as {@code crowds} says.
   */
  public static void init(
      ClusterSharding sharding, World world, EntitySettings settings, TickClock ticks, Almanac almanac,
      PresenceListener presence, Crowds crowds) {
    init(sharding, world, settings, ticks, almanac, presence, crowds, Onlookers.NONE);
  }

  /** As the other {@code init}, with the NPCs present told what happens through {@code onlookers}. */
  public static void init(
      ClusterSharding sharding, World world, EntitySettings settings, TickClock ticks, Almanac almanac,
      PresenceListener presence, Crowds crowds, Onlookers onlookers) {
    sharding.init(settings.routing().placed(Entity.of(ENTITY_KEY,
        ctx -> create(ctx.getEntityId(), world, settings, ticks, almanac, presence, crowds, onlookers)), EntityKind.LOCATION));
  }

  public static Behavior<Command> create(String locationId, World world, EntitySettings settings, TickClock ticks) {
    return create(locationId, world, settings, ticks, Almanac.calm(world), PresenceListener.NONE, Crowds.DEFAULT);
  }

  public static Behavior<Command> create(
      String locationId, World world, EntitySettings settings, TickClock ticks, Crowds crowds) {
    return create(locationId, world, settings, ticks, Almanac.calm(world), PresenceListener.NONE, crowds);
  }

  public static Behavior<Command> create(
      String locationId, World world, EntitySettings settings, TickClock ticks, Crowds crowds, Almanac almanac,
      PresenceListener presence) {
    return create(locationId, world, settings, ticks, almanac, presence, Crowds.DEFAULT);
  }

  public static Behavior<Command> create(
      String locationId, World world, EntitySettings settings, TickClock ticks, Almanac almanac,
      PresenceListener presence, Crowds crowds) {
    return create(locationId, world, settings, ticks, almanac, presence, crowds, Onlookers.NONE);
  }

  public static Behavior<Command> create(
      String locationId, World world, EntitySettings settings, TickClock ticks, Almanac almanac,
      PresenceListener presence, Crowds crowds, Onlookers onlookers) {
    LocationDef def = world.location(locationId).orElseGet(() -> unknownPlace(locationId));
    return Behaviors.withTimers(timers -> Behaviors.setup(context -> {
      LocationEntity entity = new LocationEntity(PersistenceId.of(ENTITY_KEY.name(), locationId), def, world, settings,
          ticks, almanac, presence, crowds, context.spawn(topic(def.id()), "topic"), timers, onlookers);
      return EntityBehaviors.withMdc(Command.class, EntityKind.LOCATION, locationId,
          Behaviors.intercept(entity::looksAnswered, entity));
    }));
  }

  /**
   * The entity outside any actor system, for its {@link #emptyState()} and {@link #eventHandler()}
   * only: the journal replay rebuilds states with the entity's own event handler. Running its
   * commands is not possible (there is no topic and no clock).
   */
  public static LocationEntity forReplay(String locationId, World world, EntitySettings settings) {
    LocationDef def = world.location(locationId).orElseGet(() -> unknownPlace(locationId));
    return new LocationEntity(PersistenceId.of(ENTITY_KEY.name(), locationId), def, world, settings, null,
        Almanac.calm(world), PresenceListener.NONE, Crowds.DEFAULT, null, null, Onlookers.NONE);
  }

  /** A location the world does not define: it exists (messages to it get answers) but has no exits. */
  private static LocationDef unknownPlace(String id) {
    String zone = id.contains(".") ? id.substring(0, id.indexOf('.')) : id;
    return new LocationDef(id, zone, id, "A place that is not on any map.", Map.of(), Map.of());
  }

  @Override
  public State emptyState() {
    return State.initial(def, settings.dedupWindow());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.keepSnapshots());
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return settings.tagsFor(EntityKind.LOCATION, persistenceId());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Enter.class, this::onEnter)
        .onCommand(Leave.class, this::onLeave)
        .onCommand(Look.class, (state, cmd) ->
            Effect().reply(cmd.replyTo(), new Seen(view(state), Lamport.receive(state.clock(), cmd.meta().lamport()))))
        .onCommand(FindExit.class, this::onFindExit)
        .onCommand(TakeItem.class, this::onTakeItem)
        .onCommand(PlaceItem.class, this::onPlaceItem)
        .onCommand(Harvest.class, this::onHarvest)
        .onCommand(CreatureFell.class, this::onCreatureFell)
        .onCommand(AnnounceCrowd.class, this::onAnnounceCrowd)
        .onCommand(CreatureMoved.class, this::onCreatureMoved)
        .onCommand(Announce.class, this::onAnnounce)
        .onCommand(Speak.class, this::onSpeak)
        .onCommand(Tick.class, this::onTick)
        .onCommand(ReportPresence.class, (state, cmd) -> {
          presence.playersAt(def.id(), state.players());
          return Effect().noReply();
        })
        .build();
  }

  private ReplyEffect<Event, State> onEnter(State state, Enter cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (state.isPresent(cmd.occupant())) {
      return Effect().reply(cmd.replyTo(), new Entered(view(state), stamp));
    }
    OccupantArrived event = new OccupantArrived(stamp, cmd.meta().commandId(), cmd.occupant(), cmd.from());
    return Effect().persist(event)
        .thenRun(after -> {
          if (crowds.crowded(after.occupants().size())) {
            news.arrived(cmd.occupant());
            announceSoon();
          } else {
            publish(cmd.meta(), new Arrival(def.id(), cmd.occupant(), cmd.from(), stamp));
          }
          reportPresence(state, after);
        })
        .thenReply(cmd.replyTo(), s -> new Entered(view(s), stamp));
  }

  private ReplyEffect<Event, State> onLeave(State state, Leave cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (!state.isPresent(cmd.occupant())) {
      return Effect().reply(cmd.replyTo(), new Left(stamp));
    }
    OccupantDeparted event = new OccupantDeparted(stamp, cmd.meta().commandId(), cmd.occupant(), cmd.to());
    return Effect().persist(event)
        .thenRun(after -> {
          if (crowds.crowded(after.occupants().size() + 1)) {
            news.departed(cmd.occupant());
            announceSoon();
          } else {
            publish(cmd.meta(), new Departure(def.id(), cmd.occupant(), cmd.to(), stamp));
          }
          reportPresence(state, after);
        })
        .thenReply(cmd.replyTo(), s -> new Left(stamp));
  }

  private void announceSoon() {
    if (!timers.isTimerActive("crowd")) {
      timers.startSingleTimer("crowd", new AnnounceCrowd(CommandMeta.fresh(def.id())), crowds.interval());
    }
  }

  private ReplyEffect<Event, State> onAnnounceCrowd(State state, AnnounceCrowd cmd) {
    if (!news.isEmpty()) {
      publish(cmd.meta(), news.announce(def.id(), state.occupants().size(), state.clock()));
    }
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> onFindExit(State state, FindExit cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<Rejection> closed = ExitRules.refusal(def, cmd.direction());
    if (closed.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(closed.get(), stamp));
    }
    ExitDef exit = def.exits().get(cmd.direction());
    return Effect().reply(cmd.replyTo(), new ExitOpen(exit.direction(), exit.target(), exit.staminaCost(), stamp));
  }

  private ReplyEffect<Event, State> onTakeItem(State state, TakeItem cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (state.recent().contains(cmd.meta().commandId())) {
      return Effect().reply(cmd.replyTo(), new ItemGranted(cmd.item(), cmd.quantity(), stamp));
    }
    Optional<ItemDef> item = world.item(cmd.item());
    if (item.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Rejected(InventoryRules.unknownItem(cmd.item()), stamp));
    }
    Optional<Rejection> refused = InventoryRules.checkRemove(state.ground(), item.get(), cmd.quantity(), Code.ITEM_NOT_HERE, "here");
    if (refused.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(refused.get(), stamp));
    }
    ItemTaken event = new ItemTaken(stamp, cmd.meta().commandId(), cmd.taker(), cmd.item(), cmd.quantity(), ticks.now());
    return Effect().persist(event)
        .thenRun(() -> publish(cmd.meta(), new ItemsTaken(def.id(), cmd.taker(), cmd.item(), cmd.quantity(), stamp)))
        .thenReply(cmd.replyTo(), s -> new ItemGranted(cmd.item(), cmd.quantity(), stamp));
  }

  private ReplyEffect<Event, State> onPlaceItem(State state, PlaceItem cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (state.recent().contains(cmd.meta().commandId())) {
      return Effect().reply(cmd.replyTo(), new ItemPlaced(cmd.item(), cmd.quantity(), stamp));
    }
    if (world.item(cmd.item()).isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Rejected(InventoryRules.unknownItem(cmd.item()), stamp));
    }
    Optional<Rejection> bad = InventoryRules.checkQuantity(cmd.quantity());
    if (bad.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(bad.get(), stamp));
    }
    ItemDropped event = new ItemDropped(stamp, cmd.meta().commandId(), cmd.dropper(), cmd.item(), cmd.quantity());
    return Effect().persist(event)
        .thenRun(() -> publish(cmd.meta(), new ItemsDropped(def.id(), cmd.dropper(), cmd.item(), cmd.quantity(), stamp)))
        .thenReply(cmd.replyTo(), s -> new ItemPlaced(cmd.item(), cmd.quantity(), stamp));
  }

  private ReplyEffect<Event, State> onHarvest(State state, Harvest cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    for (NodeHarvested earlier : state.harvests()) {
      if (earlier.commandId().equals(cmd.meta().commandId())) {
        NodeKindDef node = world.nodes().get(earlier.node());
        return Effect().reply(cmd.replyTo(), new Harvested(earlier.node(), node.item(), earlier.quantity(),
            state.stock(node, ticks.now()).remaining(), stamp));
      }
    }
    NodeKindDef node = def.nodes().contains(cmd.node()) ? world.nodes().get(cmd.node()) : null;
    if (node == null) {
      return reject(cmd.replyTo(), stamp, Code.UNKNOWN_NODE,
          "There is no " + world.node(cmd.node()).map(NodeKindDef::name).orElse(cmd.node()) + " here.");
    }
    if (cmd.maxUnits() < 1) {
      return reject(cmd.replyTo(), stamp, Code.INVALID_QUANTITY, "At least one unit must be wanted, not " + cmd.maxUnits() + ".");
    }
    long now = ticks.now();
    Stock stock = state.stock(node, now);
    if (stock.remaining() == 0) {
      return reject(cmd.replyTo(), stamp, Code.DEPLETED, String.format(
          "The %s has nothing left to give; it will yield again in %d ticks.", node.name(), stock.ticksToNext(node, now)));
    }
    long roll = Dice.rollSeed(seed, cmd.meta().commandId());
    int weatherPercent = almanac.conditions(def.zone(), now).gatherPercent();
    int wanted = GatherRules.yield(cmd.power(), weatherPercent, Dice.roll(roll));
    int quantity = Math.min(wanted, Math.min(stock.remaining(), cmd.maxUnits()));
    NodeHarvested event = new NodeHarvested(stamp, cmd.meta().commandId(), cmd.gatherer(), node.id(), quantity, roll, now);
    return Effect().persist(event)
        .thenRun(() -> topic.tell(Topic.publish(
            new ResourcesHarvested(def.id(), cmd.gatherer(), node.id(), node.item(), quantity, stamp))))
        .thenReply(cmd.replyTo(), s -> new Harvested(node.id(), node.item(), quantity, s.stock(node, now).remaining(), stamp));
  }

  private ReplyEffect<Event, State> onCreatureFell(State state, CreatureFell cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (state.recent().contains(cmd.meta().commandId())) {
      return Effect().reply(cmd.replyTo(), new Left(stamp));
    }
    CreatureFallen event = new CreatureFallen(stamp, cmd.meta().commandId(), cmd.creature(), cmd.killer(), cmd.respawnAt());
    return Effect().persist(event)
        .thenRun(() -> publish(cmd.meta(), new CreatureSlain(def.id(), cmd.creature(), cmd.killer(), stamp)))
        .thenReply(cmd.replyTo(), s -> new Left(stamp));
  }

  private void reportPresence(State before, State after) {
    List<String> players = after.players();
    if (!players.equals(before.players())) {
      presence.playersAt(def.id(), players);
    }
  }

  private ReplyEffect<Event, State> onCreatureMoved(State state, CreatureMoved cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    boolean home = def.creatures().contains(cmd.creature());
    boolean here = home ? !state.away().contains(cmd.creature()) : state.visitors().contains(cmd.creature());
    if (cmd.to().equals(def.id()) && !here) {
      CreatureCame event = new CreatureCame(stamp, cmd.meta().commandId(), cmd.creature(), cmd.from());
      return Effect().persist(event)
          .thenRun(() -> publish(cmd.meta(), new CreatureArrived(def.id(), cmd.creature(), cmd.from(), stamp)))
          .thenNoReply();
    }
    if (cmd.from().equals(def.id()) && !cmd.to().equals(def.id()) && here) {
      CreatureWent event = new CreatureWent(stamp, cmd.meta().commandId(), cmd.creature(), cmd.to());
      return Effect().persist(event)
          .thenRun(() -> publish(cmd.meta(), new CreatureDeparted(def.id(), cmd.creature(), cmd.to(), stamp)))
          .thenNoReply();
    }
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> onAnnounce(State state, Announce cmd) {
    if (!cmd.broadcast().location().equals(def.id())) {
      throw new IllegalArgumentException(
          "location " + def.id() + " was asked to announce what happened at " + cmd.broadcast().location());
    }
    publish(cmd.meta(), cmd.broadcast());
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> onSpeak(State state, Speak cmd) {
    CommandMeta meta = cmd.meta();
    for (String npc : npcsOf(state)) {
      if (!npc.equals(cmd.speaker())) {
        onlookers.heard(npc, meta, def.id(), cmd.speaker(), cmd.text());
      }
    }
    return Effect().noReply();
  }

  /** Publishes on the topic, and tells the NPCs present (but the one it is about) of what matters to them. */
  private void publish(CommandMeta cause, Broadcast broadcast) {
    topic.tell(Topic.publish(broadcast));
    if (onlookers == Onlookers.NONE || broadcast instanceof ResourcesHarvested) {
      // Gathering is routine, and frequent where many work: not worth a message to everyone present.
      return;
    }
    State now = seen.get();
    if (now == null) {
      return;
    }
    String self = broadcast instanceof Arrival a ? a.occupant() : null;
    for (String npc : npcsOf(now)) {
      if (!npc.equals(self)) {
        onlookers.saw(npc, cause, broadcast);
      }
    }
  }

  /**
   * The NPCs present, at most {@link #ONLOOKERS} of them (the first to come): in a crowd beyond that
   * the others are simply not looking.
   */
  private List<String> npcsOf(State state) {
    if (state.occupants() != occupantsSeen) {
      occupantsSeen = state.occupants();
      List<String> npcs = new ArrayList<>();
      for (String o : occupantsSeen) {
        if (Onlookers.isNpc(o)) {
          npcs.add(o);
          if (npcs.size() == ONLOOKERS) {
            break;
          }
        }
      }
      npcsHere = npcs;
    }
    return npcsHere;
  }

  private ReplyEffect<Event, State> onTick(State state, Tick cmd) {
    if (state.players().isEmpty() || cmd.toTick() < cmd.fromTick()) {
      return Effect().noReply();
    }
    List<String> regrown = new ArrayList<>();
    for (String id : def.nodes()) {
      Stock worked = state.nodes().get(id);
      NodeKindDef node = world.nodes().get(id);
      if (worked != null && worked.regrown(node, cmd.fromTick() - 1).remaining() < node.max()
          && worked.regrown(node, cmd.toTick()).remaining() >= node.max()) {
        regrown.add(id);
      }
    }
    if (!regrown.isEmpty()) {
      publish(cmd.meta(), new NodesRegrown(def.id(), regrown, state.clock()));
    }
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> reject(ActorRef<? super Rejected> replyTo, long stamp, Code code, String message) {
    return Effect().reply(replyTo, new Rejected(Rejection.of(code, message), stamp));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    EventHandler<State, Event> apply = eventsApplied();
    return (state, event) -> {
      State next = apply.apply(state, event);
      seen.set(next);
      return next;
    };
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), seen::set).build();
  }

  private EventHandler<State, Event> eventsApplied() {
    int window = settings.dedupWindow();
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(OccupantArrived.class, (s, e) -> {
          List<String> occupants = new ArrayList<>(s.occupants());
          if (!occupants.contains(e.occupant())) {
            occupants.add(e.occupant());
          }
          return s.applied(e, occupants, s.ground(), window);
        })
        .onEvent(OccupantDeparted.class, (s, e) -> {
          List<String> occupants = new ArrayList<>(s.occupants());
          occupants.remove(e.occupant());
          return s.applied(e, occupants, s.ground(), window);
        })
        .onEvent(ItemTaken.class, (s, e) -> s.applied(e, s.occupants(), s.ground().remove(e.item(), e.quantity()), window))
        .onEvent(ItemDropped.class, (s, e) -> s.applied(e, s.occupants(), s.ground().add(e.item(), e.quantity()), window))
        .onEvent(NodeHarvested.class, (s, e) -> {
          NodeKindDef node = world.nodes().get(e.node());
          Map<String, Stock> nodes = new LinkedHashMap<>(s.nodes());
          nodes.put(node.id(), s.stock(node, e.tick()).take(e.quantity(), node, e.tick()));
          List<NodeHarvested> harvests = new ArrayList<>(s.harvests());
          harvests.add(e);
          if (harvests.size() > HARVESTS_KEPT) {
            harvests.remove(0);
          }
          return s.withNodes(nodes, harvests).applied(e, s.occupants(), s.ground(), window);
        })
        .onEvent(CreatureFallen.class, (s, e) -> {
          Map<String, Long> fallen = new LinkedHashMap<>(s.fallen());
          fallen.put(e.creature(), e.respawnAt());
          return s.withFallen(fallen).applied(e, s.occupants(), s.ground(), window);
        })
        .onEvent(CreatureCame.class, (s, e) -> {
          Set<String> away = new HashSet<>(s.away());
          Set<String> visitors = new HashSet<>(s.visitors());
          if (def.creatures().contains(e.creature())) {
            away.remove(e.creature());
          } else {
            visitors.add(e.creature());
          }
          return s.withRoamers(away, visitors).applied(e, s.occupants(), s.ground(), window);
        })
        .onEvent(CreatureWent.class, (s, e) -> {
          Set<String> away = new HashSet<>(s.away());
          Set<String> visitors = new HashSet<>(s.visitors());
          if (def.creatures().contains(e.creature())) {
            away.add(e.creature());
          } else {
            visitors.remove(e.creature());
          }
          return s.withRoamers(away, visitors).applied(e, s.occupants(), s.ground(), window);
        })
        .build();
  }

  /**
   * Answers looks ahead of the event-sourced behaviour, which holds every command back while it
   * writes: in a busy place a look would otherwise wait behind each arrival being recorded.
   */
  private BehaviorInterceptor<Command, Command> looksAnswered() {
    return new BehaviorInterceptor<>(Command.class) {
      @Override
      public Behavior<Command> aroundReceive(TypedActorContext<Command> ctx, Command msg, ReceiveTarget<Command> target) {
        State state = seen.get();
        if (msg instanceof Look look && state != null) {
          look.replyTo().tell(new Seen(view(state), Lamport.receive(state.clock(), look.meta().lamport())));
          return Behaviors.same();
        }
        return target.apply(ctx, msg);
      }
    };
  }

  LocationView view(State state) {
    long now = ticks.now();
    List<ExitView> exits = def.exits().values().stream()
        .map(x -> new ExitView(x.direction(), x.target(), x.blocked(), x.locked()))
        .toList();
    List<String> creatures = new ArrayList<>(def.creatures().stream()
        .filter(c -> !state.away().contains(c) && state.fallen().getOrDefault(c, Long.MIN_VALUE) <= now)
        .toList());
    state.visitors().stream().sorted().forEach(creatures::add);
    List<NodeView> nodes = def.nodes().stream()
        .map(id -> world.nodes().get(id))
        .map(n -> new NodeView(n.id(), state.stock(n, now).remaining(), n.max()))
        .toList();
    List<String> occupants = state.occupants();
    int shown = Math.min(occupants.size(), crowds.listed());
    List<String> latest = new ArrayList<>(shown);
    for (int i = occupants.size() - 1; i >= occupants.size() - shown; i--) {
      latest.add(occupants.get(i));
    }
    return new LocationView(def.id(), def.name(), def.description(), exits, latest, occupants.size(),
        state.ground().asStacks(), creatures, nodes, def.stations());
  }
}
