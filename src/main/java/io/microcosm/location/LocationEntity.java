package io.microcosm.location;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
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
import io.microcosm.entity.RecentCommands;
import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.rules.Inventory;
import io.microcosm.rules.InventoryRules;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.Direction;
import io.microcosm.world.ExitDef;
import io.microcosm.world.ItemDef;
import io.microcosm.world.LocationDef;
import io.microcosm.world.World;
import java.util.ArrayList;
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
 * <p>It is the granting side of take (it persists the grant first) and the receiving side of drop;
 * both remember command ids so a retried command is answered again without a second change.
 */
public final class LocationEntity
    extends EventSourcedBehaviorWithEnforcedReplies<LocationEntity.Command, LocationEntity.Event, LocationEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, EntityKind.LOCATION.typeName());

  // ---- protocol --------------------------------------------------------------------------------

  public sealed interface Command extends EntityCommand, CborSerializable
      permits Enter, Leave, Look, FindExit, TakeItem, PlaceItem {}

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

  public sealed interface EnterReply extends CborSerializable permits Entered, Rejected {}

  public sealed interface LeaveReply extends CborSerializable permits Left, Rejected {}

  public sealed interface LookReply extends CborSerializable permits Seen, Rejected {}

  public sealed interface ExitReply extends CborSerializable permits ExitOpen, Rejected {}

  public sealed interface TakeReply extends CborSerializable permits ItemGranted, Rejected {}

  public sealed interface PlaceReply extends CborSerializable permits ItemPlaced, Rejected {}

  public record Entered(LocationView view, long lamport) implements EnterReply {}

  public record Left(long lamport) implements LeaveReply {}

  public record Seen(LocationView view, long lamport) implements LookReply {}

  public record ExitOpen(Direction direction, String target, int staminaCost, long lamport) implements ExitReply {}

  public record ItemGranted(String item, int quantity, long lamport) implements TakeReply {}

  public record ItemPlaced(String item, int quantity, long lamport) implements PlaceReply {}

  public record Rejected(Rejection rejection, long lamport)
      implements EnterReply, LeaveReply, LookReply, ExitReply, TakeReply, PlaceReply {}

  /** What a location looks like to someone in it. */
  public record LocationView(
      String id, String name, String description, List<ExitView> exits, List<String> occupants, List<ItemStack> items)
      implements CborSerializable {}

  public record ExitView(Direction direction, String target, String blocked, String locked) implements CborSerializable {}

  // ---- events ----------------------------------------------------------------------------------

  public sealed interface Event extends CborSerializable
      permits OccupantArrived, OccupantDeparted, ItemTaken, ItemDropped {
    long lamport();

    UUID commandId();
  }

  public record OccupantArrived(long lamport, UUID commandId, String occupant, String from) implements Event {}

  public record OccupantDeparted(long lamport, UUID commandId, String occupant, String to) implements Event {}

  /** The grant of a take: these units left the ground for {@code taker}. */
  public record ItemTaken(long lamport, UUID commandId, String taker, String item, int quantity) implements Event {}

  /** The receipt of a drop: these units from {@code dropper} now lie here. */
  public record ItemDropped(long lamport, UUID commandId, String dropper, String item, int quantity) implements Event {}

  // ---- what is published on the location's topic ------------------------------------------------

  public sealed interface Broadcast extends CborSerializable permits Arrival, Departure, ItemsTaken, ItemsDropped {
    String location();

    long lamport();
  }

  public record Arrival(String location, String occupant, String from, long lamport) implements Broadcast {}

  public record Departure(String location, String occupant, String to, long lamport) implements Broadcast {}

  public record ItemsTaken(String location, String taker, String item, int quantity, long lamport) implements Broadcast {}

  public record ItemsDropped(String location, String dropper, String item, int quantity, long lamport)
      implements Broadcast {}

  /** The topic on which location {@code locationId} publishes; subscribers spawn the same. */
  public static Behavior<Topic.Command<Broadcast>> topic(String locationId) {
    return Topic.create(Broadcast.class, "location:" + locationId);
  }

  // ---- state -----------------------------------------------------------------------------------

  /**
   * @param occupants who is here, in order of arrival
   * @param ground items lying here
   * @param clock this location's Lamport clock
   * @param recent ids of recently applied commands
   */
  public record State(List<String> occupants, Inventory ground, long clock, RecentCommands recent)
      implements CborSerializable {

    public State {
      occupants = List.copyOf(occupants);
    }

    static State initial(LocationDef def, int dedupWindow) {
      return new State(List.of(), new Inventory(def.items()), 0, RecentCommands.withCapacity(dedupWindow));
    }

    public boolean isPresent(String occupant) {
      return occupants.contains(occupant);
    }

    State applied(Event event, List<String> occupants, Inventory ground, int dedupWindow) {
      return new State(occupants, ground, Math.max(clock, event.lamport()),
          recent.resized(dedupWindow).add(event.commandId()));
    }
  }

  // ---- behaviour -------------------------------------------------------------------------------

  private final LocationDef def;
  private final World world;
  private final EntitySettings settings;
  private final ActorRef<Topic.Command<Broadcast>> topic;

  private LocationEntity(
      PersistenceId persistenceId, LocationDef def, World world, EntitySettings settings, ActorContext<Command> context) {
    super(persistenceId);
    this.def = def;
    this.world = world;
    this.settings = settings;
    this.topic = context.spawn(topic(def.id()), "topic");
  }

  public static void init(ClusterSharding sharding, World world, EntitySettings settings) {
    sharding.init(
        Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), world, settings))
            .withMessageExtractor(settings.routing().extractor(EntityKind.LOCATION)));
  }

  public static Behavior<Command> create(String locationId, World world, EntitySettings settings) {
    LocationDef def = world.location(locationId).orElseGet(() -> unknownPlace(locationId));
    return Behaviors.setup(context -> EntityBehaviors.withMdc(Command.class, EntityKind.LOCATION, locationId,
        new LocationEntity(PersistenceId.of(ENTITY_KEY.name(), locationId), def, world, settings, context)));
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
        .build();
  }

  private ReplyEffect<Event, State> onEnter(State state, Enter cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (state.isPresent(cmd.occupant())) {
      return Effect().reply(cmd.replyTo(), new Entered(view(state), stamp));
    }
    OccupantArrived event = new OccupantArrived(stamp, cmd.meta().commandId(), cmd.occupant(), cmd.from());
    return Effect().persist(event)
        .thenRun(() -> topic.tell(Topic.publish(new Arrival(def.id(), cmd.occupant(), cmd.from(), stamp))))
        .thenReply(cmd.replyTo(), s -> new Entered(view(s), stamp));
  }

  private ReplyEffect<Event, State> onLeave(State state, Leave cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    if (!state.isPresent(cmd.occupant())) {
      return Effect().reply(cmd.replyTo(), new Left(stamp));
    }
    OccupantDeparted event = new OccupantDeparted(stamp, cmd.meta().commandId(), cmd.occupant(), cmd.to());
    return Effect().persist(event)
        .thenRun(() -> topic.tell(Topic.publish(new Departure(def.id(), cmd.occupant(), cmd.to(), stamp))))
        .thenReply(cmd.replyTo(), s -> new Left(stamp));
  }

  private ReplyEffect<Event, State> onFindExit(State state, FindExit cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    ExitDef exit = def.exits().get(cmd.direction());
    if (exit == null) {
      return reject(cmd.replyTo(), stamp, Code.NO_EXIT,
          "You cannot go " + cmd.direction().label() + " from " + def.name() + ".");
    }
    if (exit.blocked() != null) {
      return reject(cmd.replyTo(), stamp, Code.EXIT_BLOCKED, exit.blocked());
    }
    if (exit.locked() != null) {
      return reject(cmd.replyTo(), stamp, Code.EXIT_LOCKED, exit.locked());
    }
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
    ItemTaken event = new ItemTaken(stamp, cmd.meta().commandId(), cmd.taker(), cmd.item(), cmd.quantity());
    return Effect().persist(event)
        .thenRun(() -> topic.tell(Topic.publish(new ItemsTaken(def.id(), cmd.taker(), cmd.item(), cmd.quantity(), stamp))))
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
        .thenRun(() -> topic.tell(Topic.publish(new ItemsDropped(def.id(), cmd.dropper(), cmd.item(), cmd.quantity(), stamp))))
        .thenReply(cmd.replyTo(), s -> new ItemPlaced(cmd.item(), cmd.quantity(), stamp));
  }

  private ReplyEffect<Event, State> reject(ActorRef<? super Rejected> replyTo, long stamp, Code code, String message) {
    return Effect().reply(replyTo, new Rejected(Rejection.of(code, message), stamp));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
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
        .build();
  }

  LocationView view(State state) {
    List<ExitView> exits = def.exits().values().stream()
        .map(x -> new ExitView(x.direction(), x.target(), x.blocked(), x.locked()))
        .toList();
    return new LocationView(def.id(), def.name(), def.description(), exits, state.occupants(), state.ground().asStacks());
  }
}
