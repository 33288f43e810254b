package io.microcosm.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import akka.japi.function.Function;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.entity.TickClock;
import io.microcosm.location.LocationEntity.LocationView;
import io.microcosm.location.LocationEntity.NodeView;
import io.microcosm.player.PlayerEntity;
import io.microcosm.rules.Capacity;
import io.microcosm.rules.CombatRules;
import io.microcosm.rules.CraftRules;
import io.microcosm.rules.EquipmentRules;
import io.microcosm.rules.Equipment;
import io.microcosm.rules.GatherRules;
import io.microcosm.rules.Inventory;
import io.microcosm.rules.InventoryRules;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.Aggression;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.EffectGrant;
import io.microcosm.world.EquipDef;
import io.microcosm.world.EquipSlot;
import io.microcosm.world.ExitDef;
import io.microcosm.world.ItemDef;
import io.microcosm.world.ItemKind;
import io.microcosm.world.NodeKindDef;
import io.microcosm.world.PlayerDefaults;
import io.microcosm.world.RecipeDef;
import io.microcosm.world.UseDef;
import io.microcosm.world.World;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One simulated player of the gameplay mix, a closed loop: it sends its next command when the
 * previous one is answered. It plays the way a new character would in the {@link MixRegion}: walks
 * to places with resource nodes, prey and crafting stations, gathers what it can work (by hand, or
 * with a tool it made), crafts whatever its pack allows at the station it stands at, attacks the
 * prey it sees, and looks around, picks up loot, eats, equips and drops what it no longer needs.
 *
 * <p>Each command is chosen to keep the share of every {@link Kind} near its aim: among the kinds
 * it can do where it stands, those furthest behind their aim are the likeliest, drawn from the
 * client's seeded random. A kind it cannot do here sends it walking to the nearest place where it
 * can, by what it last saw there (nodes regrow, creatures respawn). It tracks its pack, stamina and
 * health from the answers, the way a game client would, so it rests when too tired and drops things
 * when its pack is full. A refusal is a normal answer: it is counted by its code, the client
 * corrects what it believed, and its next command is chosen afresh.
 */
final class MixClient extends AbstractBehavior<MixClient.Message> {

  /** What a command counts as in the mix. */
  enum Kind {
    MOVE("move", 35), GATHER("gather", 25), CRAFT("craft", 10), ATTACK("attack", 20), OTHER("look+other", 10);

    final String label;
    final int aimPercent;

    Kind(String label, int aimPercent) {
      this.label = label;
      this.aimPercent = aimPercent;
    }

    /** The kind a verb sent by this client counts as. */
    static Kind of(String verb) {
      return switch (verb) {
        case "move" -> MOVE;
        case "gather" -> GATHER;
        case "craft" -> CRAFT;
        case "attack" -> ATTACK;
        default -> OTHER;
      };
    }
  }

  /** Happenings the report counts (see {@link LoadControl#happened}). */
  static final String KILLS = "kills";
  static final String DEATHS = "deaths";
  static final String LEVEL_UPS = "level-ups";
  static final String GATHERED = "units gathered";
  static final String CRAFTED = "units crafted";
  static final String TIRED = "too tired to act";
  static final List<String> HAPPENINGS = List.of(KILLS, DEATHS, LEVEL_UPS, GATHERED, CRAFTED, TIRED);

  /** Below this share of its health a character eats if it can, and fights only what does not hit back. */
  private static final int LOW_HP_PERCENT = 40;
  /** A pack this full (of weight or slots) must be lightened before anything else. */
  private static final int FULL_PERCENT = 90;
  /** A pack this full gets surplus dropped when the client has time for it. */
  private static final int HEAVY_PERCENT = 60;
  /** The most of one food or material worth carrying. */
  private static final int KEEP_UNITS = 8;

  sealed interface Message permits Start, Answered {}

  enum Start implements Message { INSTANCE }

  private record Answered(String verb, String subject, Object reply, Throwable failure, long sentNanos)
      implements Message {}

  /** What the client last saw of a place: node stocks and the creatures alive, at a tick. */
  private record Seen(long tick, Map<String, Integer> nodes, Set<String> alive) {}

  private final String name;
  private final MixRegion region;
  private final World world;
  private final PlayerDefaults defaults;
  private final TickClock ticks;
  private final EntityRef<PlayerEntity.Command> player;
  private final LoadControl control;
  private final SplittableRandom random;
  private final long[] sentByKind = new long[Kind.values().length];
  private long sentTotal;

  private boolean joined;
  private boolean packKnown;
  private boolean statusKnown;
  private String location;
  /** The current place as last seen, kept up to date with what the client did there; null = look. */
  private LocationView view;
  private long viewTick;
  private final Map<String, Integer> nodesHere = new LinkedHashMap<>();
  private final List<String> creaturesHere = new ArrayList<>();
  private final Map<String, Integer> groundHere = new LinkedHashMap<>();
  private final Map<String, Seen> memory = new HashMap<>();
  /** Where the client is walking to, or null. */
  private String goal;

  private Inventory pack = Inventory.EMPTY;
  private Map<EquipSlot, String> equipped = Map.of();
  private int level = 1;
  private int carryGrams;
  private int hp;
  private int hpMax;
  private int sp;
  private int spMax;
  private long vitalsTick;
  private boolean resting;

  private MixClient(ActorContext<Message> context, String name, MixRegion region, TickClock ticks,
      ClusterSharding sharding, LoadControl control, long seed) {
    super(context);
    this.name = name;
    this.region = region;
    this.world = region.world();
    this.defaults = world.player();
    this.ticks = ticks;
    this.player = sharding.entityRefFor(PlayerEntity.ENTITY_KEY, name);
    this.control = control;
    this.random = new SplittableRandom(seed);
    this.carryGrams = defaults.carryGrams();
    this.hp = this.hpMax = defaults.hp();
    this.sp = this.spMax = defaults.sp();
  }

  static Behavior<Message> create(
      String name, MixRegion region, TickClock ticks, ClusterSharding sharding, LoadControl control, long seed) {
    return Behaviors.setup(ctx -> new MixClient(ctx, name, region, ticks, sharding, control, seed));
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, s -> sendNext())
        .onMessage(Answered.class, this::onAnswered)
        .build();
  }

  // ---- answers ----

  private Behavior<Message> onAnswered(Answered a) {
    if (a.failure() != null) {
      control.failed(a.verb(), a.failure());
      // It may have happened after all: find out again.
      view = null;
      packKnown = false;
      statusKnown = false;
      return sendNext();
    }
    if (a.reply() instanceof PlayerEntity.Rejected r) {
      control.answered(a.verb(), r.rejection().code().name(), a.sentNanos());
      onRejected(a.verb(), a.subject(), r.rejection().code());
    } else {
      control.answered(a.verb(), Tally.ACCEPTED, a.sentNanos());
      absorb(a.reply());
    }
    return sendNext();
  }

  private void absorb(Object reply) {
    long now = ticks.now();
    if (reply instanceof PlayerEntity.Joined j) {
      joined = true;
      status(j.status());
      seeHere(j.here());
    } else if (reply instanceof PlayerEntity.Arrived a) {
      seeHere(a.here());
      vitals(hpNow(), a.stamina());
      resting = false;
      if (location.equals(goal)) {
        goal = null;
      }
    } else if (reply instanceof PlayerEntity.Looked l) {
      seeHere(l.here());
    } else if (reply instanceof PlayerEntity.Gathered g) {
      pack = pack.add(g.item(), g.quantity());
      nodesHere.put(g.node(), g.remaining());
      viewTick = now;
      vitals(hpNow(), g.stamina());
      resting = false;
      control.happened(GATHERED, g.quantity());
      leveled(g.levelUp());
    } else if (reply instanceof PlayerEntity.Crafted c) {
      for (ItemStack used : c.consumed()) {
        pack = removed(pack, used.item(), used.quantity());
      }
      for (ItemStack made : c.produced()) {
        pack = pack.add(made.item(), made.quantity());
        control.happened(CRAFTED, made.quantity());
      }
      vitals(hpNow(), c.stamina());
      resting = false;
      leveled(c.levelUp());
    } else if (reply instanceof PlayerEntity.Fought f) {
      fought(f);
    } else if (reply instanceof PlayerEntity.Taken t) {
      inventory(t.inventory());
      groundHere.computeIfPresent(t.item(), (item, n) -> n > t.quantity() ? n - t.quantity() : null);
      resting = false;
    } else if (reply instanceof PlayerEntity.Dropped d) {
      inventory(d.inventory());
      groundHere.merge(d.item(), d.quantity(), Integer::sum);
      resting = false;
    } else if (reply instanceof PlayerEntity.Equipped e) {
      pack = removed(pack, e.item(), 1);
      status(e.status());
    } else if (reply instanceof PlayerEntity.Unequipped u) {
      pack = pack.add(u.item(), 1);
      status(u.status());
    } else if (reply instanceof PlayerEntity.Used u) {
      pack = removed(pack, u.item(), 1);
      status(u.status());
    } else if (reply instanceof PlayerEntity.Resting r) {
      status(r.status());
    } else if (reply instanceof PlayerEntity.StatusView s) {
      status(s);
    } else if (reply instanceof PlayerEntity.InventoryView i) {
      inventory(i);
    } else {
      throw new IllegalStateException(name + " got an answer it does not know: " + reply);
    }
  }

  private void fought(PlayerEntity.Fought f) {
    if (f.death() != null) {
      remember();
    }
    status(f.status());
    if (f.killed()) {
      control.happened(KILLS);
      creaturesHere.remove(f.creature());
      f.loot().forEach(stack -> groundHere.merge(stack.item(), stack.quantity(), Integer::sum));
    }
    leveled(f.levelUp());
    if (f.death() != null) {
      control.happened(DEATHS);
      // The pack lies where the character fell; it wakes elsewhere and must look around.
      pack = Inventory.EMPTY;
      location = f.death().wokeAt();
      view = null;
      goal = null;
    }
  }

  private void onRejected(String verb, String subject, Code code) {
    switch (code) {
      case NOT_IN_WORLD -> joined = false;
      case NOT_ENOUGH_STAMINA -> vitals(hpNow(), 0);
      case DEPLETED -> nodesHere.put(subject, 0);
      case NO_SUCH_TARGET -> creaturesHere.removeIf(id -> kindOf(id).equals(subject));
      case TARGET_DEAD -> creaturesHere.stream().filter(id -> kindOf(id).equals(subject)).findFirst()
          .ifPresent(creaturesHere::remove);
      case ITEM_NOT_HERE -> groundHere.remove(subject);
      case OVERWEIGHT, NO_FREE_SLOT, STACK_LIMIT, MISSING_MATERIALS, ITEM_NOT_CARRIED -> packKnown = false;
      case SLOT_OCCUPIED, NOT_EQUIPPED, NOT_EQUIPPABLE, TWO_HANDED_CONFLICT, LEVEL_TOO_LOW, NO_TOOL -> {
        packKnown = false;
        statusKnown = false;
      }
      // The place is not what the client believed: look again.
      default -> view = null;
    }
  }

  private void seeHere(LocationView here) {
    remember();
    location = here.id();
    view = here;
    viewTick = ticks.now();
    nodesHere.clear();
    for (NodeView node : here.nodes()) {
      nodesHere.put(node.node(), node.remaining());
    }
    creaturesHere.clear();
    creaturesHere.addAll(here.creatures());
    groundHere.clear();
    here.items().forEach(stack -> groundHere.put(stack.item(), stack.quantity()));
    control.clientIsAt(name, location);
  }

  /** Keeps what the client knows of the place it is leaving, to judge later whether to come back. */
  private void remember() {
    if (view != null && location != null) {
      memory.put(location, new Seen(viewTick, Map.copyOf(nodesHere), Set.copyOf(creaturesHere)));
    }
  }

  private void status(PlayerEntity.StatusView s) {
    statusKnown = true;
    if (location != null && !s.location().equals(location)) {
      remember();
      view = null;
    }
    location = s.location();
    level = s.level();
    carryGrams = s.carryGrams();
    equipped = s.equipped();
    hpMax = s.hpMax();
    spMax = s.spMax();
    vitals(s.hp(), s.sp());
    resting = s.resting();
  }

  private void inventory(PlayerEntity.InventoryView i) {
    packKnown = true;
    pack = stacked(i.items());
    equipped = i.equipped();
    carryGrams = i.carryGrams();
  }

  private void leveled(int newLevel) {
    if (newLevel > level) {
      control.happened(LEVEL_UPS, newLevel - level);
      level = newLevel;
      // The maxima grew; the status says by how much.
      statusKnown = false;
    }
  }

  private void vitals(int hpNow, int spNow) {
    hp = hpNow;
    sp = spNow;
    vitalsTick = ticks.now();
  }

  // ---- what the client believes now ----

  /** Stamina now, by the regeneration the character is sure of (effects that speed it are ignored). */
  private int spNow() {
    return (int) Math.min(spMax, sp + regenerated(defaults.spRegenTicks()));
  }

  private int hpNow() {
    return (int) Math.min(hpMax, hp + regenerated(defaults.hpRegenTicks()));
  }

  /** Points regained since the vitals were reported: one at every multiple of {@code every} ticks, like the game. */
  private long regenerated(int every) {
    long now = ticks.now();
    if (every <= 0 || now <= vitalsTick) {
      return 0;
    }
    return (Math.floorDiv(now, every) - Math.floorDiv(vitalsTick, every)) * (resting ? 3 : 1);
  }

  private Capacity capacity() {
    return new Capacity(defaults.slots(), Math.max(0, carryGrams - EquipmentRules.weightGrams(
        new Equipment(equipped), this::item)));
  }

  /** How full the pack is, by weight or by slots, whichever is fuller, in percent. */
  private int packPercent() {
    Capacity c = capacity();
    int byWeight = c.carryGrams() == 0 ? 100 : 100 * InventoryRules.weightGrams(pack, this::item) / c.carryGrams();
    int bySlots = 100 * InventoryRules.slotsUsed(pack, this::item) / Math.max(1, c.slots());
    return Math.max(byWeight, bySlots);
  }

  private ItemDef item(String id) {
    return world.item(id).orElseThrow(() -> new IllegalStateException("item '" + id + "' is not in the world"));
  }

  private String kindOf(String creature) {
    CreatureSpawn spawn = world.creatures().get(creature);
    return spawn == null ? "" : spawn.kind();
  }

  /** How much {@code node} at {@code place} holds now, by what was last seen there and its regrowth. */
  private int stockAt(String place, NodeKindDef node, long now) {
    if (place.equals(location) && view != null) {
      return regrown(node, nodesHere.getOrDefault(node.id(), 0), viewTick, now);
    }
    Seen seen = memory.get(place);
    if (seen == null || !seen.nodes().containsKey(node.id())) {
      return node.max();
    }
    return regrown(node, seen.nodes().get(node.id()), seen.tick(), now);
  }

  private static int regrown(NodeKindDef node, int remaining, long since, long now) {
    long grown = node.regrowTicks() <= 0 ? 0 : Math.max(0, now - since) / node.regrowTicks();
    return (int) Math.min(node.max(), remaining + grown);
  }

  /** Whether prey should be alive at {@code place}: seen alive, never seen, or dead long enough to be back. */
  private boolean preyAt(String place, long now) {
    List<String> spawns = world.locations().get(place).creatures();
    if (spawns.isEmpty()) {
      return false;
    }
    Seen seen = memory.get(place);
    if (seen == null) {
      return true;
    }
    for (String creature : spawns) {
      if (seen.alive().contains(creature)
          || now >= seen.tick() + world.kindOf(world.creatures().get(creature)).respawnTicks()) {
        return true;
      }
    }
    return false;
  }

  // ---- choosing ----

  private Behavior<Message> sendNext() {
    if (control.stopping()) {
      control.clientStopped();
      return Behaviors.stopped();
    }
    if (!joined) {
      this.<PlayerEntity.JoinReply>send("join", null, replyTo -> new PlayerEntity.Join(meta(), replyTo));
    } else if (view == null || !view.id().equals(location)) {
      look();
    } else if (!packKnown) {
      this.<PlayerEntity.InventoryView>send("inventory", null,
          replyTo -> new PlayerEntity.ShowInventory(meta(), replyTo));
    } else if (!statusKnown) {
      showStatus();
    } else if (!urgentChore()) {
      act();
    }
    return this;
  }

  /** What cannot wait: a pack too full to gather into, or health too low to go on without eating. */
  private boolean urgentChore() {
    if (packPercent() >= FULL_PERCENT && dropSurplus(true)) {
      return true;
    }
    return hpNow() * 100 < hpMax * LOW_HP_PERCENT && eatFor(true);
  }

  private void act() {
    long now = ticks.now();
    String node = nodeToWork(now);
    RecipeDef recipe = recipeToMake(view.stations());
    String prey = preyToAttack();
    ExitDef exit = exitToTake(node != null, recipe != null, prey != null, now);
    Map<Kind, Boolean> possible = new EnumMap<>(Kind.class);
    possible.put(Kind.MOVE, exit != null);
    possible.put(Kind.GATHER, node != null);
    possible.put(Kind.CRAFT, recipe != null);
    possible.put(Kind.ATTACK, prey != null);
    possible.put(Kind.OTHER, true);
    Kind kind = choose(possible);
    int stamina = spNow();
    switch (kind) {
      case MOVE -> {
        if (stamina < exit.staminaCost()) {
          tired();
        } else {
          String direction = exit.direction().label();
          this.<PlayerEntity.MoveReply>send("move", direction,
              replyTo -> new PlayerEntity.Move(meta(), direction, replyTo));
        }
      }
      case GATHER -> {
        if (stamina < world.nodes().get(node).stamina()) {
          tired();
        } else {
          this.<PlayerEntity.GatherReply>send("gather", node,
              replyTo -> new PlayerEntity.Gather(meta(), node, replyTo));
        }
      }
      case CRAFT -> {
        if (stamina < recipe.stamina()) {
          tired();
        } else {
          this.<PlayerEntity.CraftReply>send("craft", recipe.id(),
              replyTo -> new PlayerEntity.Craft(meta(), recipe.id(), 1, replyTo));
        }
      }
      case ATTACK -> {
        if (stamina < CombatRules.ATTACK_STAMINA) {
          tired();
        } else {
          this.<PlayerEntity.AttackReply>send("attack", prey,
              replyTo -> new PlayerEntity.Attack(meta(), prey, replyTo));
        }
      }
      case OTHER -> chore();
    }
  }

  /**
   * Among the kinds possible here, those furthest behind their aim are the likeliest. When every
   * possible kind is at or ahead of its aim, the aims themselves weigh them.
   */
  private Kind choose(Map<Kind, Boolean> possible) {
    double[] weights = new double[Kind.values().length];
    double total = 0;
    for (Kind k : Kind.values()) {
      if (possible.get(k)) {
        weights[k.ordinal()] = Math.max(0, deficit(k));
        total += weights[k.ordinal()];
      }
    }
    if (total <= 0) {
      for (Kind k : Kind.values()) {
        weights[k.ordinal()] = possible.get(k) ? k.aimPercent : 0;
        total += weights[k.ordinal()];
      }
    }
    double pick = random.nextDouble() * total;
    for (Kind k : Kind.values()) {
      pick -= weights[k.ordinal()];
      if (pick < 0 && weights[k.ordinal()] > 0) {
        return k;
      }
    }
    return Kind.OTHER;
  }

  /** How many commands of this kind the client is behind its aim. */
  private double deficit(Kind k) {
    return k.aimPercent / 100.0 * (sentTotal + 1) - sentByKind[k.ordinal()];
  }

  /** A node here the character can work, that should hold something, with room in the pack: the fullest. */
  private String nodeToWork(long now) {
    String best = null;
    int bestStock = 0;
    for (String id : nodesHere.keySet()) {
      NodeKindDef node = world.nodes().get(id);
      int stock = stockAt(location, node, now);
      if (stock > bestStock && canWork(node)) {
        best = id;
        bestStock = stock;
      }
    }
    return best;
  }

  private boolean canWork(NodeKindDef node) {
    return level >= node.minLevel()
        && (node.tool() == null
            || GatherRules.bestTool(node.tool(), pack, new Equipment(equipped), this::item).isPresent())
        && InventoryRules.roomFor(pack, item(node.item()), capacity(), this::item) >= 1;
  }

  /**
   * A recipe the pack allows at one of {@code stations}, stamina aside, or null. Things not yet owned
   * are three times as likely as more of what the pack already holds.
   */
  private RecipeDef recipeToMake(List<String> stations) {
    List<RecipeDef> makeable = new ArrayList<>();
    int total = 0;
    for (RecipeDef recipe : world.recipes().values()) {
      if (canMake(recipe, stations)) {
        makeable.add(recipe);
        total += novelty(recipe);
      }
    }
    if (makeable.isEmpty()) {
      return null;
    }
    int pick = random.nextInt(total);
    for (RecipeDef recipe : makeable) {
      pick -= novelty(recipe);
      if (pick < 0) {
        return recipe;
      }
    }
    throw new IllegalStateException("unreachable: " + makeable);
  }

  private boolean canMakeAny(List<String> stations) {
    for (RecipeDef recipe : world.recipes().values()) {
      if (canMake(recipe, stations)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The game's own check, stamina aside, after the cheap tests: it words every refusal, which is
   * too dear to do for every recipe at every place on every command.
   */
  private boolean canMake(RecipeDef recipe, List<String> stations) {
    if (recipe.minLevel() > level || (recipe.station() != null && !stations.contains(recipe.station()))) {
      return false;
    }
    for (Map.Entry<String, Integer> input : recipe.inputs().entrySet()) {
      if (pack.quantity(input.getKey()) < input.getValue()) {
        return false;
      }
    }
    return CraftRules.check(recipe, 1, pack, stations, level, Integer.MAX_VALUE, capacity(), this::item, id -> id)
        .isEmpty();
  }

  private int novelty(RecipeDef recipe) {
    boolean owned = recipe.outputs().keySet().stream().anyMatch(i -> pack.quantity(i) > 0 || equipped.containsValue(i));
    return owned ? 1 : 3;
  }

  /** The kind of a creature here worth fighting: prey, and only what does not hit back when health is low. */
  private String preyToAttack() {
    boolean weak = hpNow() * 100 < hpMax * LOW_HP_PERCENT;
    for (String creature : creaturesHere) {
      CreatureSpawn spawn = world.creatures().get(creature);
      if (spawn != null && region.contains(spawn.home())
          && (!weak || world.kindOf(spawn).aggression() == Aggression.PASSIVE)) {
        return spawn.kind();
      }
    }
    return null;
  }

  /**
   * The next step towards the nearest place where a kind that cannot be done here can, chosen by how
   * far behind its aim that kind is; a random way on when there is no such place. Null if no exit
   * leads anywhere in the region.
   */
  private ExitDef exitToTake(boolean canGather, boolean canCraft, boolean canAttack, long now) {
    if (goal == null || goal.equals(location) || region.stepToward(location, goal) == null) {
      goal = chooseGoal(canGather, canCraft, canAttack, now);
    }
    if (goal != null) {
      return region.stepToward(location, goal);
    }
    List<ExitDef> exits = region.exits(location);
    return exits.isEmpty() ? null : exits.get(random.nextInt(exits.size()));
  }

  private String chooseGoal(boolean canGather, boolean canCraft, boolean canAttack, long now) {
    Map<Kind, String> places = new EnumMap<>(Kind.class);
    if (!canGather) {
      putIfFound(places, Kind.GATHER, nearest(place -> world.locations().get(place).nodes().stream()
          .map(id -> world.nodes().get(id))
          .anyMatch(node -> canWork(node) && stockAt(place, node, now) >= 1)));
    }
    if (!canCraft) {
      putIfFound(places, Kind.CRAFT, nearest(place -> !world.locations().get(place).stations().isEmpty()
          && canMakeAny(world.locations().get(place).stations())));
    }
    if (!canAttack) {
      putIfFound(places, Kind.ATTACK, nearest(place -> preyAt(place, now)));
    }
    double total = 0;
    for (Kind k : places.keySet()) {
      total += Math.max(0.01, deficit(k));
    }
    double pick = random.nextDouble() * total;
    for (Map.Entry<Kind, String> e : places.entrySet()) {
      pick -= Math.max(0.01, deficit(e.getKey()));
      if (pick < 0) {
        return e.getValue();
      }
    }
    return null;
  }

  private static void putIfFound(Map<Kind, String> places, Kind kind, String place) {
    if (place != null) {
      places.put(kind, place);
    }
  }

  /** The nearest other place in the region that passes {@code test}; ties broken at random. */
  private String nearest(java.util.function.Predicate<String> test) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int ties = 0;
    for (String place : region.locations()) {
      if (place.equals(location)) {
        continue;
      }
      int distance = region.distance(location, place);
      if (distance > bestDistance || distance == Integer.MAX_VALUE || !test.test(place)) {
        continue;
      }
      if (distance < bestDistance) {
        best = place;
        bestDistance = distance;
        ties = 1;
      } else if (random.nextInt(++ties) == 0) {
        best = place;
      }
    }
    return best;
  }

  /** Too tired for what it chose: eat something that restores stamina, rest, or look while resting. */
  private void tired() {
    control.happened(TIRED);
    if (eatFor(false)) {
      return;
    }
    if (!resting) {
      this.<PlayerEntity.RestReply>send("rest", null, replyTo -> new PlayerEntity.Rest(meta(), replyTo));
    } else if (random.nextInt(4) == 0) {
      showStatus();
    } else {
      look();
    }
  }

  /** Looks, and the upkeep a player does between actions: equip, eat, pick up loot, drop surplus. */
  private void chore() {
    if (equipBetter() || (hpNow() * 100 < hpMax * 70 && eatFor(true)) || takeLoot()
        || (packPercent() >= HEAVY_PERCENT && dropSurplus(false))) {
      return;
    }
    if (random.nextInt(4) == 0) {
      showStatus();
    } else {
      look();
    }
  }

  // ---- chores ----

  /** Eats (or drinks) the first wholesome thing carried that restores health, or else stamina. */
  private boolean eatFor(boolean health) {
    for (String id : pack.stacks().keySet()) {
      UseDef use = item(id).use();
      if (use != null && wholesome(use) && (health ? use.hp() > 0 : use.sp() > 0)) {
        this.<PlayerEntity.UseReply>send("use", id, replyTo -> new PlayerEntity.Use(meta(), id, replyTo));
        return true;
      }
    }
    return false;
  }

  private boolean wholesome(UseDef use) {
    for (EffectGrant grant : use.effects()) {
      if (world.effect(grant.effect()).map(e -> e.harmful()).orElse(true)) {
        return false;
      }
    }
    return true;
  }

  /** Wears or wields something better than what is in its slot (taking the worse off first). */
  private boolean equipBetter() {
    for (String id : pack.stacks().keySet()) {
      EquipDef equip = item(id).equip();
      if (equip == null || equip.minLevel() > level) {
        continue;
      }
      String current = equipped.get(equip.slot());
      boolean offHandTaken = equip.twoHanded() && equipped.containsKey(EquipSlot.OFF_HAND);
      if (current == null && !offHandTaken && !blockedByTwoHanded(equip)) {
        this.<PlayerEntity.EquipReply>send("equip", id, replyTo -> new PlayerEntity.Equip(meta(), id, replyTo));
        return true;
      }
      if (current != null && worth(equip) > worth(item(current).equip())
          && InventoryRules.roomFor(pack, item(current), capacity(), this::item) >= 1) {
        String slot = equip.slot().label();
        this.<PlayerEntity.EquipReply>send("unequip", slot, replyTo -> new PlayerEntity.Unequip(meta(), slot, replyTo));
        return true;
      }
    }
    return false;
  }

  private boolean blockedByTwoHanded(EquipDef equip) {
    if (equip.slot() != EquipSlot.OFF_HAND) {
      return false;
    }
    String main = equipped.get(EquipSlot.MAIN_HAND);
    return main != null && item(main).equip() != null && item(main).equip().twoHanded();
  }

  private static int worth(EquipDef equip) {
    return equip == null ? 0 : 2 * equip.bonus().attack() + 2 * equip.bonus().defense() + equip.bonus().hpMax();
  }

  /** Picks up something useful lying here, as much as fits and is worth carrying. */
  private boolean takeLoot() {
    for (Map.Entry<String, Integer> lying : groundHere.entrySet()) {
      String id = lying.getKey();
      ItemDef def = world.item(id).orElse(null);
      if (def == null || !useful(def)) {
        continue;
      }
      int wanted = Math.min(lying.getValue(), Math.min(keep(def) - pack.quantity(id),
          InventoryRules.roomFor(pack, def, capacity(), this::item)));
      if (wanted >= 1 && packPercent() < HEAVY_PERCENT) {
        int quantity = Math.min(wanted, 3);
        this.<PlayerEntity.TakeReply>send("take", id, replyTo -> new PlayerEntity.Take(meta(), id, quantity, replyTo));
        return true;
      }
    }
    return false;
  }

  private boolean useful(ItemDef def) {
    return def.kind() != ItemKind.MISC
        || world.recipes().values().stream().anyMatch(r -> r.inputs().containsKey(def.id()));
  }

  /** How many of an item are worth carrying: one of each tool, wearable or weapon; a handful of the rest. */
  private int keep(ItemDef def) {
    if (def.tool() != null || def.equip() != null) {
      return equipped.containsValue(def.id()) ? 0 : 1;
    }
    return KEEP_UNITS;
  }

  /**
   * Drops the surplus that weighs most: units beyond what is worth keeping, tools worse than another
   * of their kind, gear worse than what is worn. When the pack is full and nothing is surplus, the
   * heaviest stack goes.
   */
  private boolean dropSurplus(boolean full) {
    String heaviest = null;
    int heaviestGrams = 0;
    int heaviestUnits = 0;
    for (Map.Entry<String, Integer> stack : pack.stacks().entrySet()) {
      ItemDef def = item(stack.getKey());
      int surplus = Math.max(0, stack.getValue() - keep(def));
      if (def.tool() != null && GatherRules.bestTool(def.tool().kind(), pack, new Equipment(equipped), this::item)
          .filter(best -> !best.id().equals(def.id())).isPresent()) {
        surplus = stack.getValue();
      }
      if (def.equip() != null && def.tool() == null && equipped.containsKey(def.equip().slot())
          && worth(def.equip()) <= worth(item(equipped.get(def.equip().slot())).equip())) {
        surplus = stack.getValue();
      }
      if (full && surplus == 0) {
        surplus = stack.getValue();
      }
      int grams = surplus * def.weightGrams();
      if (surplus > 0 && (heaviest == null || grams > heaviestGrams)) {
        heaviest = def.id();
        heaviestGrams = grams;
        heaviestUnits = surplus;
      }
    }
    if (heaviest == null) {
      return false;
    }
    String id = heaviest;
    int quantity = heaviestUnits;
    this.<PlayerEntity.DropReply>send("drop", id, replyTo -> new PlayerEntity.Drop(meta(), id, quantity, replyTo));
    return true;
  }

  // ---- sending ----

  private void look() {
    this.<PlayerEntity.LookReply>send("look", null, replyTo -> new PlayerEntity.Look(meta(), replyTo));
  }

  private void showStatus() {
    this.<PlayerEntity.StatusView>send("status", null, replyTo -> new PlayerEntity.ShowStatus(meta(), replyTo));
  }

  private static Inventory stacked(List<ItemStack> items) {
    Map<String, Integer> stacks = new LinkedHashMap<>();
    items.forEach(s -> stacks.merge(s.item(), s.quantity(), Integer::sum));
    return new Inventory(stacks);
  }

  /** Takes out what an answer says was used; if the client believed it had less, it looks again. */
  private Inventory removed(Inventory from, String item, int quantity) {
    int have = from.quantity(item);
    if (have < quantity) {
      packKnown = false;
      return have == 0 ? from : from.remove(item, have);
    }
    return from.remove(item, quantity);
  }

  /** Ids from the client's own seeded random: cheaper than UUID.randomUUID's shared SecureRandom. */
  private CommandMeta meta() {
    return new CommandMeta(new UUID(random.nextLong(), random.nextLong()), name, 0);
  }

  /** @param subject what the command is about (node, recipe, creature kind, item), for reading a refusal */
  private <R> void send(String verb, String subject, Function<ActorRef<R>, PlayerEntity.Command> request) {
    sentByKind[Kind.of(verb).ordinal()]++;
    sentTotal++;
    control.sent(verb);
    long sent = System.nanoTime();
    AskToSelf.<PlayerEntity.Command, R, Message>ask(getContext(), player, control.askTimeout(), request,
        (reply, failure) -> new Answered(verb, subject, reply, failure, sent));
  }

  /** The places the mix walks among and what lives there, for the report's header. */
  static String describe(MixRegion region) {
    World world = region.world();
    Set<String> kinds = new TreeSet<>();
    region.creatures().forEach(id -> kinds.add(world.creatures().get(id).kind()));
    return String.format(Locale.ROOT, "%d locations from %s, %d resource nodes, %d stations, %d creatures (%s)",
        region.locations().size(), world.start(), region.nodeCount(), region.stationCount(), region.creatures().size(),
        String.join(", ", kinds));
  }
}
