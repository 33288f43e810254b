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
import io.microcosm.clock.Almanac;
import io.microcosm.clock.Conditions;
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
import io.microcosm.entity.ShardRouting;
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
import io.microcosm.world.ExitDef;
import io.microcosm.world.World;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 *
 * <p>Its zone sends it {@link Live} as the world's ticks pass. Each tick it may wander through an
 * exit to another place of its zone (less in rain and snow, not at all in a storm, more when a world
 * event stirs its kind), and an aggressive creature with players in reach may attack one of them:
 * it sends the player an {@link Assault}, and the player, who owns its hit points, rolls and records
 * the blow. What it does at a tick is drawn from a seed of the creature and the tick alone, so a zone
 * that catches up on many ticks at once gets exactly what tick-by-tick living would have given.
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

  public sealed interface Command extends EntityCommand, CborSerializable permits Strike, Inspect, Tick, Live {}

  /**
   * An attack. {@code location} is where the attacker is; {@code attacker} describes its fighting
   * strength, since the creature decides the outcome.
   */
  public record Strike(
      CommandMeta meta, String attackerId, String location, Combatant attacker, ActorRef<StrikeReply> replyTo)
      implements Command {}

  public record Inspect(CommandMeta meta, ActorRef<CreatureView> replyTo) implements Command {}

  /**
   * One tick, asked directly (answered with the creature as it is then): a dead creature whose time
   * has come respawns. The zone ticks its creatures with {@link Live}.
   */
  public record Tick(CommandMeta meta, long tick, ActorRef<CreatureView> replyTo) implements Command {}

  /**
   * World ticks {@code fromTick} to {@code toTick} have passed (sent by the zone; ticks already lived
   * are skipped). {@code now} are the zone's conditions at {@code toTick}, and {@code players} who is
   * where in the zone at {@code toTick}: only then may the creature attack.
   */
  public record Live(
      CommandMeta meta, long fromTick, long toTick, Conditions now, Map<String, List<String>> players)
      implements Command {}

  /**
   * A creature attacks a player on its own: the player rolls the blow from this description (it owns
   * its hit points) and records it; a retry with the same commandId changes nothing.
   */
  public record Assault(
      CommandMeta meta, String creature, String kind, String location, Combatant attacker, EffectGrant onHit,
      int onHitPercent) implements CborSerializable {}

  /** Where assaults go: to the player entities, in production. */
  @FunctionalInterface
  public interface Prey {
    Prey NONE = (player, assault) -> { };

    void ambush(String player, Assault assault);
  }

  /** What a creature talks to and lives by. */
  public record Links(
      Function<String, RecipientRef<LocationEntity.Command>> locations, Prey prey, Almanac almanac, CreatureHabits habits) {}

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

  public sealed interface Event extends CborSerializable permits Struck, Respawned, Roamed {
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

  /** It wandered from {@code from} to {@code to} over the ticks up to {@code tick} (one or more steps). */
  public record Roamed(long lamport, UUID commandId, String from, String to, long tick) implements Event {}

  // ---- state -----------------------------------------------------------------------------------

  /**
   * @param respawnAt when dead, the tick it comes back
   * @param strikes the latest attacks, newest last
   * @param lastDeath the attack that last killed it, so its loot can be delivered again after a crash
   * @param cameFrom where it was before it last changed place (null if never), so both places can be
   *     told again after a crash
   */
  public record State(
      String location, int hp, boolean dead, long respawnAt, List<Struck> strikes, Struck lastDeath, long clock,
      RecentCommands recent, String cameFrom) implements CborSerializable {

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
  private final Prey prey;
  private final Almanac almanac;
  private final CreatureHabits habits;
  private final World world;
  private final String zone;
  private final long seed;
  private final ActorContext<Command> context;
  /** The last tick lived; not state: ticks lived without an event change nothing when lived again. */
  private long livedThrough = Long.MIN_VALUE;

  private CreatureEntity(
      CreatureSpawn spawn, CreatureKindDef kind, World world, EntitySettings settings, TickClock ticks, Links links,
      ActorContext<Command> context) {
    super(PersistenceId.of(ENTITY_KEY.name(), spawn.id()));
    this.spawn = spawn;
    this.kind = kind;
    this.settings = settings;
    this.ticks = ticks;
    this.locations = links.locations();
    this.prey = links.prey();
    this.almanac = links.almanac();
    this.habits = links.habits();
    this.world = world;
    this.zone = ShardRouting.zoneOf(spawn.id());
    this.seed = Dice.entitySeed(world.seed(), spawn.id());
    this.context = context;
  }

  public static void init(ClusterSharding sharding, World world, EntitySettings settings, TickClock ticks) {
    init(sharding, world, settings, ticks, Prey.NONE, Almanac.calm(world), CreatureHabits.DEFAULT);
  }

  public static void init(
      ClusterSharding sharding, World world, EntitySettings settings, TickClock ticks, Prey prey, Almanac almanac,
      CreatureHabits habits) {
    Links links = new Links(id -> sharding.entityRefFor(LocationEntity.ENTITY_KEY, id), prey, almanac, habits);
    sharding.init(settings.routing().placed(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), world, settings, ticks, links)), EntityKind.CREATURE));
  }

  /** A creature that attacks nobody on its own, under a calm almanac. */
  public static Behavior<Command> create(
      String id, World world, EntitySettings settings, TickClock ticks,
      Function<String, RecipientRef<LocationEntity.Command>> locations) {
    return create(id, world, settings, ticks, new Links(locations, Prey.NONE, Almanac.calm(world), CreatureHabits.DEFAULT));
  }

  /** A creature the world does not define answers every attack with {@link Code#NO_SUCH_TARGET}. */
  public static Behavior<Command> create(String id, World world, EntitySettings settings, TickClock ticks, Links links) {
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
          .onMessage(Live.class, t -> Behaviors.same())
          .build();
    }
    return Behaviors.setup(context -> EntityBehaviors.withMdc(Command.class, EntityKind.CREATURE, id,
        new CreatureEntity(spawn, world.kindOf(spawn), world, settings, ticks, links, context)));
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
    Links none = new Links(location -> null, Prey.NONE, Almanac.calm(world), CreatureHabits.DEFAULT);
    return new CreatureEntity(spawn, world.kindOf(spawn), world, settings, null, none, null);
  }

  @Override
  public State emptyState() {
    return new State(spawn.home(), kind.hp(), false, 0, List.of(), null, 0,
        RecentCommands.withCapacity(settings.dedupWindow()), null);
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

  /**
   * A death is announced and its loot dropped again if recent; the location ignores what it already
   * has. A creature away from home, or that last changed place, tells both places again where it is.
   */
  private void redeliverLoot(State state) {
    Struck death = state.lastDeath();
    if (death != null && ticks.now() - death.tick() <= LOOT_REDELIVERY_TICKS) {
      announceDeath(death);
    }
    if (state.cameFrom() != null && !state.cameFrom().equals(state.location())) {
      tellMoved(state.cameFrom(), state.location(), UUID.randomUUID(), state.clock());
    }
  }

  private void tellMoved(String from, String to, UUID commandId, long lamport) {
    CommandMeta meta = new CommandMeta(commandId, spawn.id(), lamport);
    locations.apply(from).tell(new LocationEntity.CreatureMoved(meta, spawn.id(), from, to));
    if (!to.equals(from)) {
      locations.apply(to).tell(new LocationEntity.CreatureMoved(meta, spawn.id(), from, to));
    }
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Strike.class, this::onStrike)
        .onCommand(Inspect.class, (s, c) -> Effect().reply(c.replyTo(), view(s, ticks.now())))
        .onCommand(Tick.class, this::onTick)
        .onCommand(Live.class, this::onLive)
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

  private ReplyEffect<Event, State> onLive(State state, Live cmd) {
    long from = livedThrough == Long.MIN_VALUE ? cmd.fromTick() : Math.max(cmd.fromTick(), livedThrough + 1);
    if (from > cmd.toTick()) {
      return Effect().noReply();
    }
    livedThrough = cmd.toTick();
    long stamp = Lamport.receive(state.clock(), cmd.meta().lamport());
    List<Event> events = new ArrayList<>();
    boolean dead = state.dead();
    String at = state.location();
    String start = at;
    Assault assault = null;
    for (long t = from; t <= cmd.toTick(); t++) {
      if (dead) {
        if (state.respawnAt() > cmd.toTick()) {
          break;
        }
        t = Math.max(t, state.respawnAt());
        events.add(new Respawned(stamp, CommandMeta.derived(cmd.meta().commandId(), "respawn"), spawn.home(), t));
        dead = false;
        at = spawn.home();
        start = at;
      }
      SplittableRandom rng = Dice.roll(Dice.tickSeed(seed, t));
      Conditions here = t == cmd.toTick() && cmd.now() != null ? cmd.now() : almanac.conditions(zone, t);
      List<String> players = t == cmd.toTick() ? cmd.players().getOrDefault(at, List.of()) : List.of();
      if (!players.isEmpty() && aggressive(here)) {
        if (Dice.chance(rng, habits.attackPercent() + here.weather().ambushPercent())) {
          String target = players.get(rng.nextInt(players.size()));
          UUID id = UUID.nameUUIDFromBytes((spawn.id() + "@" + t).getBytes(StandardCharsets.UTF_8));
          assault = new Assault(new CommandMeta(id, spawn.id(), stamp), spawn.id(), kind.id(), at,
              new Combatant(kind.level(), kind.attack(), kind.defense(), CRIT_PERCENT), kind.onHit(), kind.onHitPercent());
          prey.ambush(target, assault);
        }
        continue;
      }
      int roam = habits.roamPercent() * here.weather().roamPercent() / 100 + here.roamPercent();
      if (Dice.chance(rng, roam)) {
        List<String> ways = waysOn(at);
        if (!ways.isEmpty()) {
          at = ways.get(rng.nextInt(ways.size()));
        }
      }
    }
    if (!at.equals(start)) {
      events.add(new Roamed(stamp, CommandMeta.derived(cmd.meta().commandId(), "roam/" + spawn.id()), start, at,
          cmd.toTick()));
    }
    if (events.isEmpty()) {
      return Effect().noReply();
    }
    String was = state.location();
    String now = at;
    boolean moved = !now.equals(was);
    return Effect().persist(events)
        .thenRun(after -> {
          if (moved) {
            tellMoved(was, now, events.get(events.size() - 1).commandId(), after.clock());
          }
        })
        .thenNoReply();
  }

  /** Whether it attacks players on sight now: by nature, or stirred up by a world event. */
  private boolean aggressive(Conditions here) {
    return kind.aggression() == Aggression.AGGRESSIVE || here.aggressiveKinds().contains(kind.id());
  }

  /** The places it may wander to from {@code at}: through open exits, within its zone. */
  private List<String> waysOn(String at) {
    return world.location(at)
        .map(def -> def.exits().values().stream()
            .filter(ExitDef::passable)
            .map(ExitDef::target)
            .filter(target -> world.location(target).map(l -> l.zone().equals(zone)).orElse(false))
            .toList())
        .orElse(List.of());
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
    if (!death.location().equals(spawn.home())) {
      // Fallen away from home: it is gone from there, and respawns at home.
      tellMoved(death.location(), spawn.home(), CommandMeta.derived(death.commandId(), "gone"), death.lamport());
    }
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
            Math.max(s.clock(), e.lamport()), s.recent().resized(window).add(e.commandId()),
            e.location().equals(s.location()) ? s.cameFrom() : s.location()))
        .onEvent(Roamed.class, (s, e) -> new State(e.to(), s.hp(), s.dead(), s.respawnAt(), s.strikes(), s.lastDeath(),
            Math.max(s.clock(), e.lamport()), s.recent().resized(window).add(e.commandId()), e.from()))
        .onEvent(Struck.class, (s, e) -> {
          List<Struck> strikes = new ArrayList<>(s.strikes());
          strikes.add(e);
          if (strikes.size() > STRIKES_KEPT) {
            strikes.remove(0);
          }
          return new State(e.location(), e.hpAfter(), e.killed(), e.killed() ? e.respawnAt() : s.respawnAt(), strikes,
              e.killed() ? e : s.lastDeath(), Math.max(s.clock(), e.lamport()), s.recent().resized(window).add(e.commandId()),
              s.cameFrom());
        })
        .build();
  }
}
