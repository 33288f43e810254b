package io.microcosm.player;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.japi.function.Function;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
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
import io.microcosm.location.LocationEntity;
import io.microcosm.location.LocationEntity.LocationView;
import io.microcosm.rules.Capacity;
import io.microcosm.rules.Inventory;
import io.microcosm.rules.InventoryRules;
import io.microcosm.rules.ItemStack;
import io.microcosm.rules.Vitals;
import io.microcosm.world.Direction;
import io.microcosm.world.ItemDef;
import io.microcosm.world.PlayerDefaults;
import io.microcosm.world.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * A player character. Its own {@code location} is the truth about where it is; locations keep a
 * presence list that the player re-asserts whenever it recovers.
 *
 * <p>Capabilities that involve a location run as a short protocol, one at a time (later commands
 * wait in the stash): the side that owns the contested thing persists first. For take the location
 * grants and then the player records the receipt; for drop the player hands over and then the
 * location records it; for move the target accepts the entry before the player persists its new
 * location. Every step carries the same commandId, so a retry after a crash or timeout completes
 * the protocol without applying anything twice.
 */
public final class PlayerEntity
    extends EventSourcedBehaviorWithEnforcedReplies<PlayerEntity.Command, PlayerEntity.Event, PlayerEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, EntityKind.PLAYER.typeName());

  /** Recent drops are remembered so they can be delivered again after a crash. */
  static final int HANDOVERS_KEPT = 8;
  /** Only drops younger than this are re-delivered on recovery; older ones may have left the location's memory. */
  static final Duration HANDOVER_REDELIVERY = Duration.ofMinutes(1);

  // ---- protocol --------------------------------------------------------------------------------

  public sealed interface Command extends EntityCommand
      permits Join, Move, Look, Take, Drop, ShowInventory, ShowStatus, Resume {}

  /** Enter the world: a new character appears at the world's start; a known one where it was. */
  public record Join(CommandMeta meta, ActorRef<JoinReply> replyTo) implements Command, CborSerializable {}

  public record Move(CommandMeta meta, String direction, ActorRef<MoveReply> replyTo) implements Command, CborSerializable {}

  public record Look(CommandMeta meta, ActorRef<LookReply> replyTo) implements Command, CborSerializable {}

  public record Take(CommandMeta meta, String item, int quantity, ActorRef<TakeReply> replyTo)
      implements Command, CborSerializable {}

  public record Drop(CommandMeta meta, String item, int quantity, ActorRef<DropReply> replyTo)
      implements Command, CborSerializable {}

  public record ShowInventory(CommandMeta meta, ActorRef<InventoryView> replyTo) implements Command, CborSerializable {}

  public record ShowStatus(CommandMeta meta, ActorRef<StatusView> replyTo) implements Command, CborSerializable {}

  /** The next step of a capability in progress, run when another entity has answered. Local only. */
  private record Resume(CommandMeta meta, java.util.function.Function<State, ReplyEffect<Event, State>> step)
      implements Command {}

  public sealed interface JoinReply extends CborSerializable permits Joined, Rejected {}

  public sealed interface MoveReply extends CborSerializable permits Arrived, Rejected {}

  public sealed interface LookReply extends CborSerializable permits Looked, Rejected {}

  public sealed interface TakeReply extends CborSerializable permits Taken, Rejected {}

  public sealed interface DropReply extends CborSerializable permits Dropped, Rejected {}

  public record Joined(LocationView here, StatusView status, long lamport) implements JoinReply {}

  public record Arrived(String from, String to, Direction direction, LocationView here, int stamina, long lamport)
      implements MoveReply {}

  public record Looked(LocationView here, long lamport) implements LookReply {}

  public record Taken(String item, int quantity, InventoryView inventory, long lamport) implements TakeReply {}

  public record Dropped(String item, int quantity, InventoryView inventory, long lamport) implements DropReply {}

  public record Rejected(Rejection rejection, long lamport)
      implements JoinReply, MoveReply, LookReply, TakeReply, DropReply {}

  public record InventoryView(List<ItemStack> items, int slotsUsed, int slots, int weightGrams, int carryGrams)
      implements CborSerializable {}

  public record StatusView(String name, String location, int hp, int hpMax, int mp, int mpMax, int sp, int spMax)
      implements CborSerializable {}

  // ---- events ----------------------------------------------------------------------------------

  public sealed interface Event extends CborSerializable permits EnteredWorld, Moved, ItemReceived, ItemHandedOver {
    long lamport();

    UUID commandId();
  }

  /** A new character appeared at {@code location}; {@code at} is wall-clock millis. */
  public record EnteredWorld(long lamport, UUID commandId, String location, Vitals vitals, long at) implements Event {}

  public record Moved(long lamport, UUID commandId, String from, String to, Direction direction, int staminaCost, long at)
      implements Event {}

  /** The receipt of a take whose grant {@code location} persisted. */
  public record ItemReceived(long lamport, UUID commandId, String item, int quantity, String location) implements Event {}

  /** The grant of a drop: these units left the pack for {@code location}. */
  public record ItemHandedOver(long lamport, UUID commandId, String item, int quantity, String location, long at)
      implements Event {}

  // ---- state -----------------------------------------------------------------------------------

  /**
   * @param location where the player is (null before it first joins)
   * @param lastMove the latest move, so its departure can be re-sent after a crash
   * @param handovers the latest drops, so their delivery can be re-sent after a crash
   */
  public record State(
      String location, Inventory inventory, Vitals vitals, Moved lastMove, List<ItemHandedOver> handovers,
      long clock, RecentCommands recent) implements CborSerializable {

    public State {
      handovers = List.copyOf(handovers);
    }

    public boolean inWorld() {
      return location != null;
    }

    State next(Event e, String location, Inventory inventory, Vitals vitals, Moved lastMove,
        List<ItemHandedOver> handovers, int dedupWindow) {
      return new State(location, inventory, vitals, lastMove, handovers, Math.max(clock, e.lamport()),
          recent.resized(dedupWindow).add(e.commandId()));
    }
  }

  // ---- behaviour -------------------------------------------------------------------------------

  private final String name;
  private final World world;
  private final EntitySettings settings;
  private final Capacity capacity;
  private final java.util.function.Function<String, RecipientRef<LocationEntity.Command>> locations;
  private final LongSupplier wallClock;
  private final ActorContext<Command> context;
  /** The capability waiting for another entity's answer, or null; not state: a crash forgets it. */
  private CommandMeta inFlight;

  private PlayerEntity(
      String name, World world, EntitySettings settings,
      java.util.function.Function<String, RecipientRef<LocationEntity.Command>> locations,
      LongSupplier wallClock, ActorContext<Command> context) {
    super(PersistenceId.of(ENTITY_KEY.name(), name));
    this.name = name;
    this.world = world;
    this.settings = settings;
    PlayerDefaults defaults = world.player();
    this.capacity = new Capacity(defaults.slots(), defaults.carryGrams());
    this.locations = locations;
    this.wallClock = wallClock;
    this.context = context;
  }

  public static void init(ClusterSharding sharding, World world, EntitySettings settings) {
    sharding.init(
        Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), world, settings,
                id -> sharding.entityRefFor(LocationEntity.ENTITY_KEY, id), System::currentTimeMillis))
            .withMessageExtractor(settings.routing().extractor(EntityKind.PLAYER)));
  }

  /**
   * @param locations finds a location by id (sharding in production, probes in tests)
   * @param wallClock milliseconds since the epoch, for stamina recovery
   */
  public static Behavior<Command> create(
      String name, World world, EntitySettings settings,
      java.util.function.Function<String, RecipientRef<LocationEntity.Command>> locations, LongSupplier wallClock) {
    return Behaviors.setup(context -> EntityBehaviors.withMdc(Command.class, EntityKind.PLAYER, name,
        new PlayerEntity(name, world, settings, locations, wallClock, context)));
  }

  @Override
  public State emptyState() {
    PlayerDefaults d = world.player();
    return new State(null, Inventory.EMPTY, Vitals.full(d.hp(), d.mp(), d.sp(), 0), null, List.of(), 0,
        RecentCommands.withCapacity(settings.dedupWindow()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.keepSnapshots());
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return settings.tagsFor(EntityKind.PLAYER, persistenceId());
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::reassertPresence).build();
  }

  /**
   * After recovery the player tells its location it is there, tells the place it last left that it
   * is gone, and re-delivers recent drops. All three are idempotent at the location, so repeating
   * them after a clean stop is harmless, and after a crash between two steps it completes them.
   */
  private void reassertPresence(State state) {
    if (!state.inWorld()) {
      return;
    }
    CommandMeta meta = new CommandMeta(UUID.randomUUID(), name, state.clock());
    location(state.location()).tell(new LocationEntity.Enter(meta, name, null, context.getSystem().ignoreRef()));
    if (state.lastMove() != null) {
      Moved m = state.lastMove();
      location(m.from()).tell(new LocationEntity.Leave(
          new CommandMeta(m.commandId(), name, m.lamport()), name, m.to(), context.getSystem().ignoreRef()));
    }
    long now = wallClock.getAsLong();
    for (ItemHandedOver h : state.handovers()) {
      if (now - h.at() <= HANDOVER_REDELIVERY.toMillis()) {
        location(h.location()).tell(new LocationEntity.PlaceItem(
            new CommandMeta(h.commandId(), name, h.lamport()), name, h.item(), h.quantity(), context.getSystem().ignoreRef()));
      }
    }
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Resume.class, this::onResume)
        .onCommand(ShowInventory.class, (s, c) -> Effect().reply(c.replyTo(), inventoryView(s.inventory())))
        .onCommand(ShowStatus.class, (s, c) -> Effect().reply(c.replyTo(), statusView(s)))
        .onCommand(c -> inFlight != null, (s, c) -> Effect().stash())
        .onCommand(Join.class, this::onJoin)
        .onCommand(Move.class, this::onMove)
        .onCommand(Look.class, this::onLook)
        .onCommand(Take.class, this::onTake)
        .onCommand(Drop.class, this::onDrop)
        .build();
  }

  private ReplyEffect<Event, State> onResume(State state, Resume resume) {
    if (inFlight == null || !inFlight.commandId().equals(resume.meta().commandId())) {
      throw new IllegalStateException("resumed " + resume.meta().commandId() + " while " + inFlight + " was in flight");
    }
    return resume.step().apply(state);
  }

  // ---- join and look ----

  private ReplyEffect<Event, State> onJoin(State state, Join cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    String where = state.inWorld() ? state.location() : world.start();
    return this.<LocationEntity.EnterReply>askLocation(cmd.meta(), where,
        ref -> new LocationEntity.Enter(cmd.meta().relayedAt(stamp), name, null, ref),
        (s, reply) -> {
          if (reply instanceof LocationEntity.Rejected r) {
            return finish(cmd.replyTo(), new Rejected(r.rejection(), r.lamport()));
          }
          LocationEntity.Entered entered = (LocationEntity.Entered) reply;
          if (s.inWorld()) {
            return finish(cmd.replyTo(), new Joined(entered.view(), statusView(s), entered.lamport()));
          }
          PlayerDefaults d = world.player();
          long now = wallClock.getAsLong();
          EnteredWorld event = new EnteredWorld(Lamport.receive(s.clock(), entered.lamport()), cmd.meta().commandId(),
              where, Vitals.full(d.hp(), d.mp(), d.sp(), now), now);
          return finish(Effect().persist(event), cmd.replyTo(),
              after -> new Joined(entered.view(), statusView(after), event.lamport()));
        },
        cmd.replyTo());
  }

  private ReplyEffect<Event, State> onLook(State state, Look cmd) {
    if (!state.inWorld()) {
      return Effect().reply(cmd.replyTo(), notInWorld(state));
    }
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    return this.<LocationEntity.LookReply>askLocation(cmd.meta(), state.location(),
        ref -> new LocationEntity.Look(cmd.meta().relayedAt(stamp), ref),
        (s, reply) -> finish(cmd.replyTo(), reply instanceof LocationEntity.Seen seen
            ? new Looked(seen.view(), seen.lamport())
            : new Rejected(((LocationEntity.Rejected) reply).rejection(), stamp)),
        cmd.replyTo());
  }

  // ---- move ----

  private ReplyEffect<Event, State> onMove(State state, Move cmd) {
    if (!state.inWorld()) {
      return Effect().reply(cmd.replyTo(), notInWorld(state));
    }
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<Direction> direction = Direction.parse(cmd.direction());
    if (direction.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Rejected(Rejection.of(Code.UNKNOWN_DIRECTION,
          "'" + cmd.direction() + "' is not a direction. Try one of: " + Direction.allowedValues() + "."), stamp));
    }
    if (state.recent().contains(cmd.meta().commandId())) {
      return repeatMove(state, cmd, direction.get(), stamp);
    }
    String from = state.location();
    return this.<LocationEntity.ExitReply>askLocation(cmd.meta(), from,
        ref -> new LocationEntity.FindExit(cmd.meta().relayedAt(stamp), direction.get(), ref),
        (s, exitReply) -> {
          if (exitReply instanceof LocationEntity.Rejected r) {
            return finish(cmd.replyTo(), new Rejected(r.rejection(), r.lamport()));
          }
          LocationEntity.ExitOpen exit = (LocationEntity.ExitOpen) exitReply;
          int stamina = s.vitals().staminaAt(wallClock.getAsLong(), regenPerMinute());
          if (stamina < exit.staminaCost()) {
            return finish(cmd.replyTo(), new Rejected(Rejection.of(Code.NOT_ENOUGH_STAMINA, String.format(
                "You are too tired to go %s: it takes %d stamina and you have %d.",
                direction.get().label(), exit.staminaCost(), stamina)), exit.lamport()));
          }
          return enterTarget(cmd, from, exit);
        },
        cmd.replyTo());
  }

  private ReplyEffect<Event, State> enterTarget(Move cmd, String from, LocationEntity.ExitOpen exit) {
    return this.<LocationEntity.EnterReply>askLocation(cmd.meta(), exit.target(),
        ref -> new LocationEntity.Enter(cmd.meta().relayedAt(exit.lamport()), name, from, ref),
        (s, enterReply) -> {
          if (enterReply instanceof LocationEntity.Rejected r) {
            return finish(cmd.replyTo(), new Rejected(r.rejection(), r.lamport()));
          }
          LocationEntity.Entered entered = (LocationEntity.Entered) enterReply;
          Moved event = new Moved(Lamport.receive(s.clock(), entered.lamport()), cmd.meta().commandId(), from,
              exit.target(), exit.direction(), exit.staminaCost(), wallClock.getAsLong());
          return finish(
              Effect().persist(event).thenRun(after -> location(from).tell(new LocationEntity.Leave(
                  cmd.meta().relayedAt(event.lamport()), name, exit.target(), context.getSystem().ignoreRef()))),
              cmd.replyTo(),
              after -> new Arrived(from, exit.target(), exit.direction(), entered.view(),
                  after.vitals().staminaAt(event.at(), regenPerMinute()), event.lamport()));
        },
        cmd.replyTo());
  }

  /**
   * A retried move that was already applied moves nothing. If it was the latest move, both
   * locations are told again (a crash may have cut the protocol short); either way the answer is
   * where the player is now.
   */
  private ReplyEffect<Event, State> repeatMove(State state, Move cmd, Direction direction, long stamp) {
    Moved m = state.lastMove();
    boolean latest = m != null && m.commandId().equals(cmd.meta().commandId());
    if (latest) {
      location(m.from()).tell(new LocationEntity.Leave(cmd.meta().relayedAt(stamp), name, m.to(), context.getSystem().ignoreRef()));
    }
    String from = latest ? m.from() : null;
    return this.<LocationEntity.EnterReply>askLocation(cmd.meta(), state.location(),
        ref -> new LocationEntity.Enter(cmd.meta().relayedAt(stamp), name, from, ref),
        (s, reply) -> finish(cmd.replyTo(), reply instanceof LocationEntity.Entered entered
            ? new Arrived(from, s.location(), latest ? m.direction() : direction, entered.view(),
                s.vitals().staminaAt(wallClock.getAsLong(), regenPerMinute()), entered.lamport())
            : new Rejected(((LocationEntity.Rejected) reply).rejection(), stamp)),
        cmd.replyTo());
  }

  // ---- take and drop ----

  private ReplyEffect<Event, State> onTake(State state, Take cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<Rejected> refusal = refuseItemCommand(state, cmd.item(), stamp);
    if (refusal.isPresent()) {
      return Effect().reply(cmd.replyTo(), refusal.get());
    }
    ItemDef item = itemDef(cmd.item());
    if (state.recent().contains(cmd.meta().commandId())) {
      return Effect().reply(cmd.replyTo(), new Taken(cmd.item(), cmd.quantity(), inventoryView(state.inventory()), stamp));
    }
    Optional<Rejection> refused = InventoryRules.checkAdd(state.inventory(), item, cmd.quantity(), capacity, this::itemDef);
    if (refused.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(refused.get(), stamp));
    }
    String here = state.location();
    return this.<LocationEntity.TakeReply>askLocation(cmd.meta(), here,
        ref -> new LocationEntity.TakeItem(cmd.meta().relayedAt(stamp), name, cmd.item(), cmd.quantity(), ref),
        (s, reply) -> {
          if (reply instanceof LocationEntity.Rejected r) {
            return finish(cmd.replyTo(), new Rejected(r.rejection(), r.lamport()));
          }
          LocationEntity.ItemGranted granted = (LocationEntity.ItemGranted) reply;
          ItemReceived event = new ItemReceived(Lamport.receive(s.clock(), granted.lamport()), cmd.meta().commandId(),
              granted.item(), granted.quantity(), here);
          return finish(Effect().persist(event), cmd.replyTo(),
              after -> new Taken(granted.item(), granted.quantity(), inventoryView(after.inventory()), event.lamport()));
        },
        cmd.replyTo());
  }

  private ReplyEffect<Event, State> onDrop(State state, Drop cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    Optional<Rejected> refusal = refuseItemCommand(state, cmd.item(), stamp);
    if (refusal.isPresent()) {
      return Effect().reply(cmd.replyTo(), refusal.get());
    }
    ItemDef item = itemDef(cmd.item());
    if (state.recent().contains(cmd.meta().commandId())) {
      // Already handed over: deliver again (the location ignores a repeat) and answer as before.
      ItemHandedOver earlier = state.handovers().stream()
          .filter(h -> h.commandId().equals(cmd.meta().commandId())).findFirst().orElse(null);
      if (earlier == null) {
        return Effect().reply(cmd.replyTo(), new Dropped(cmd.item(), cmd.quantity(), inventoryView(state.inventory()), stamp));
      }
      return placeItem(cmd, earlier, Effect().none().thenRun(s -> { }));
    }
    Optional<Rejection> refused = InventoryRules.checkRemove(state.inventory(), item, cmd.quantity(),
        Code.ITEM_NOT_CARRIED, "in your pack");
    if (refused.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(refused.get(), stamp));
    }
    ItemHandedOver event = new ItemHandedOver(stamp, cmd.meta().commandId(), cmd.item(), cmd.quantity(),
        state.location(), wallClock.getAsLong());
    return placeItem(cmd, event, Effect().persist(event));
  }

  /** The location's half of a drop, after the handover is persisted (or found already persisted). */
  private ReplyEffect<Event, State> placeItem(
      Drop cmd, ItemHandedOver handover, akka.persistence.typed.javadsl.EffectBuilder<Event, State> persisted) {
    inFlight = cmd.meta();
    return persisted
        .thenRun(s -> this.<LocationEntity.PlaceReply>ask(cmd.meta(), location(handover.location()),
            ref -> new LocationEntity.PlaceItem(cmd.meta().relayedAt(handover.lamport()), name, handover.item(),
                handover.quantity(), ref),
            (after, reply) -> finish(cmd.replyTo(), reply instanceof LocationEntity.ItemPlaced placed
                ? new Dropped(handover.item(), handover.quantity(), inventoryView(after.inventory()), placed.lamport())
                : new Rejected(((LocationEntity.Rejected) reply).rejection(), handover.lamport())),
            cmd.replyTo()))
        .thenNoReply();
  }

  // ---- the asking machinery ----

  /**
   * Asks a location and continues with {@code then} when it answers, holding other commands back
   * meanwhile. If it does not answer in time the player is told to retry with the same command.
   */
  private <A> ReplyEffect<Event, State> askLocation(
      CommandMeta meta, String locationId, Function<ActorRef<A>, LocationEntity.Command> message,
      java.util.function.BiFunction<State, A, ReplyEffect<Event, State>> then, ActorRef<? super Rejected> replyTo) {
    inFlight = meta;
    ask(meta, location(locationId), message, then, replyTo);
    return Effect().noReply();
  }

  private <A> void ask(
      CommandMeta meta, RecipientRef<LocationEntity.Command> target, Function<ActorRef<A>, LocationEntity.Command> message,
      java.util.function.BiFunction<State, A, ReplyEffect<Event, State>> then, ActorRef<? super Rejected> replyTo) {
    CompletionStage<A> answer = AskPattern.ask(target, message, settings.askTimeout(), context.getSystem().scheduler());
    // Not pipeToSelf: Akka's Java ask stage runs plain whenComplete on the common pool, which on
    // two cores starts a thread per callback. Completing on the answering thread costs nothing.
    ActorRef<Command> self = context.getSelf();
    answer.toCompletableFuture().whenCompleteAsync((reply, failure) -> self.tell(new Resume(meta, state -> failure == null
        ? then.apply(state, reply)
        : finish(replyTo, new Rejected(Rejection.of(Code.UNAVAILABLE,
            "The world did not answer in time. Try again; nothing will happen twice."), state.clock())))),
        Runnable::run);
  }

  private <R> ReplyEffect<Event, State> finish(ActorRef<? super R> replyTo, R reply) {
    inFlight = null;
    return Effect().reply(replyTo, reply).thenUnstashAll();
  }

  private <R> ReplyEffect<Event, State> finish(
      akka.persistence.typed.javadsl.EffectBuilder<Event, State> effect, ActorRef<R> replyTo,
      java.util.function.Function<State, R> reply) {
    inFlight = null;
    return effect.thenReply(replyTo, reply::apply).thenUnstashAll();
  }

  private int regenPerMinute() {
    int every = world.player().spRegenTicks();
    return every == 0 ? 0 : 60 / every;
  }

  private RecipientRef<LocationEntity.Command> location(String id) {
    return locations.apply(id);
  }

  // ---- views and helpers ----

  private ItemDef itemDef(String id) {
    return world.item(id).orElseThrow(() -> new IllegalStateException("item '" + id + "' is not in the world"));
  }

  private InventoryView inventoryView(Inventory inventory) {
    return new InventoryView(inventory.asStacks(), InventoryRules.slotsUsed(inventory, this::itemDef), capacity.slots(),
        InventoryRules.weightGrams(inventory, this::itemDef), capacity.carryGrams());
  }

  private StatusView statusView(State s) {
    Vitals v = s.vitals().recovered(wallClock.getAsLong(), regenPerMinute());
    return new StatusView(name, s.location(), v.hp(), v.hpMax(), v.mp(), v.mpMax(), v.sp(), v.spMax());
  }

  private Rejected notInWorld(State state) {
    return new Rejected(Rejection.of(Code.NOT_IN_WORLD, "You have not entered the world yet."), state.clock());
  }

  /** Why a take or drop of {@code item} cannot even start, if it cannot. */
  private Optional<Rejected> refuseItemCommand(State state, String item, long stamp) {
    if (!state.inWorld()) {
      return Optional.of(notInWorld(state));
    }
    if (world.item(item).isEmpty()) {
      return Optional.of(new Rejected(InventoryRules.unknownItem(item), stamp));
    }
    return Optional.empty();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    int window = settings.dedupWindow();
    int regen = regenPerMinute();
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(EnteredWorld.class, (s, e) ->
            s.next(e, e.location(), s.inventory(), e.vitals(), s.lastMove(), s.handovers(), window))
        .onEvent(Moved.class, (s, e) ->
            s.next(e, e.to(), s.inventory(), s.vitals().spendStamina(e.staminaCost(), e.at(), regen), e, s.handovers(), window))
        .onEvent(ItemReceived.class, (s, e) ->
            s.next(e, s.location(), s.inventory().add(e.item(), e.quantity()), s.vitals(), s.lastMove(), s.handovers(), window))
        .onEvent(ItemHandedOver.class, (s, e) -> {
          List<ItemHandedOver> handovers = new ArrayList<>(s.handovers());
          handovers.add(e);
          if (handovers.size() > HANDOVERS_KEPT) {
            handovers.remove(0);
          }
          return s.next(e, s.location(), s.inventory().remove(e.item(), e.quantity()), s.vitals(), s.lastMove(),
              handovers, window);
        })
        .build();
  }
}
