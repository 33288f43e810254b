package io.microcosm.creature;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
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
import io.microcosm.entity.TickClock;
import io.microcosm.location.LocationEntity;
import io.microcosm.rules.CombatRules;
import io.microcosm.rules.CombatRules.Blow;
import io.microcosm.rules.CombatRules.Combatant;
import io.microcosm.rules.Dice;
import io.microcosm.rules.Inventory;
import io.microcosm.rules.ItemStack;
import io.microcosm.rules.LootRules;
import io.microcosm.world.Aggression;
import io.microcosm.world.CreatureKindDef;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.EffectGrant;
import io.microcosm.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

/**
 * A creature of the world ({@code vale.wolf.1}), sharded with its zone. It owns its hit points and
 * its life: it is the deciding side of every attack on it, strikes back in the same answer, and when
 * it dies it rolls its loot, drops it where it fell and tells its home it is gone until it respawns.
 *
 * <p>Every outcome is rolled from a seed derived from the creature and the command, recorded in the
 * event; a retried attack gets the recorded answer again. It comes back to life lazily: the first
 * command (or world {@link Tick}) at or after its respawn tick finds it alive at home.
 */
public final class CreatureEntity
    extends EventSourcedBehaviorWithEnforcedReplies<CreatureEntity.Command, CreatureEntity.Event, CreatureEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, EntityKind.CREATURE.typeName());

  /** Outcomes kept whole so a retried attack is answered the same. */
  static final int STRIKES_KEPT = 16;
  /** Loot of a death younger than this is delivered again on recovery, in case a crash cut it short. */
  static final long LOOT_REDELIVERY_TICKS = 60;
  public static final int CRIT_PERCENT = 5;

  // ---- protocol --------------------------------------------------------------------------------

  public sealed interface Command extends EntityCommand, CborSerializable permits Strike, Inspect, Tick {}

  /**
   * An attack. {@code location} is where the attacker is; {@code attacker} describes its fighting
   * strength, since the creature decides the outcome.
   */
  public record Strike(
      CommandMeta meta, String attackerId, String location, Combatant attacker, ActorRef<StrikeReply> replyTo)
      implements Command {}

  public record Inspect(CommandMeta meta, ActorRef<CreatureView> replyTo) implements Command {}

  /** The world's clock passing: a dead creature whose time has come respawns. Roaming comes later. */
  public record Tick(CommandMeta meta, long tick, ActorRef<CreatureView> replyTo) implements Command {}

  public sealed interface StrikeReply extends CborSerializable permits StrikeOutcome, Rejected {}

  /**
   * @param blow the attacker's blow
   * @param counter the creature's blow back ({@link Blow#NONE} if it died or never fights back)
   * @param inflicted an effect the counter-blow applied to the attacker, or null
   * @param exp experience for the attacker (only for the killing blow)
   * @param loot what it dropped where it fell (only for the killing blow)
   */
  public record StrikeOutcome(
      String creature, String kind, Blow blow, Blow counter, EffectGrant inflicted, int hp, int hpMax, boolean killed,
      int exp, List<ItemStack> loot, long lamport) implements StrikeReply {}

  public record Rejected(Rejection rejection, long lamport) implements StrikeReply {}

  public record CreatureView(String id, String kind, String location, int hp, int hpMax, boolean alive, long respawnAt)
      implements CborSerializable {}

  // ---- events ----------------------------------------------------------------------------------

  public sealed interface Event extends CborSerializable permits Struck, Respawned {
    long lamport();

    UUID commandId();
  }

  /**
   * An attack and its outcome, rolled from {@code rollSeed}.
   *
   * @param hpAfter the creature's hit points after the blow
   * @param respawnAt when {@code killed}, the tick it comes back
   */
  public record Struck(
      long lamport, UUID commandId, String attacker, String location, long rollSeed, Blow blow, Blow counter,
      EffectGrant inflicted, int hpAfter, boolean killed, int exp, Inventory loot, long respawnAt, long tick)
      implements Event {}

  public record Respawned(long lamport, UUID commandId, String location, long tick) implements Event {}

  // ---- state -----------------------------------------------------------------------------------

  /**
   * @param respawnAt when dead, the tick it comes back
   * @param strikes the latest attacks, newest last
   * @param lastDeath the attack that last killed it, so its loot can be delivered again after a crash
   */
  public record State(
      String location, int hp, boolean dead, long respawnAt, List<Struck> strikes, Struck lastDeath, long clock,
      RecentCommands recent) implements CborSerializable {

    public State {
      strikes = List.copyOf(strikes);
    }

    public boolean aliveAt(long tick) {
      return !dead || tick >= respawnAt;
    }
  }

  // ---- behaviour -------------------------------------------------------------------------------

  private final CreatureSpawn spawn;
  private final CreatureKindDef kind;
  private final EntitySettings settings;
  private final TickClock ticks;
  private final Function<String, RecipientRef<LocationEntity.Command>> locations;
  private final long seed;
  private final ActorContext<Command> context;

  private CreatureEntity(
      CreatureSpawn spawn, CreatureKindDef kind, World world, EntitySettings settings, TickClock ticks,
      Function<String, RecipientRef<LocationEntity.Command>> locations, ActorContext<Command> context) {
    super(PersistenceId.of(ENTITY_KEY.name(), spawn.id()));
    this.spawn = spawn;
    this.kind = kind;
    this.settings = settings;
    this.ticks = ticks;
    this.locations = locations;
    this.seed = Dice.entitySeed(world.seed(), spawn.id());
    this.context = context;
  }

  public static void init(ClusterSharding sharding, World world, EntitySettings settings, TickClock ticks) {
    sharding.init(
        Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), world, settings, ticks,
                id -> sharding.entityRefFor(LocationEntity.ENTITY_KEY, id)))
            .withMessageExtractor(settings.routing().extractor(EntityKind.CREATURE)));
  }

  /** A creature the world does not define answers every attack with {@link Code#NO_SUCH_TARGET}. */
  public static Behavior<Command> create(
      String id, World world, EntitySettings settings, TickClock ticks,
      Function<String, RecipientRef<LocationEntity.Command>> locations) {
    CreatureSpawn spawn = world.creature(id).orElse(null);
    if (spawn == null) {
      return Behaviors.receive(Command.class)
          .onMessage(Strike.class, s -> {
            s.replyTo().tell(new Rejected(Rejection.of(Code.NO_SUCH_TARGET, "There is no creature '" + id + "'."), 0));
            return Behaviors.same();
          })
          .onMessage(Inspect.class, i -> {
            i.replyTo().tell(new CreatureView(id, null, null, 0, 0, false, 0));
            return Behaviors.same();
          })
          .onMessage(Tick.class, t -> Behaviors.same())
          .build();
    }
    return Behaviors.setup(context -> EntityBehaviors.withMdc(Command.class, EntityKind.CREATURE, id,
        new CreatureEntity(spawn, world.kindOf(spawn), world, settings, ticks, locations, context)));
  }

  /**
   * The entity outside any actor system, for its {@link #emptyState()} and {@link #eventHandler()}
   * only: the journal replay rebuilds states with the entity's own event handler. Running its
   * commands is not possible (it has no clock, locations or actor context).
   *
   * @throws IllegalArgumentException if the world has no creature {@code id}
   */
  public static CreatureEntity forReplay(String id, World world, EntitySettings settings) {
    CreatureSpawn spawn = world.creature(id)
        .orElseThrow(() -> new IllegalArgumentException("the world '" + world.name() + "' has no creature '" + id + "'"));
    return new CreatureEntity(spawn, world.kindOf(spawn), world, settings, null, null, null);
  }

  @Override
  public State emptyState() {
    return new State(spawn.home(), kind.hp(), false, 0, List.of(), null, 0,
        RecentCommands.withCapacity(settings.dedupWindow()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.keepSnapshots());
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return settings.tagsFor(EntityKind.CREATURE, persistenceId());
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::redeliverLoot).build();
  }

  /** A death is announced and its loot dropped again if recent; the location ignores what it already has. */
  private void redeliverLoot(State state) {
    Struck death = state.lastDeath();
    if (death != null && ticks.now() - death.tick() <= LOOT_REDELIVERY_TICKS) {
      announceDeath(death);
    }
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Strike.class, this::onStrike)
        .onCommand(Inspect.class, (s, c) -> Effect().reply(c.replyTo(), view(s, ticks.now())))
        .onCommand(Tick.class, this::onTick)
        .build();
  }

  private ReplyEffect<Event, State> onStrike(State state, Strike cmd) {
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    for (Struck earlier : state.strikes()) {
      if (earlier.commandId().equals(cmd.meta().commandId())) {
        return Effect().reply(cmd.replyTo(), outcome(earlier, stamp));
      }
    }
    long now = ticks.now();
    if (!state.aliveAt(now)) {
      return Effect().reply(cmd.replyTo(), new Rejected(Rejection.of(Code.TARGET_DEAD,
          "The " + kind.name() + " is already dead."), stamp));
    }
    boolean respawning = state.dead();
    String where = respawning ? spawn.home() : state.location();
    if (!where.equals(cmd.location())) {
      return Effect().reply(cmd.replyTo(), new Rejected(Rejection.of(Code.NOT_HERE,
          "The " + kind.name() + " is not here."), stamp));
    }
    int hp = respawning ? kind.hp() : state.hp();
    long roll = Dice.rollSeed(seed, cmd.meta().commandId());
    SplittableRandom rng = Dice.roll(roll);
    Combatant self = new Combatant(kind.level(), kind.attack(), kind.defense(), CRIT_PERCENT);
    Blow blow = CombatRules.strike(cmd.attacker(), self, rng);
    boolean killed = blow.damage() >= hp;
    Blow counter = Blow.NONE;
    EffectGrant inflicted = null;
    Inventory loot = Inventory.EMPTY;
    if (killed) {
      loot = LootRules.roll(kind.loot(), rng);
    } else if (kind.aggression() != Aggression.PASSIVE) {
      counter = CombatRules.strike(self, cmd.attacker(), rng);
      if (counter.damage() > 0 && kind.onHit() != null && Dice.chance(rng, kind.onHitPercent())) {
        inflicted = kind.onHit();
      }
    }
    Struck struck = new Struck(stamp, cmd.meta().commandId(), cmd.attackerId(), where, roll, blow, counter, inflicted,
        killed ? 0 : hp - blow.damage(), killed, killed ? kind.exp() : 0, loot, killed ? now + kind.respawnTicks() : 0, now);
    List<Event> events = respawning
        ? List.of(new Respawned(stamp, CommandMeta.derived(cmd.meta().commandId(), "respawn"), spawn.home(), now), struck)
        : List.of(struck);
    return Effect().persist(events)
        .thenRun(after -> {
          if (killed) {
            announceDeath(struck);
          }
        })
        .thenReply(cmd.replyTo(), after -> outcome(struck, stamp));
  }

  private ReplyEffect<Event, State> onTick(State state, Tick cmd) {
    if (state.dead() && cmd.tick() >= state.respawnAt()) {
      long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
      return Effect().persist(new Respawned(stamp, cmd.meta().commandId(), spawn.home(), cmd.tick()))
          .thenReply(cmd.replyTo(), after -> view(after, cmd.tick()));
    }
    return Effect().reply(cmd.replyTo(), view(state, cmd.tick()));
  }

  /** Drops the loot where it fell and tells its home; both steps carry ids derived from the killing command. */
  private void announceDeath(Struck death) {
    RecipientRef<LocationEntity.Command> place = locations.apply(death.location());
    for (ItemStack stack : death.loot().asStacks()) {
      place.tell(new LocationEntity.PlaceItem(
          new CommandMeta(CommandMeta.derived(death.commandId(), "loot/" + stack.item()), spawn.id(), death.lamport()),
          spawn.id(), stack.item(), stack.quantity(), context.getSystem().ignoreRef()));
    }
    locations.apply(spawn.home()).tell(new LocationEntity.CreatureFell(
        new CommandMeta(CommandMeta.derived(death.commandId(), "fell"), spawn.id(), death.lamport()),
        spawn.id(), death.attacker(), death.respawnAt(), context.getSystem().ignoreRef()));
  }

  private StrikeOutcome outcome(Struck s, long stamp) {
    return new StrikeOutcome(spawn.id(), kind.id(), s.blow(), s.counter(), s.inflicted(), s.hpAfter(), kind.hp(),
        s.killed(), s.exp(), s.loot().asStacks(), stamp);
  }

  private CreatureView view(State s, long now) {
    boolean alive = s.aliveAt(now);
    boolean back = alive && s.dead();
    return new CreatureView(spawn.id(), kind.id(), back ? spawn.home() : s.location(), back ? kind.hp() : s.hp(),
        kind.hp(), alive, s.dead() ? s.respawnAt() : 0);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    int window = settings.dedupWindow();
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Respawned.class, (s, e) -> new State(e.location(), kind.hp(), false, 0, s.strikes(), s.lastDeath(),
            Math.max(s.clock(), e.lamport()), s.recent().resized(window).add(e.commandId())))
        .onEvent(Struck.class, (s, e) -> {
          List<Struck> strikes = new ArrayList<>(s.strikes());
          strikes.add(e);
          if (strikes.size() > STRIKES_KEPT) {
            strikes.remove(0);
          }
          return new State(e.location(), e.hpAfter(), e.killed(), e.killed() ? e.respawnAt() : s.respawnAt(), strikes,
              e.killed() ? e : s.lastDeath(), Math.max(s.clock(), e.lamport()), s.recent().resized(window).add(e.commandId()));
        })
        .build();
  }
}
