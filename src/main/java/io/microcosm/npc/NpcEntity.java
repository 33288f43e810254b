package io.microcosm.npc;

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
import com.typesafe.config.Config;
import io.microcosm.creature.CreatureEntity;
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
import io.microcosm.location.Onlookers;
import io.microcosm.npc.NpcMind.ChatWith;
import io.microcosm.npc.NpcMind.Fight;
import io.microcosm.npc.NpcMind.HarvestNode;
import io.microcosm.npc.NpcMind.Intent;
import io.microcosm.npc.NpcMind.Perception;
import io.microcosm.npc.NpcMind.Step;
import io.microcosm.npc.NpcMind.TakeFood;
import io.microcosm.npc.NpcMind.Walk;
import io.microcosm.rules.CombatRules.Blow;
import io.microcosm.rules.CombatRules.Combatant;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.NpcActivity;
import io.microcosm.world.NpcDef;
import io.microcosm.world.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * A person of the world with a mind of its own (see {@link Mind} and {@link NpcMind}). Its zone
 * ticks it; each {@link Tick} advances its mind tick by tick up to the given one, so an NPC ticked
 * only every few ticks catches up to where it would have been. It moves, gathers and takes food
 * through the same location commands players use, so it meets the same rules and refusals, and it
 * is an occupant of its location like a player.
 *
 * <p>Quiet ticks persist nothing: needs and emotion are carried forward in closed form, and a
 * decision is recomputed identically after a restart, so only changes are journaled. Capabilities
 * carry command ids derived from the NPC, the tick and the step, so a tick redone after a crash is
 * recognised by the location and not applied twice.
 */
public final class NpcEntity
    extends EventSourcedBehaviorWithEnforcedReplies<NpcEntity.Command, NpcEntity.Event, NpcEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, EntityKind.NPC.typeName());

  /**
   * How an NPC finds the entities it talks to: sharding in production, test actors in tests.
   *
   * @param creatures null when it has no creatures to fight (it then leaves them alone)
   */
  public record Peers(
      java.util.function.Function<String, RecipientRef<LocationEntity.Command>> locations,
      java.util.function.Function<String, RecipientRef<Command>> npcs,
      java.util.function.Function<String, RecipientRef<CreatureEntity.Command>> creatures) {

    /** Without creatures to fight. */
    public Peers(java.util.function.Function<String, RecipientRef<LocationEntity.Command>> locations,
        java.util.function.Function<String, RecipientRef<Command>> npcs) {
      this(locations, npcs, null);
    }

    public static Peers sharded(ClusterSharding sharding) {
      return new Peers(id -> sharding.entityRefFor(LocationEntity.ENTITY_KEY, id),
          id -> sharding.entityRefFor(ENTITY_KEY, id), id -> sharding.entityRefFor(CreatureEntity.ENTITY_KEY, id));
    }
  }

  /** Tells NPCs what their location saw and heard, as {@link Witness} and {@link Hear}. */
  public static Onlookers onlookers(java.util.function.Function<String, RecipientRef<Command>> npcs) {
    return new Onlookers() {
      @Override
      public void saw(String npc, CommandMeta meta, LocationEntity.Broadcast broadcast) {
        npcs.apply(npc).tell(new Witness(meta, broadcast));
      }

      @Override
      public void heard(String npc, CommandMeta meta, String location, String speaker, String text) {
        npcs.apply(npc).tell(new Hear(meta, location, speaker, text));
      }
    };
  }

  // ---- protocol --------------------------------------------------------------------------------

  public sealed interface Command extends EntityCommand
      permits Tick, Chat, Talk, Give, Inspect, Recall, Perceived, Resume, Witness, Hear {}

  /**
   * Advance the mind to world tick {@code tick}, catching up every tick since the last one it
   * reached. Answered when it has got there (after any capability it used on the way).
   *
   * @param weather the zone's weather, or null when not known
   */
  public record Tick(CommandMeta meta, long tick, String weather, ActorRef<Ticked> replyTo)
      implements Command, CborSerializable {}

  /** Another NPC at {@code location} talks with this one. */
  public record Chat(CommandMeta meta, String from, String location, long tick, Emotion emotion, ActorRef<ChatReply> replyTo)
      implements Command, CborSerializable {}

  /**
   * A player at {@code location} talks to this NPC, about {@code topic} when asked about something
   * (null: just talking). {@code standing} is the player's standing with this NPC's faction.
   */
  public record Talk(CommandMeta meta, String player, String location, String topic, long tick, int standing,
      ActorRef<TalkReply> replyTo) implements Command, CborSerializable {}

  /** The second step of a gift: {@code giver} has already handed these units over. Idempotent by commandId. */
  public record Give(CommandMeta meta, String giver, String location, String item, int quantity, long tick, int standing,
      ActorRef<GiveReply> replyTo) implements Command, CborSerializable {}

  public record Inspect(CommandMeta meta, ActorRef<NpcView> replyTo) implements Command, CborSerializable {}

  /**
   * Memories, newest first, filtered by type (null: all) and importance; with a {@code query}
   * they are ranked by recency, importance and relevance to it instead.
   */
  public record Recall(CommandMeta meta, MemoryType type, int minImportance, int limit, String query,
      ActorRef<MemoriesView> replyTo) implements Command, CborSerializable {}

  /** Something happened at the NPC's location while it was there (told by the location). */
  public record Witness(CommandMeta meta, LocationEntity.Broadcast broadcast) implements Command, CborSerializable {}

  /** {@code speaker} said {@code text} aloud at {@code location} while the NPC was there. */
  public record Hear(CommandMeta meta, String location, String speaker, String text) implements Command, CborSerializable {}

  /** What the NPC's location said when it came back after a restart (null: no answer in time). Local only. */
  private record Perceived(CommandMeta meta, LocationEntity.EnterReply reply) implements Command {}

  /** The next step after another entity answered. Local only. */
  private record Resume(CommandMeta meta, java.util.function.Function<State, ReplyEffect<Event, State>> step)
      implements Command {}

  public record Ticked(String npc, long tick, NpcActivity activity, String location, int events)
      implements CborSerializable {}

  public sealed interface ChatReply extends CborSerializable permits Chatted, Rejected {}

  public sealed interface TalkReply extends CborSerializable permits Said, Rejected {}

  public sealed interface GiveReply extends CborSerializable permits Received, Rejected {}

  public record Chatted(String npc, Emotion emotion, long lamport) implements ChatReply {}

  /**
   * What the NPC said: {@code line} is its speech, which a client shows as it is.
   *
   * @param offer a goal it asks the player's help with, or null
   */
  /** @param needs the ids of the needs (goals) the NPC still has, so a player's log can let go of met ones */
  public record Said(String npc, String name, String line, Mood mood, Goal offer, List<String> needs, long lamport)
      implements TalkReply {}

  /** @param goalMet the goal the gift fulfilled, or null */
  public record Received(String npc, String name, String item, int quantity, String line, Goal goalMet, long lamport)
      implements GiveReply {}

  public record Rejected(Rejection rejection, long lamport) implements ChatReply, TalkReply, GiveReply {}

  /** What the API shows of an NPC. */
  public record NpcView(
      String id, String name, String role, String faction, String location, String activity, Emotion emotion,
      Needs needs, List<Goal> goals, List<String> thoughts, List<ItemStack> pack, Map<String, Relationship> relationships,
      long asOf, int memories, long forgotten) implements CborSerializable {}

  public record MemoryView(long id, long tick, String type, int importance, String text, List<String> about,
      List<Long> evidence, Double score) implements CborSerializable {}

  public record MemoriesView(String npc, List<MemoryView> memories) implements CborSerializable {}

  // ---- events ----------------------------------------------------------------------------------

  /** Every event says at which world tick it happened; needs and emotion are carried forward to it. */
  public sealed interface Event extends CborSerializable
      permits Placed, ActivityChosen, Moved, Provisioned, Ate, Got, Felt, Shaken, Socialised, Remembered,
          Reflected, RelationChanged, GoalSet, GoalProgressed, GoalDropped, ForageFailed, WeatherNoticed, Talked,
          Fought {
    long lamport();

    UUID commandId();

    long tick();
  }

  /** The NPC appeared in the world, at {@code location}. */
  public record Placed(long lamport, UUID commandId, long tick, String location) implements Event {}

  public record ActivityChosen(long lamport, UUID commandId, long tick, NpcActivity activity) implements Event {}

  public record Moved(long lamport, UUID commandId, long tick, String from, String to) implements Event {}

  /** Its household topped its pack up for {@code day}. */
  public record Provisioned(long lamport, UUID commandId, long tick, List<ItemStack> items, long day) implements Event {}

  public record Ate(long lamport, UUID commandId, long tick, String item, int nourishment) implements Event {}

  /** Units it received: gathered, taken, or given by {@code from}. */
  public record Got(long lamport, UUID commandId, long tick, String item, int quantity, String from) implements Event {}

  public record Felt(long lamport, UUID commandId, long tick, Mood mood, double strength, String cause) implements Event {}

  /** Its sense of safety fell by {@code amount}. */
  public record Shaken(long lamport, UUID commandId, long tick, double amount, String cause) implements Event {}

  public record Socialised(long lamport, UUID commandId, long tick, String with, double amount) implements Event {}

  public record Remembered(long lamport, UUID commandId, long tick, Memory memory) implements Event {}

  public record Reflected(long lamport, UUID commandId, long tick, List<Memory> insights) implements Event {}

  public record RelationChanged(long lamport, UUID commandId, long tick, String other, int affinity, int trust, int rivalry)
      implements Event {}

  public record GoalSet(long lamport, UUID commandId, long tick, Goal goal) implements Event {}

  public record GoalProgressed(long lamport, UUID commandId, long tick, String goal, int received) implements Event {}

  public record GoalDropped(long lamport, UUID commandId, long tick, String goal) implements Event {}

  public record ForageFailed(long lamport, UUID commandId, long tick, String place) implements Event {}

  public record WeatherNoticed(long lamport, UUID commandId, long tick, String weather) implements Event {}

  /** It spoke {@code line} to {@code player}. */
  public record Talked(long lamport, UUID commandId, long tick, String player, String topic, String line) implements Event {}

  /**
   * It struck {@code creature} at {@code location}; the creature decided {@code blow} and its
   * {@code counter} by the combat rules, and was left with {@code hpLeft}.
   */
  public record Fought(long lamport, UUID commandId, long tick, String creature, String location,
      Blow blow, Blow counter, int hpLeft, boolean killed)
      implements Event {}

  // ---- state -----------------------------------------------------------------------------------

  public record State(Mind mind, long clock, RecentCommands recent) implements CborSerializable {}

  // ---- behaviour -------------------------------------------------------------------------------

  private final NpcDef def;
  private final NpcMind minds;
  private final EntitySettings settings;
  private final Peers peers;
  private final ActorContext<Command> context;
  private final Dialogue dialogue;
  /** The last tick the mind was advanced to; not state: after a restart the quiet ticks are simply redone. */
  private long reached = Long.MIN_VALUE;
  /** What the NPC knows of where it is: from the answer to its arrival, then from what the place tells it. */
  private Perception seen = Perception.NOTHING;
  private CommandMeta inFlight;
  /** Back from a stop and not yet told by its location what is there: ticks wait. */
  private boolean looking;

  private NpcEntity(NpcDef def, NpcMind minds, EntitySettings settings, Peers peers, ActorContext<Command> context) {
    super(PersistenceId.of(ENTITY_KEY.name(), def.id()));
    this.def = def;
    this.minds = minds;
    this.settings = settings;
    this.peers = peers;
    this.context = context;
    this.dialogue = new Dialogue(minds);
  }

  /**
   * @throws IllegalArgumentException when {@code microcosm.npc.ticks-per-day} is set and disagrees
   *     with the world clock's day, which would put NPCs to bed at noon
   */
  public static NpcMind.Settings settingsFrom(Config config) {
    Config c = config.getConfig("microcosm.npc");
    long clockDay = io.microcosm.clock.Calendar.fromConfig(config).ticksPerDay();
    long ticksPerDay = c.hasPath("ticks-per-day") ? c.getLong("ticks-per-day") : clockDay;
    if (ticksPerDay != clockDay) {
      throw new IllegalArgumentException("microcosm.npc.ticks-per-day is " + ticksPerDay + " but the world clock's day is "
          + clockDay + " ticks (microcosm.clock.minutes-per-tick = " + config.getInt("microcosm.clock.minutes-per-tick")
          + "); leave ticks-per-day unset to follow the clock");
    }
    return new NpcMind.Settings(new DayCycle(ticksPerDay), c.getInt("memory-capacity"),
        c.getInt("reflection-threshold"), c.getInt("max-catch-up"));
  }

  public static void init(ClusterSharding sharding, World world, EntitySettings settings, NpcMind.Settings npcSettings) {
    init(sharding, world, settings, npcSettings, null);
  }

  /** With the world events of {@code almanac} (null: none) noticed by the NPCs of the zones they touch. */
  public static void init(
      ClusterSharding sharding, World world, EntitySettings settings, NpcMind.Settings npcSettings,
      io.microcosm.clock.Almanac almanac) {
    NpcMind minds = new NpcMind(world, npcSettings, almanac);
    Peers peers = Peers.sharded(sharding);
    sharding.init(settings.routing().placed(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), minds, settings, peers)), EntityKind.NPC));
  }

  /** @throws IllegalArgumentException when the world has no such NPC */
  public static Behavior<Command> create(String id, NpcMind minds, EntitySettings settings, Peers peers) {
    NpcDef def = minds.world().npc(id)
        .orElseThrow(() -> new IllegalArgumentException("no npc '" + id + "' in world " + minds.world().name()));
    return Behaviors.setup(context -> EntityBehaviors.withMdc(Command.class, EntityKind.NPC, id,
        new NpcEntity(def, minds, settings, peers, context)));
  }

  @Override
  public State emptyState() {
    return new State(Mind.initial(def), 0, RecentCommands.withCapacity(settings.dedupWindow()));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.keepSnapshots());
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return settings.tagsFor(EntityKind.NPC, persistenceId());
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::reassertPresence).build();
  }

  /**
   * Back after a stop: the NPC tells its location it is there (idempotent) and looks around before
   * it lives on, so it decides from what is there as it would have without the stop.
   */
  private void reassertPresence(State state) {
    if (!state.mind().placed()) {
      return;
    }
    CommandMeta meta = new CommandMeta(UUID.randomUUID(), def.id(), state.clock());
    looking = true;
    ActorRef<Command> self = context.getSelf();
    AskPattern.<LocationEntity.Command, LocationEntity.EnterReply>ask(location(state.mind().location()),
            ref -> new LocationEntity.Enter(meta, def.id(), null, ref), settings.askTimeout(), context.getSystem().scheduler())
        .whenCompleteAsync((reply, failure) -> self.tell(new Perceived(meta, reply)), Runnable::run);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Resume.class, this::onResume)
        .onCommand(Perceived.class, this::onPerceived)
        .onCommand(Inspect.class, (s, c) -> Effect().reply(c.replyTo(), view(s)))
        .onCommand(Recall.class, this::onRecall)
        // conversations are answered at once, even mid-walk: two NPCs talking to each other must not wait on each other
        .onCommand(Chat.class, this::onChat)
        .onCommand(Talk.class, this::onTalk)
        .onCommand(Give.class, this::onGive)
        // what it sees and hears is taken in at once too: it changes what it knows, not what it is doing
        .onCommand(Witness.class, this::onWitness)
        .onCommand(Hear.class, this::onHear)
        .onCommand(c -> inFlight != null || looking, (s, c) -> Effect().stash())
        .onCommand(Tick.class, this::onTick)
        .build();
  }

  private ReplyEffect<Event, State> onResume(State state, Resume resume) {
    if (inFlight == null || !inFlight.commandId().equals(resume.meta().commandId())) {
      throw new IllegalStateException("resumed " + resume.meta().commandId() + " while " + inFlight + " was in flight");
    }
    return resume.step().apply(state);
  }

  private ReplyEffect<Event, State> onPerceived(State state, Perceived p) {
    if (p.reply() instanceof LocationEntity.Entered entered && entered.view().id().equals(state.mind().location())) {
      seen = Perception.of(entered.view(), def.id());
    } else if (p.reply() == null) {
      context.getLog().warn("Its location did not answer in time; {} lives on without looking around", def.id());
    }
    if (looking) {
      looking = false;
      return Effect().noReply().thenUnstashAll();
    }
    return Effect().noReply();
  }

  // ---- ticking ----

  private ReplyEffect<Event, State> onTick(State state, Tick tick) {
    long stamp = Lamport.receive(state.clock(), tick.meta().lamport());
    if (!state.mind().placed()) {
      return appear(state, tick, stamp);
    }
    long from = Math.max(reached, state.mind().asOf()) + 1;
    from = Math.max(from, tick.tick() - minds.settings().maxCatchUp() + 1);
    return run(state.mind(), List.of(), from, tick, stamp);
  }

  /** The NPC's first tick: its home accepts it, then it starts living. */
  private ReplyEffect<Event, State> appear(State state, Tick tick, long stamp) {
    CommandMeta meta = new CommandMeta(NpcMind.stepId(def.id(), tick.tick(), "appear"), def.id(), stamp);
    return this.<LocationEntity.Command, LocationEntity.EnterReply>askThen(meta, location(def.home()),
        ref -> new LocationEntity.Enter(meta, def.id(), null, ref),
        (s, reply) -> {
          if (reply instanceof LocationEntity.Entered entered) {
            seen = Perception.of(entered.view(), def.id());
            Placed placed = new Placed(Lamport.receive(s.clock(), entered.lamport()), meta.commandId(), tick.tick(), def.home());
            Mind mind = s.mind().apply(placed, def, minds.settings().memoryCapacity());
            return run(mind, List.of(placed), tick.tick(), tick, placed.lamport());
          }
          return done(List.of(), tick, s.mind());
        },
        () -> done(List.of(), tick, state.mind()));
  }

  /**
   * Advances {@code mind} (the persisted mind with {@code pending} applied) tick by tick from
   * {@code from} to the tick asked for. Stops at the first capability: persists what is pending,
   * carries the capability out, and goes on from the next tick with its outcome.
   */
  private ReplyEffect<Event, State> run(Mind mind, List<Event> pending, long from, Tick job, long stamp) {
    List<Event> events = new ArrayList<>(pending);
    Mind m = mind;
    for (long t = from; t <= job.tick(); t++) {
      Step step = minds.step(def, m, t, seen, job.weather(), stamp);
      for (Event e : step.events()) {
        m = m.apply(e, def, minds.settings().memoryCapacity());
      }
      events.addAll(step.events());
      reached = t;
      if (step.intent() != null) {
        final Mind before = m;
        final long at = t;
        inFlight = new CommandMeta(step.intent().commandId(), def.id(), stamp);
        return persistThen(events, () -> carryOut(step.intent(), before, at, job, stamp));
      }
    }
    return done(events, job, m);
  }

  private ReplyEffect<Event, State> persistThen(List<Event> events, Runnable next) {
    if (events.isEmpty()) {
      next.run();
      return Effect().noReply();
    }
    return Effect().persist(events).thenRun(s -> next.run()).thenNoReply();
  }

  private ReplyEffect<Event, State> done(List<Event> events, Tick job, Mind mind) {
    inFlight = null;
    Ticked answer = new Ticked(def.id(), job.tick(), mind.activity(), mind.location(), events.size());
    if (events.isEmpty()) {
      return Effect().reply(job.replyTo(), answer).thenUnstashAll();
    }
    return Effect().persist(events).thenReply(job.replyTo(), s -> answer).thenUnstashAll();
  }

  /** Asks the entity an intent involves; the answer's events are pending when the run goes on. */
  private void carryOut(Intent intent, Mind mind, long tick, Tick job, long stamp) {
    CommandMeta meta = new CommandMeta(intent.commandId(), def.id(), stamp);
    String here = mind.location();
    if (intent instanceof Walk walk) {
      this.<LocationEntity.Command, LocationEntity.ExitReply>ask(meta, location(here),
          ref -> new LocationEntity.FindExit(meta, walk.direction(), ref),
          (s, exit) -> {
            if (exit instanceof LocationEntity.Rejected r) {
              return resumeRun(s, minds.afterWalkRefused(def, s.mind(), tick, stamp, meta.commandId(), walk.direction(),
                  r.rejection().message()), tick, job, stamp);
            }
            LocationEntity.ExitOpen open = (LocationEntity.ExitOpen) exit;
            inFlight = meta;
            this.<LocationEntity.Command, LocationEntity.EnterReply>ask(meta, location(open.target()),
                ref -> new LocationEntity.Enter(meta, def.id(), here, ref),
                (s2, entered) -> {
                  if (entered instanceof LocationEntity.Entered e) {
                    seen = Perception.of(e.view(), def.id());
                    location(here).tell(new LocationEntity.Leave(meta, def.id(), open.target(), context.getSystem().ignoreRef()));
                    return resumeRun(s2, minds.afterWalk(def, s2.mind(), tick, stamp, meta.commandId(), here, e.view()), tick, job, stamp);
                  }
                  return resumeRun(s2, List.of(), tick, job, stamp);
                },
                job);
            return Effect().noReply();
          },
          job);
    } else if (intent instanceof HarvestNode harvest) {
      this.<LocationEntity.Command, LocationEntity.HarvestReply>ask(meta, location(here),
          ref -> new LocationEntity.Harvest(meta, def.id(), harvest.node(), 2, harvest.maxUnits(), ref),
          (s, reply) -> {
            if (reply instanceof LocationEntity.Harvested h) {
              seen = withNode(seen, h.node(), h.remaining());
              return resumeRun(s, minds.afterGot(def, s.mind(), tick, stamp, meta.commandId(), h.item(), h.quantity(), here), tick, job, stamp);
            }
            seen = withNode(seen, harvest.node(), 0);
            return resumeRun(s, minds.isFood(harvest.item()) ? minds.afterFoodRefused(def, s.mind(), tick, stamp, meta.commandId()) : List.of(),
                tick, job, stamp);
          },
          job);
    } else if (intent instanceof TakeFood take) {
      this.<LocationEntity.Command, LocationEntity.TakeReply>ask(meta, location(here),
          ref -> new LocationEntity.TakeItem(meta, def.id(), take.item(), take.quantity(), ref),
          (s, reply) -> {
            seen = withGround(seen, take.item(), reply instanceof LocationEntity.ItemGranted g ? g.quantity() : Integer.MAX_VALUE);
            return resumeRun(s, reply instanceof LocationEntity.ItemGranted g
                ? minds.afterGot(def, s.mind(), tick, stamp, meta.commandId(), g.item(), g.quantity(), here)
                : minds.afterFoodRefused(def, s.mind(), tick, stamp, meta.commandId()), tick, job, stamp);
          },
          job);
    } else if (intent instanceof Fight fight) {
      if (peers.creatures() == null) {
        context.getSelf().tell(new Resume(meta, s -> resumeRun(s, List.of(), tick, job, stamp)));
        return;
      }
      Combatant me = NpcMind.fights(def) ? NpcMind.GUARD : NpcMind.COMMONER;
      this.<CreatureEntity.Command, CreatureEntity.StrikeReply>ask(meta, peers.creatures().apply(fight.creature()),
          ref -> new CreatureEntity.Strike(meta, def.id(), here, me, ref),
          (s, reply) -> {
            if (reply instanceof CreatureEntity.StrikeOutcome o) {
              long lamport = Lamport.receive(s.clock(), o.lamport());
              if (o.killed()) {
                seen = seen.without(fight.creature());
              } else {
                // the creature tells of its own death; a blow it survives the striker tells
                location(here).tell(new LocationEntity.Announce(new CommandMeta(meta.commandId(), def.id(), lamport),
                    new LocationEntity.Attacked(here, def.id(), fight.creature(),
                        o.blow().outcome().name().toLowerCase(java.util.Locale.ROOT), o.blow().damage(), o.hp(), lamport)));
              }
              return resumeRun(s, minds.afterFight(def, s.mind(), tick, lamport, meta.commandId(), fight.creature(),
                  o.blow(), o.counter(), o.hp(), o.killed()), tick, job, stamp);
            }
            // dead already, or gone: it is not here to fight
            seen = seen.without(fight.creature());
            return resumeRun(s, List.of(), tick, job, stamp);
          },
          job);
    } else if (intent instanceof ChatWith chat) {
      this.<Command, ChatReply>ask(meta, peers.npcs().apply(chat.npc()),
          ref -> new Chat(meta, def.id(), here, tick, mind.emotion(), ref),
          (s, reply) -> resumeRun(s, reply instanceof Chatted c
              ? minds.afterChat(def, s.mind(), tick, stamp, CommandMeta.derived(meta.commandId(), "said"), chat.npc(), c.emotion()) : List.of(), tick, job, stamp),
          job);
    }
  }

  private ReplyEffect<Event, State> resumeRun(State s, List<Event> outcome, long tick, Tick job, long stamp) {
    Mind m = s.mind();
    for (Event e : outcome) {
      m = m.apply(e, def, minds.settings().memoryCapacity());
    }
    return run(m, outcome, tick + 1, job, stamp);
  }

  private static Perception withNode(Perception p, String node, int remaining) {
    Map<String, Integer> nodes = new LinkedHashMap<>(p.nodes());
    nodes.put(node, remaining);
    return new Perception(p.location(), p.npcs(), p.players(), p.ground(), nodes, p.creatures());
  }

  private static Perception withGround(Perception p, String item, int taken) {
    Map<String, Integer> ground = new LinkedHashMap<>(p.ground());
    int left = Math.max(0, ground.getOrDefault(item, 0) - taken);
    if (left == 0) {
      ground.remove(item);
    } else {
      ground.put(item, left);
    }
    return new Perception(p.location(), p.npcs(), p.players(), ground, p.nodes(), p.creatures());
  }

  // ---- what it sees and hears ----

  /** The NPC's own time: the tick its mind has lived to. */
  private long now(State state) {
    return Math.max(state.mind().asOf(), reached);
  }

  private ReplyEffect<Event, State> onWitness(State state, Witness w) {
    Mind m = state.mind();
    if (!m.placed() || !w.broadcast().location().equals(m.location())) {
      return Effect().noReply();
    }
    seen = seen.after(w.broadcast(), def.id());
    UUID base = CommandMeta.derived(w.meta().commandId(), "seen/" + def.id());
    if (state.recent().contains(base)) {
      return Effect().noReply();
    }
    List<Event> events = minds.afterWitness(def, m, now(state), Lamport.receive(state.clock(), w.meta().lamport()), base,
        w.broadcast());
    return events.isEmpty() ? Effect().noReply() : Effect().persist(events).thenNoReply();
  }

  private ReplyEffect<Event, State> onHear(State state, Hear h) {
    Mind m = state.mind();
    if (!m.placed() || !h.location().equals(m.location())) {
      return Effect().noReply();
    }
    UUID base = CommandMeta.derived(h.meta().commandId(), "heard/" + def.id());
    if (state.recent().contains(base)) {
      return Effect().noReply();
    }
    List<Event> events = minds.afterHearing(def, m, now(state), Lamport.receive(state.clock(), h.meta().lamport()), base,
        h.speaker(), h.text());
    return events.isEmpty() ? Effect().noReply() : Effect().persist(events).thenNoReply();
  }

  // ---- conversations and gifts ----

  private ReplyEffect<Event, State> onChat(State state, Chat chat) {
    long stamp = Lamport.receive(state.clock(), chat.meta().lamport());
    Mind m = state.mind();
    if (!chat.location().equals(m.location()) || m.activity() == NpcActivity.SLEEP) {
      return Effect().reply(chat.replyTo(), new Rejected(Rejection.of(Code.NOT_HERE,
          def.name() + " is not there to talk to."), stamp));
    }
    if (state.recent().contains(chat.meta().commandId())) {
      return Effect().reply(chat.replyTo(), new Chatted(def.id(), m.emotion(), stamp));
    }
    if (!seen.npcs().contains(chat.from()) && chat.location().equals(seen.location())) {
      List<String> npcs = new ArrayList<>(seen.npcs());
      npcs.add(chat.from());
      seen = new Perception(seen.location(), npcs, seen.players(), seen.ground(), seen.nodes(), seen.creatures());
    }
    List<Event> events = minds.afterChat(def, m, Math.max(chat.tick(), m.asOf()), stamp, chat.meta().commandId(), chat.from(), chat.emotion());
    Emotion mine = m.emotion();
    return Effect().persist(events)
        .thenReply(chat.replyTo(), s -> new Chatted(def.id(), mine, stamp));
  }

  private ReplyEffect<Event, State> onTalk(State state, Talk talk) {
    long stamp = Lamport.receive(state.clock(), talk.meta().lamport());
    Mind m = state.mind();
    if (!talk.location().equals(m.location())) {
      return Effect().reply(talk.replyTo(), new Rejected(Rejection.of(Code.NOT_HERE, def.name() + " is not here."), stamp));
    }
    long tick = Math.max(talk.tick(), m.asOf());
    Dialogue.Reply reply = dialogue.reply(def, m.settledTo(tick, def.personality()), talk.player(), talk.topic(), tick,
        talk.standing());
    List<Event> events = minds.afterTalk(def, m, tick, stamp, talk.meta().commandId(), talk.player(), talk.topic(), reply);
    Mind after = m;
    for (Event e : events) {
      after = after.apply(e, def, minds.settings().memoryCapacity());
    }
    Said said = new Said(def.id(), def.name(), reply.line(), after.emotion().mood(), reply.offer(),
        after.goals().stream().map(Goal::id).toList(), stamp);
    return Effect().persist(events).thenReply(talk.replyTo(), s -> said);
  }

  private ReplyEffect<Event, State> onGive(State state, Give give) {
    long stamp = Lamport.receive(state.clock(), give.meta().lamport());
    Mind m = state.mind();
    if (state.recent().contains(give.meta().commandId())) {
      return Effect().reply(give.replyTo(), new Received(def.id(), def.name(), give.item(), give.quantity(),
          dialogue.thanks(def, m, give.giver(), give.item(), null, give.standing()), null, stamp));
    }
    if (give.quantity() < 1 || minds.world().item(give.item()).isEmpty()) {
      return Effect().reply(give.replyTo(), new Rejected(Rejection.of(Code.INVALID_QUANTITY,
          "Nothing to give: " + give.quantity() + " of '" + give.item() + "'."), stamp));
    }
    long tick = Math.max(give.tick(), m.asOf());
    // No help is taken from one the NPC's faction counts an enemy: the gift is a gift, nothing more.
    Goal met = Dialogue.refuses(give.standing()) ? null
        : m.goals().stream().filter(g -> g.item().equals(give.item())).findFirst().orElse(null);
    List<Event> events = minds.afterGift(def, m, tick, stamp, give.meta().commandId(), give.giver(), give.item(), give.quantity(), met);
    Goal fulfilled = met != null && met.quantity() <= give.quantity() ? met : null;
    String line = dialogue.thanks(def, m, give.giver(), give.item(), fulfilled, give.standing());
    return Effect().persist(events).thenReply(give.replyTo(),
        s -> new Received(def.id(), def.name(), give.item(), give.quantity(), line, fulfilled, stamp));
  }

  // ---- views ----

  private NpcView view(State s) {
    Mind m = s.mind();
    List<String> thoughts = m.memory().ofType(MemoryType.REFLECTION).stream()
        .sorted(Comparator.comparingLong(Memory::id).reversed()).limit(3).map(Memory::text).toList();
    return new NpcView(def.id(), def.name(), def.role(), def.faction(), m.location(), m.activity().label(), m.emotion(),
        m.needs(), m.goals(), thoughts, m.pack().asStacks(), m.relationships(), m.asOf(), m.memory().memories().size(),
        m.memory().forgotten());
  }

  private ReplyEffect<Event, State> onRecall(State s, Recall r) {
    List<Memory> candidates = s.mind().memory().memories().stream()
        .filter(m -> r.type() == null || m.type() == r.type())
        .filter(m -> m.importance() >= r.minImportance())
        .toList();
    int limit = Math.max(0, r.limit());
    List<MemoryView> out;
    if (r.query() != null && !r.query().isBlank()) {
      out = MemoryRetrieval.standard().rank(candidates, r.query(), s.mind().asOf(), limit).stream()
          .map(x -> view(x.memory(), x.score())).toList();
    } else {
      out = candidates.stream().sorted(Comparator.comparingLong(Memory::id).reversed()).limit(limit)
          .map(m -> view(m, null)).toList();
    }
    return Effect().reply(r.replyTo(), new MemoriesView(def.id(), out));
  }

  private static MemoryView view(Memory m, Double score) {
    return new MemoryView(m.id(), m.tick(), m.type().label(), m.importance(), m.text(), m.about(), m.evidence(), score);
  }

  // ---- asking ----

  private <T, A> ReplyEffect<Event, State> askThen(
      CommandMeta meta, RecipientRef<T> target, Function<ActorRef<A>, T> message,
      BiFunction<State, A, ReplyEffect<Event, State>> then,
      java.util.function.Supplier<ReplyEffect<Event, State>> onTimeout) {
    inFlight = meta;
    CompletionStage<A> answer = AskPattern.ask(target, message, settings.askTimeout(), context.getSystem().scheduler());
    ActorRef<Command> self = context.getSelf();
    answer.toCompletableFuture().whenCompleteAsync((reply, failure) -> self.tell(new Resume(meta,
        state -> failure == null ? then.apply(state, reply) : onTimeout.get())), Runnable::run);
    return Effect().noReply();
  }

  /**
   * Asks for a tick's capability. If no answer comes in time the tick is answered where the mind
   * got to; the next tick asks again with the same command id, which the other side recognises.
   */
  private <T, A> void ask(CommandMeta meta, RecipientRef<T> target, Function<ActorRef<A>, T> message,
      BiFunction<State, A, ReplyEffect<Event, State>> then, Tick job) {
    inFlight = meta;
    CompletionStage<A> answer = AskPattern.ask(target, message, settings.askTimeout(), context.getSystem().scheduler());
    ActorRef<Command> self = context.getSelf();
    answer.toCompletableFuture().whenCompleteAsync((reply, failure) -> self.tell(new Resume(meta, state -> {
      if (failure == null) {
        return then.apply(state, reply);
      }
      reached = Math.min(reached, state.mind().asOf());
      context.getLog().warn("No answer in time to {}: {}", meta.commandId(), failure.getMessage());
      return done(List.of(), job, state.mind());
    })), Runnable::run);
  }

  private RecipientRef<LocationEntity.Command> location(String id) {
    return peers.locations().apply(id);
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    int capacity = minds.settings().memoryCapacity();
    int window = settings.dedupWindow();
    return newEventHandlerBuilder().forAnyState().onAnyEvent((s, e) -> new State(s.mind().apply(e, def, capacity),
        Math.max(s.clock(), e.lamport()), s.recent().resized(window).add(e.commandId())));
  }
}
