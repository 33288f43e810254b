package io.microcosm.npc;

import io.microcosm.clock.Almanac;
import io.microcosm.clock.Perturbation;
import io.microcosm.entity.CommandMeta;
import io.microcosm.location.LocationEntity;
import io.microcosm.location.Onlookers;
import io.microcosm.rules.CombatRules.Blow;
import io.microcosm.rules.CombatRules.Combatant;
import io.microcosm.world.Aggression;
import io.microcosm.location.LocationEntity.LocationView;
import io.microcosm.location.LocationEntity.NodeView;
import io.microcosm.npc.NpcEntity.*;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.Direction;
import io.microcosm.world.EffectGrant;
import io.microcosm.world.ItemDef;
import io.microcosm.world.ItemKind;
import io.microcosm.world.LocationDef;
import io.microcosm.world.NodeKindDef;
import io.microcosm.world.NpcActivity;
import io.microcosm.world.NpcDef;
import io.microcosm.world.Personality;
import io.microcosm.world.ScheduleBlock;
import io.microcosm.world.World;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One tick of an NPC's mind: perceive, decide by utility, act. Pure: given the same mind, tick and
 * perception it returns the same events and the same intent, which is what lets an NPC ticked
 * rarely catch up tick by tick to the state it would have had if ticked every tick.
 *
 * <p>What changes only the NPC (choosing an activity, eating, being provisioned at home, noticing
 * the weather, reflecting) comes back as events. What involves another entity comes back as an
 * {@link Intent}, carried out through the same capability commands players use, whose outcome
 * becomes events through {@link #afterWalk} and its siblings.
 */
public final class NpcMind {

  /** Settings of minds, from {@code microcosm.npc}. */
  public record Settings(DayCycle day, int memoryCapacity, int reflectionThreshold, int maxCatchUp) {}

  /** What an NPC knows of the place it is at: from the answer to its last arrival or look. */
  public record Perception(
      String location, List<String> npcs, List<String> players, Map<String, Integer> ground, Map<String, Integer> nodes,
      List<String> creatures) {

    public static final Perception NOTHING = new Perception(null, List.of(), List.of(), Map.of(), Map.of(), List.of());

    /** An NPC takes in at most this many others of each kind at one place; a crowd is a crowd. */
    static final int ATTENTION = 16;

    public static Perception of(LocationView view, String self) {
      List<String> npcs = new ArrayList<>();
      List<String> players = new ArrayList<>();
      for (String o : view.occupants()) {
        if (o.equals(self)) {
          continue;
        }
        List<String> kind = o.contains(".npc.") ? npcs : players;
        if (kind.size() < ATTENTION) {
          kind.add(o);
        }
      }
      Map<String, Integer> ground = new LinkedHashMap<>();
      for (ItemStack s : view.items()) {
        ground.put(s.item(), s.quantity());
      }
      Map<String, Integer> nodes = new LinkedHashMap<>();
      for (NodeView n : view.nodes()) {
        nodes.put(n.node(), n.remaining());
      }
      return new Perception(view.id(), npcs, players, ground, nodes, view.creatures());
    }

    /**
     * What the NPC knows of its place after the place told it {@code b}; unchanged for news of
     * another place or of nothing it keeps track of.
     */
    public Perception after(LocationEntity.Broadcast b, String self) {
      if (location == null || !location.equals(b.location())) {
        return this;
      }
      if (b instanceof LocationEntity.Arrival a) {
        return arrived(a.occupant(), self);
      } else if (b instanceof LocationEntity.Departure d) {
        return departed(d.occupant());
      } else if (b instanceof LocationEntity.Crowd c) {
        Perception p = this;
        for (String o : c.departed()) {
          p = p.departed(o);
        }
        for (String o : c.arrived()) {
          p = p.arrived(o, self);
        }
        return p;
      } else if (b instanceof LocationEntity.ItemsTaken t) {
        return withGround(t.item(), -t.quantity());
      } else if (b instanceof LocationEntity.ItemsDropped d) {
        return withGround(d.item(), d.quantity());
      } else if (b instanceof LocationEntity.CreatureArrived a) {
        return creatures.contains(a.creature()) ? this : withCreatures(plus(creatures, a.creature()));
      } else if (b instanceof LocationEntity.CreatureDeparted d) {
        return withCreatures(minus(creatures, d.creature()));
      } else if (b instanceof LocationEntity.CreatureSlain s) {
        return withCreatures(minus(creatures, s.creature()));
      } else if (b instanceof LocationEntity.NodesRegrown r) {
        Map<String, Integer> n = new LinkedHashMap<>(nodes);
        r.nodes().forEach(n::remove); // absent: full
        return new Perception(location, npcs, players, ground, n, creatures);
      }
      return this;
    }

    /** Without {@code creature}, which fell or left. */
    public Perception without(String creature) {
      return withCreatures(minus(creatures, creature));
    }

    private Perception arrived(String occupant, String self) {
      if (occupant.equals(self)) {
        return this;
      }
      boolean npc = Onlookers.isNpc(occupant);
      List<String> kind = npc ? npcs : players;
      if (kind.contains(occupant) || kind.size() >= ATTENTION) {
        return this;
      }
      return npc ? new Perception(location, plus(npcs, occupant), players, ground, nodes, creatures)
          : new Perception(location, npcs, plus(players, occupant), ground, nodes, creatures);
    }

    private Perception departed(String occupant) {
      if (!npcs.contains(occupant) && !players.contains(occupant)) {
        return this;
      }
      return new Perception(location, minus(npcs, occupant), minus(players, occupant), ground, nodes, creatures);
    }

    private Perception withGround(String item, int change) {
      Map<String, Integer> g = new LinkedHashMap<>(ground);
      int left = Math.max(0, g.getOrDefault(item, 0) + change);
      if (left == 0) {
        g.remove(item);
      } else {
        g.put(item, left);
      }
      return new Perception(location, npcs, players, g, nodes, creatures);
    }

    private Perception withCreatures(List<String> c) {
      return new Perception(location, npcs, players, ground, nodes, c);
    }

    private static List<String> plus(List<String> list, String one) {
      List<String> l = new ArrayList<>(list);
      l.add(one);
      return List.copyOf(l);
    }

    private static List<String> minus(List<String> list, String one) {
      if (!list.contains(one)) {
        return list;
      }
      List<String> l = new ArrayList<>(list);
      l.remove(one);
      return List.copyOf(l);
    }
  }

  /** Something the NPC does that involves another entity. */
  public sealed interface Intent permits Walk, HarvestNode, TakeFood, ChatWith, Fight {
    UUID commandId();
  }

  public record Walk(UUID commandId, Direction direction, String toward) implements Intent {}

  public record HarvestNode(UUID commandId, String node, String item, int maxUnits) implements Intent {}

  public record TakeFood(UUID commandId, String item, int quantity) implements Intent {}

  public record ChatWith(UUID commandId, String npc) implements Intent {}

  /** Attack {@code creature}, which decides the blow as it does a player's. */
  public record Fight(UUID commandId, String creature) implements Intent {}

  /** How a guard fights: a trained hand with a spear and a leather coat. */
  public static final Combatant GUARD = new Combatant(5, 14, 8, 5);
  /** How anyone else fights, should it come to that. */
  public static final Combatant COMMONER = new Combatant(1, 3, 1, 0);

  /** @param intent null when the tick needs no other entity */
  public record Step(List<Event> events, Intent intent) {}

  /** Pack units of a worked item beyond which the NPC stops gathering it. */
  static final int WORK_STOCK = 6;
  /** After finding no food it waits this long before looking again. */
  static final long FORAGE_RETRY_TICKS = 120;
  static final long CHAT_GAP_TICKS = 20;

  private final World world;
  private final Settings settings;
  /** Null when there are no world events to notice. */
  private final Almanac almanac;
  private final Routes routes;
  private final Map<String, Integer> foodValues = new LinkedHashMap<>();
  /** Places where food grows that anyone can pick by hand. */
  private final List<String> foodPlaces = new ArrayList<>();

  /** Minds that hear of no world events. */
  public NpcMind(World world, Settings settings) {
    this(world, settings, null);
  }

  /** Minds that notice the world events of {@code almanac} (festivals, raids) beginning in their zone. */
  public NpcMind(World world, Settings settings, Almanac almanac) {
    this.world = world;
    this.settings = settings;
    this.almanac = almanac == null || almanac.events().isEmpty() ? null : almanac;
    this.routes = new Routes(world);
    for (ItemDef item : world.items().values()) {
      if (item.kind() == ItemKind.FOOD && item.use() != null && !harmful(item)) {
        foodValues.put(item.id(), 20 + (int) Math.round(2.5 * item.use().hp()));
      }
    }
    for (LocationDef loc : world.locations().values()) {
      boolean grows = loc.nodes().stream().map(world.nodes()::get)
          .anyMatch(n -> n.tool() == null && foodValues.containsKey(n.item()));
      boolean lies = loc.items().keySet().stream().anyMatch(foodValues::containsKey);
      if (grows || lies) {
        foodPlaces.add(loc.id());
      }
    }
  }

  public Settings settings() {
    return settings;
  }

  public World world() {
    return world;
  }

  private boolean harmful(ItemDef item) {
    for (EffectGrant g : item.use().effects()) {
      if (world.effect(g.effect()).map(e -> e.harmful()).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /** How much one unit of {@code item} feeds; 0 for what is not wholesome food. */
  public int nourishment(String item) {
    return foodValues.getOrDefault(item, 0);
  }

  /** The commandId of a tick's step {@code what}: the same for the same NPC, tick and step, so retries dedup. */
  public static UUID stepId(String npc, long tick, String what) {
    return UUID.nameUUIDFromBytes((npc + "/" + tick + "/" + what).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  // ---- the step ----

  /** Collects events and applies them to a working copy, so later choices in the tick see earlier ones. */
  private final class Draft {
    final NpcDef def;
    final long tick;
    final long lamport;
    /** Null until first needed: most ticks emit nothing, and deriving an id hashes. */
    UUID base;
    Mind mind;
    final List<Event> events = new ArrayList<>();

    /** @param base the id of the first event; the others derive from it */
    Draft(NpcDef def, Mind mind, long tick, long lamport, UUID base) {
      this.def = def;
      this.mind = mind.settledTo(tick, def.personality());
      this.tick = tick;
      this.lamport = lamport;
      this.base = base;
    }

    UUID id() {
      if (base == null) {
        base = stepId(def.id(), tick, "tick");
      }
      return events.isEmpty() ? base : CommandMeta.derived(base, "e" + events.size());
    }

    void emit(Event e) {
      events.add(e);
      mind = mind.apply(e, def, settings.memoryCapacity());
    }

    void remember(MemoryType type, int importance, String text, List<String> about, int valence) {
      emit(new Remembered(lamport, id(), tick, Memory.of(tick, type, importance, text, about, valence)));
    }
  }

  /**
   * @param weather the zone's weather this tick, or null when not known
   */
  public Step step(NpcDef def, Mind mind, long tick, Perception seen, String weather, long lamport) {
    Draft d = new Draft(def, mind, tick, lamport, null);
    Perception here = seen != null && d.mind.location() != null && d.mind.location().equals(seen.location())
        ? seen : Perception.NOTHING;
    noticeWeather(d, weather);
    noticeWorldEvents(d);
    provision(d);
    worryAboutFood(d);
    if (Reflection.due(d.mind.memory(), settings.reflectionThreshold())) {
      d.emit(new Reflected(lamport, d.id(), tick, Reflection.insights(d.mind.memory(), tick, this::nameOf)));
    }
    NpcActivity chosen = choose(def, d.mind, tick, here);
    if (chosen != d.mind.activity()) {
      d.emit(new ActivityChosen(lamport, d.id(), tick, chosen));
    }
    String foe = chosen == NpcActivity.SLEEP ? null : foeToFight(def, here);
    Intent intent = foe != null ? new Fight(stepId(def.id(), tick, "fight"), foe) : act(d, chosen, here);
    return new Step(d.events, intent);
  }

  /** Whether this NPC stands and fights dangerous beasts: the watch does. */
  public static boolean fights(NpcDef def) {
    return "guard".equals(def.role());
  }

  /** The dangerous beast a guard attacks here, if any: the first of those it sees. */
  String foeToFight(NpcDef def, Perception here) {
    if (!fights(def)) {
      return null;
    }
    for (String c : here.creatures()) {
      if (aggressive(c)) {
        return c;
      }
    }
    return null;
  }

  /** Whether creature {@code id} attacks people by nature. */
  public boolean aggressive(String creature) {
    return world.creature(creature).map(world::kindOf).map(k -> k.aggression() == Aggression.AGGRESSIVE).orElse(false);
  }

  /** Fear at which an NPC keeps away from where it last met danger. */
  static final double STILL_AFRAID = 0.1;
  /** How long a place where it met danger stays one to keep away from. */
  static final long DANGER_REMEMBERED_TICKS = 120;

  /** The places where it met danger or saw violence lately, from its memories of them. */
  private java.util.Set<String> dangerousLately(Mind m, long tick) {
    java.util.Set<String> places = new java.util.HashSet<>();
    for (Memory mem : m.memory().memories()) {
      if (mem.importance() >= Importance.DANGER && mem.valence() < 0 && tick - mem.tick() <= DANGER_REMEMBERED_TICKS) {
        for (String about : mem.about()) {
          if (world.locations().containsKey(about)) {
            places.add(about);
          }
        }
      }
    }
    return places;
  }

  private boolean danger(Perception here) {
    for (String c : here.creatures()) {
      if (aggressive(c)) {
        return true;
      }
    }
    return false;
  }

  /** Weather that makes the sky clearing after it a relief. */
  private static final java.util.Set<String> FOUL = java.util.Set.of("rain", "storm", "snow", "fog");

  /**
   * A change of weather moves the NPC by its character: a storm frightens the anxious much more than
   * the steady, rain and fog weigh on the anxious, snow delights the curious, and the sky clearing
   * after foul weather cheers everyone, the outgoing most.
   */
  private void noticeWeather(Draft d, String weather) {
    String before = d.mind.weather();
    if (weather == null || weather.equals(before)) {
      return;
    }
    d.emit(new WeatherNoticed(d.lamport, d.id(), d.tick, weather));
    Personality p = d.def.personality();
    double neuro = Personality.fraction(p.neuroticism());
    double open = Personality.fraction(p.openness());
    double x = Personality.fraction(p.extraversion());
    String where = d.mind.location() == null ? "weather" : d.mind.location();
    switch (weather) {
      case "storm" -> {
        d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.FEAR, 0.1 + 0.5 * neuro, "storm"));
        d.emit(new Shaken(d.lamport, d.id(), d.tick, Math.round(5 + 30 * neuro), "storm"));
        d.remember(MemoryType.OBSERVATION, 4, "A storm broke over " + placeName(d.mind.location()) + ".", List.of(where), -1);
      }
      case "rain", "fog" -> d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.SADNESS, 0.02 + 0.2 * neuro, weather));
      case "snow" -> d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.JOY, 0.05 + 0.25 * open, weather));
      case "clear" -> {
        boolean relief = before != null && FOUL.contains(before);
        d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.JOY, (relief ? 0.15 : 0.05) + (relief ? 0.3 : 0.1) * x, weather));
        if ("storm".equals(before)) {
          d.remember(MemoryType.OBSERVATION, 3, "The storm passed and the sky cleared over " + placeName(d.mind.location()) + ".",
              List.of(where), 1);
        }
      }
      default -> { }
    }
  }

  /**
   * A world event beginning in the NPC's zone this tick: a raid of beasts frightens it (the watch it
   * angers), anything else (a festival, a market) cheers it, the outgoing most. Found from the
   * almanac and the tick alone, so a mind catching up on many ticks notices it as it would have.
   */
  private void noticeWorldEvents(Draft d) {
    if (almanac == null) {
      return;
    }
    int minute = almanac.time(d.tick).minuteOfDay();
    int perTick = almanac.calendar().minutesPerTick();
    for (Perturbation p : almanac.events()) {
      // an event begins on the hour; only the tick that reaches that hour can see it begin
      boolean onTheHour = perTick >= 60 || (minute / 60 == p.startHour() && minute % 60 < perTick);
      if (!onTheHour || !p.touches(d.def.zone())
          || !p.activeAt(d.tick, almanac.calendar()) || p.activeAt(d.tick - 1, almanac.calendar())) {
        continue;
      }
      Personality pers = d.def.personality();
      String where = d.mind.location() == null ? d.def.zone() : d.mind.location();
      if (!p.aggressiveKinds().isEmpty()) {
        boolean guard = fights(d.def);
        d.emit(new Felt(d.lamport, d.id(), d.tick, guard ? Mood.ANGER : Mood.FEAR,
            guard ? 0.3 : 0.2 + 0.4 * Personality.fraction(pers.neuroticism()), p.id()));
        if (!guard) {
          d.emit(new Shaken(d.lamport, d.id(), d.tick, 15, p.id()));
        }
        d.remember(MemoryType.OBSERVATION, Importance.DANGER - 2, capitalised(p.name()) + " began.", List.of(p.id(), where), -1);
      } else if (p.weather() == null) {
        // foul weather an event brings is felt as weather
        d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.JOY, 0.15 + 0.35 * Personality.fraction(pers.extraversion()), p.id()));
        d.remember(MemoryType.OBSERVATION, 4, capitalised(p.name()) + " began.", List.of(p.id(), where), 1);
      }
    }
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Each morning at home the household tops the NPC's pack up to its ration. */
  private void provision(Draft d) {
    long day = settings.day().dayOf(d.tick);
    int hour = settings.day().hourOf(d.tick);
    if (!d.def.home().equals(d.mind.location()) || day <= d.mind.rationDay() || hour < 5 || hour >= 12) {
      return;
    }
    List<ItemStack> topUp = new ArrayList<>();
    d.def.ration().forEach((item, count) -> {
      int lack = count - d.mind.pack().quantity(item);
      if (lack > 0) {
        topUp.add(new ItemStack(item, lack));
      }
    });
    d.emit(new Provisioned(d.lamport, d.id(), d.tick, topUp, day));
  }

  /** Starving with nothing to eat: the NPC wants food and will ask whoever talks to it. */
  private void worryAboutFood(Draft d) {
    if (d.mind.needs().hunger() >= 15 || bestFood(d.mind) != null || d.mind.goals().stream().anyMatch(g -> isFood(g.item()))) {
      return;
    }
    String item = foodValues.containsKey("bread") ? "bread" : foodValues.keySet().iterator().next();
    Goal goal = new Goal(d.def.id() + ".goal." + (d.mind.goalsMade() + 1), item, 3, d.tick, "I have nothing to eat");
    d.emit(new GoalSet(d.lamport, d.id(), d.tick, goal));
    d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.SADNESS, 0.4, "hunger"));
    d.remember(MemoryType.OBSERVATION, Importance.HUNGER_CRISIS, "I was hungry and had no food left.", List.of(), -1);
  }

  // ---- deciding ----

  /**
   * The hour of its schedule an NPC keeps at {@code tick}. Each keeps its own time, up to half an
   * hour early or late (fixed by its id), as people do: a whole town does not down tools on the
   * stroke of noon, and the world does not pay for ten thousand walks in the same tick.
   */
  public int scheduleHour(NpcDef def, long tick) {
    long perHour = Math.max(1, settings.day().ticksPerDay() / 24);
    long offset = Math.floorMod(def.id().hashCode(), perHour) - perHour / 2;
    return settings.day().hourOf(tick + offset);
  }

  /**
   * Once asleep, an NPC sleeps on until its energy is back to this much: woken as soon as it is a
   * little less tired than when it lay down, it would nap and work by turns all afternoon.
   */
  static final double WELL_RESTED = 80;
  static final double SLEEP_INERTIA = 0.5;

  /** The activity with the highest utility now; ties go to the earlier activity in {@link NpcActivity}. */
  public NpcActivity choose(NpcDef def, Mind m, long tick, Perception here) {
    Map<NpcActivity, Double> scores = scores(def, m, tick, here);
    NpcActivity best = NpcActivity.IDLE;
    double top = Double.NEGATIVE_INFINITY;
    for (Map.Entry<NpcActivity, Double> e : scores.entrySet()) {
      if (e.getValue() > top) {
        top = e.getValue();
        best = e.getKey();
      }
    }
    return best;
  }

  /** Utility of each activity from schedule, needs, personality, emotion, relationships and goals. */
  public Map<NpcActivity, Double> scores(NpcDef def, Mind m, long tick, Perception here) {
    Personality p = def.personality();
    Needs n = m.needs();
    Emotion e = m.emotion();
    NpcActivity planned = def.blockAt(scheduleHour(def, tick)).activity();
    double hunger = Needs.urgency(n.hunger());
    double energy = Needs.urgency(n.energy());
    double social = Needs.urgency(n.social());
    double safety = Needs.urgency(n.safety());
    double c = Personality.fraction(p.conscientiousness());
    double x = Personality.fraction(p.extraversion());
    double neuro = Personality.fraction(p.neuroticism());
    double company = 0;
    for (String other : here.npcs()) {
      company = Math.max(company, m.relationTo(other).warmth());
    }
    boolean hasFood = bestFood(m) != null;
    boolean foodWanted = m.goals().stream().anyMatch(g -> isFood(g.item()));

    Map<NpcActivity, Double> s = new EnumMap<>(NpcActivity.class);
    s.put(NpcActivity.SLEEP, (planned == NpcActivity.SLEEP ? 1.0 : 0) + 1.6 * energy - (n.hunger() < 20 ? 0.8 : 0)
        - (n.energy() > 95 && planned != NpcActivity.SLEEP ? 1 : 0)
        + (m.activity() == NpcActivity.SLEEP && n.energy() < WELL_RESTED ? SLEEP_INERTIA : 0));
    s.put(NpcActivity.EAT, (planned == NpcActivity.EAT ? (n.hunger() < 80 ? 1.0 : 0.2) : 0) + 2.2 * hunger
        + (foodWanted && !hasFood ? 0.2 : 0) - (n.hunger() > 90 ? 1 : 0));
    s.put(NpcActivity.WORK, (planned == NpcActivity.WORK ? 0.6 + 0.6 * c : 0) - 0.3 * e.of(Mood.SADNESS)
        - 0.5 * e.of(Mood.FEAR) - 0.4 * energy);
    s.put(NpcActivity.SOCIALISE, (planned == NpcActivity.SOCIALISE ? 0.8 : 0) + social * (0.5 + x)
        + 0.2 * e.of(Mood.JOY) - 0.3 * e.of(Mood.SADNESS) + 0.2 * company);
    s.put(NpcActivity.IDLE, planned == NpcActivity.IDLE ? 0.8 : 0.05);
    // Afraid with danger in sight, anyone but the watch gets away from it.
    double flight = !fights(def) && e.of(Mood.FEAR) > 0 && danger(here) ? 0.2 + 1.5 * e.of(Mood.FEAR) : 0;
    s.put(NpcActivity.SEEK_SAFETY, 2.0 * safety + 0.8 * e.of(Mood.FEAR) * (0.5 + neuro) + flight);
    s.merge(m.activity(), 0.1, Double::sum);
    return s;
  }

  // ---- acting ----

  private Intent act(Draft d, NpcActivity activity, Perception here) {
    Mind m = d.mind;
    String planned = placeFor(d.def, m, activity, d.tick);
    // when the danger is at home itself, anywhere else will do
    String place = activity == NpcActivity.SEEK_SAFETY && planned != null && planned.equals(m.location()) && !fights(d.def)
        && danger(here) ? (d.def.haunt().equals(m.location()) ? d.def.workplace() : d.def.haunt()) : planned;
    if (m.location() != null && place != null && !place.equals(m.location())) {
      if (!fights(d.def) && m.emotion().of(Mood.FEAR) >= STILL_AFRAID && dangerousLately(m, d.tick).contains(place)) {
        return null; // still afraid: it keeps away from where the danger was
      }
      Optional<Direction> way = routes.nextStep(m.location(), place);
      return way.map(dir -> (Intent) new Walk(stepId(d.def.id(), d.tick, "walk"), dir, place)).orElse(null);
    }
    switch (activity) {
      case EAT -> {
        return eat(d, here);
      }
      case WORK -> {
        return work(d, here);
      }
      case SOCIALISE -> {
        return socialise(d, here);
      }
      default -> {
        return null;
      }
    }
  }

  /** Where an activity takes the NPC now. */
  String placeFor(NpcDef def, Mind m, NpcActivity activity, long tick) {
    ScheduleBlock block = def.blockAt(scheduleHour(def, tick));
    boolean planned = block.activity() == activity;
    return switch (activity) {
      case SLEEP, SEEK_SAFETY -> def.home();
      case IDLE -> planned ? block.place() : def.home();
      case WORK -> planned ? block.place() : def.workplace();
      case SOCIALISE -> planned ? block.place() : def.haunt();
      case EAT -> {
        if (bestFood(m) != null) {
          yield planned ? block.place() : m.location();
        }
        yield foragedInVainLately(m, tick) || m.location() == null ? def.home() : nearestFoodPlace(m.location(), def.home());
      }
    };
  }

  private boolean foragedInVainLately(Mind m, long tick) {
    return tick - m.forageFailedAt() < FORAGE_RETRY_TICKS;
  }

  private String nearestFoodPlace(String from, String fallback) {
    String best = fallback;
    int bestDistance = Integer.MAX_VALUE;
    for (String place : foodPlaces) {
      int dist = routes.distance(from, place);
      if (dist >= 0 && dist < bestDistance) {
        bestDistance = dist;
        best = place;
      }
    }
    return best;
  }

  private Intent eat(Draft d, Perception here) {
    Mind m = d.mind;
    String food = bestFood(m);
    if (food != null) {
      if (m.needs().hunger() < 90) {
        int value = nourishment(food);
        d.emit(new Ate(d.lamport, d.id(), d.tick, food, value));
        if (value >= 40) {
          d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.JOY, 0.15, "meal"));
        }
        d.remember(MemoryType.OBSERVATION, Importance.MEAL, "Ate " + world.itemName(food) + " at "
            + placeName(m.location()) + ".", List.of(m.location()), 1);
      }
      return null;
    }
    if (foragedInVainLately(m, d.tick)) {
      return null;
    }
    for (Map.Entry<String, Integer> g : here.ground().entrySet()) {
      if (foodValues.containsKey(g.getKey()) && g.getValue() > 0) {
        return new TakeFood(stepId(d.def.id(), d.tick, "take"), g.getKey(), Math.min(2, g.getValue()));
      }
    }
    LocationDef loc = world.locations().get(m.location());
    for (String nodeId : loc.nodes()) {
      NodeKindDef node = world.nodes().get(nodeId);
      if (node.tool() == null && foodValues.containsKey(node.item()) && here.nodes().getOrDefault(nodeId, node.max()) > 0) {
        return new HarvestNode(stepId(d.def.id(), d.tick, "harvest"), nodeId, node.item(), 3);
      }
    }
    noFood(d, m.location());
    return null;
  }

  private void noFood(Draft d, String place) {
    d.emit(new ForageFailed(d.lamport, d.id(), d.tick, place));
    d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.SADNESS, 0.2, "no food"));
    d.remember(MemoryType.OBSERVATION, Importance.FOOD_SHORTAGE, "There was no food to be had at " + placeName(place) + ".",
        List.of(place), -1);
  }

  private Intent work(Draft d, Perception here) {
    Mind m = d.mind;
    LocationDef loc = world.locations().get(m.location());
    // gathering at work now and then, not every tick, so players find the nodes stocked too
    if (Math.floorMod(d.tick + d.def.id().hashCode(), 45) != 0) {
      return null;
    }
    for (String nodeId : loc.nodes()) {
      NodeKindDef node = world.nodes().get(nodeId);
      if (node.tool() == null && here.nodes().getOrDefault(nodeId, node.max()) > 0
          && m.pack().quantity(node.item()) < WORK_STOCK) {
        return new HarvestNode(stepId(d.def.id(), d.tick, "harvest"), nodeId, node.item(), 2);
      }
    }
    return null;
  }

  private Intent socialise(Draft d, Perception here) {
    Mind m = d.mind;
    if (here.npcs().isEmpty() || m.needs().social() >= 95 || d.tick - m.lastChatAt() < CHAT_GAP_TICKS) {
      return null;
    }
    String partner = null;
    double best = -0.3;
    for (String other : here.npcs()) {
      double w = m.relationTo(other).warmth();
      if (w > best) {
        best = w;
        partner = other;
      }
    }
    return partner == null ? null : new ChatWith(stepId(d.def.id(), d.tick, "chat"), partner);
  }

  public String bestFood(Mind m) {
    String best = null;
    int value = 0;
    for (ItemStack s : m.pack().asStacks()) {
      int v = nourishment(s.item());
      if (v > value) {
        value = v;
        best = s.item();
      }
    }
    return best;
  }

  public boolean isFood(String item) {
    return foodValues.containsKey(item);
  }

  // ---- outcomes of intents ----

  public List<Event> afterWalk(NpcDef def, Mind mind, long tick, long lamport, UUID base, String from, LocationView arrived) {
    Draft d = new Draft(def, mind, tick, lamport, base);
    d.emit(new Moved(lamport, d.id(), tick, from, arrived.id()));
    perceiveArrival(d, Perception.of(arrived, def.id()));
    return d.events;
  }

  /** What an NPC notices on arriving: players it meets, friends and rivals, danger. */
  void perceiveArrival(Draft d, Perception p) {
    String place = placeName(p.location());
    for (String player : p.players()) {
      Relationship r = d.mind.relationTo(player);
      d.remember(MemoryType.OBSERVATION, Importance.about(Importance.SAW_SOMEONE, d.mind.relationships().get(player)),
          "Saw " + player + " at " + place + ".", List.of(player, p.location()), r.rival() ? -1 : 0);
    }
    for (String npc : p.npcs()) {
      Relationship r = d.mind.relationships().get(npc);
      if (r != null && (r.friend() || r.rival())) {
        d.remember(MemoryType.OBSERVATION, Importance.about(Importance.ARRIVAL, r),
            "Met " + nameOf(npc) + " at " + place + ".", List.of(npc, p.location()), r.friend() ? 1 : -1);
      }
    }
    long dangerous = p.creatures().stream()
        .map(id -> world.creature(id).map(world::kindOf).orElse(null))
        .filter(k -> k != null && k.aggression() == io.microcosm.world.Aggression.AGGRESSIVE)
        .count();
    if (dangerous > 0) {
      d.emit(new Shaken(d.lamport, d.id(), d.tick, 25 * dangerous, "creatures"));
      d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.FEAR, 0.5, "creatures"));
      d.remember(MemoryType.OBSERVATION, Importance.DANGER, "Dangerous beasts prowled at " + place + ".",
          List.of(p.location()), -1);
    }
  }

  public List<Event> afterWalkRefused(NpcDef def, Mind mind, long tick, long lamport, UUID base, Direction direction, String why) {
    Draft d = new Draft(def, mind, tick, lamport, base);
    d.remember(MemoryType.OBSERVATION, 3, "The way " + direction.label() + " from " + placeName(mind.location())
        + " was closed: " + why, List.of(mind.location()), -1);
    return d.events;
  }

  public List<Event> afterGot(NpcDef def, Mind mind, long tick, long lamport, UUID base, String item, int quantity, String from) {
    Draft d = new Draft(def, mind, tick, lamport, base);
    d.emit(new Got(lamport, d.id(), tick, item, quantity, from));
    return d.events;
  }

  public List<Event> afterFoodRefused(NpcDef def, Mind mind, long tick, long lamport, UUID base) {
    Draft d = new Draft(def, mind, tick, lamport, base);
    noFood(d, mind.location());
    return d.events;
  }

  /** A conversation between two NPCs, from one side: company, feelings for the other, its mood, a memory. */
  public List<Event> afterChat(NpcDef def, Mind mind, long tick, long lamport, UUID base, String other, Emotion theirs) {
    Draft d = new Draft(def, mind, tick, lamport, base);
    Relationship r = d.mind.relationTo(other);
    d.emit(new Socialised(d.lamport, d.id(), tick, other, 10));
    int warmth = r.rival() ? -1 : 1 + (def.personality().agreeableness() >= 60 ? 1 : 0);
    d.emit(new RelationChanged(lamport, d.id(), tick, other, warmth, r.rival() ? 0 : 1, r.rival() ? 1 : 0));
    double pull = theirs.mood() == Mood.CALM || theirs.intensity() < 0.2
        ? 0 : theirs.intensity() * 0.2 * (0.5 + Personality.fraction(def.personality().agreeableness()));
    if (pull > 0) {
      d.emit(new Felt(lamport, d.id(), tick, theirs.mood(), pull, "resonance with " + other));
    }
    d.remember(MemoryType.DIALOGUE, Importance.about(Importance.CHAT, d.mind.relationships().get(other)),
        "Talked with " + nameOf(other) + " at " + placeName(mind.location()) + (theirs.mood() == Mood.CALM ? "." :
            "; " + nameOf(other) + " seemed full of " + theirs.mood().label() + "."),
        List.of(other, mind.location()), r.rival() ? -1 : 1);
    return d.events;
  }

  /** A player talked to the NPC: company, a little warmth, and a memory of the conversation. */
  public List<Event> afterTalk(NpcDef def, Mind mind, long tick, long lamport, UUID base, String player, String topic,
      Dialogue.Reply reply) {
    Draft d = new Draft(def, mind, tick, lamport, base);
    d.emit(new Talked(lamport, d.id(), tick, player, topic, reply.line()));
    Relationship r = d.mind.relationTo(player);
    d.emit(new Socialised(lamport, d.id(), tick, player, 5));
    d.emit(new RelationChanged(lamport, d.id(), tick, player, r.rival() ? 0 : 1, 1, 0));
    d.remember(MemoryType.DIALOGUE, Importance.about(Importance.PLAYER_TALK, d.mind.relationships().get(player)),
        topic == null ? player + " talked with me at " + placeName(mind.location()) + "."
            : player + " asked me about " + topic + " at " + placeName(mind.location()) + ".",
        List.of(player, mind.location()), r.rival() ? -1 : 1);
    if (reply.offer() != null) {
      d.remember(MemoryType.DIALOGUE, Importance.PLAYER_TALK, "I asked " + player + " to bring me " + reply.offer().quantity()
          + " " + world.itemName(reply.offer().item()) + ".", List.of(player), 0);
    }
    return d.events;
  }

  /** A gift: the units, joy, warmth and trust for the giver, a memory, and progress on a goal it serves. */
  public List<Event> afterGift(NpcDef def, Mind mind, long tick, long lamport, UUID base, String giver, String item,
      int quantity, Goal goal) {
    Draft d = new Draft(def, mind, tick, lamport, base);
    d.emit(new Got(lamport, d.id(), tick, item, quantity, giver));
    d.emit(new Felt(lamport, d.id(), tick, Mood.JOY, goal != null ? 0.7 : 0.5, "gift"));
    d.emit(new RelationChanged(lamport, d.id(), tick, giver, goal != null ? 15 : 10, goal != null ? 10 : 5, 0));
    d.remember(MemoryType.OBSERVATION, Importance.about(Importance.GIFT, d.mind.relationships().get(giver)),
        giver + " gave me " + quantity + " " + world.itemName(item) + ".", List.of(giver), 1);
    if (goal != null) {
      d.emit(new GoalProgressed(lamport, d.id(), tick, goal.id(), quantity));
      if (quantity >= goal.quantity()) {
        d.remember(MemoryType.OBSERVATION, Importance.QUEST_DONE, giver + " helped me when I needed "
            + world.itemName(item) + ".", List.of(giver), 1);
      }
    }
    return d.events;
  }

  // ---- what it perceives where it is ----

  /**
   * What the NPC makes of something that happened where it is. Routine (people leaving, things picked
   * up or put down, neighbours coming and going, anyone arriving while it sleeps) changes nothing and
   * gives no events. Violence matters most: a fight frightens it
   * (a guard it angers instead), a death stays in memory, and whoever attacks its friend or one of
   * its faction becomes its rival.
   */
  public List<Event> afterWitness(NpcDef def, Mind mind, long tick, long lamport, UUID base, LocationEntity.Broadcast b) {
    if (routine(b, mind) || def.id().equals(LocationEntity.actorOf(b)) || !b.location().equals(mind.location())) {
      return List.of(); // and nothing computed: most of what a place tells is this
    }
    Draft d = new Draft(def, mind, tick, lamport, base);
    boolean awake = d.mind.activity() != NpcActivity.SLEEP;
    String place = placeName(b.location());
    if (b instanceof LocationEntity.Arrival a && awake) {
      arrival(d, a.occupant(), place, b.location());
    } else if (b instanceof LocationEntity.Crowd c && awake) {
      for (String o : c.arrived()) {
        Relationship r = d.mind.relationships().get(o);
        if (r != null && (r.friend() || r.rival())) {
          arrival(d, o, place, b.location());
        }
      }
    } else if (b instanceof LocationEntity.CreatureArrived a && aggressive(a.creature())) {
      String beast = creatureName(a.creature());
      if (fights(def)) {
        d.emit(new Felt(lamport, d.id(), tick, Mood.ANGER, 0.3, a.creature()));
        d.remember(MemoryType.OBSERVATION, Importance.DANGER, "A " + beast + " came prowling into " + place + ".",
            List.of(a.creature(), b.location()), -1);
      } else {
        d.emit(new Shaken(lamport, d.id(), tick, 25, a.creature()));
        d.emit(new Felt(lamport, d.id(), tick, Mood.FEAR, 0.5, a.creature()));
        d.remember(MemoryType.OBSERVATION, Importance.DANGER, "A " + beast + " came prowling into " + place + ".",
            List.of(a.creature(), b.location()), -1);
      }
    } else if (b instanceof LocationEntity.CreatureAttacked a) {
      String beast = creatureName(a.creature());
      boolean fell = a.wokeAt() != null;
      String text = "A " + beast + " attacked " + whoName(a.target()) + " at " + place
          + (fell ? " and struck them down." : a.damage() > 0 ? " and hurt them." : ".");
      violence(d, a.creature(), a.target(), fell, text, b.location());
    } else if (b instanceof LocationEntity.Attacked a) {
      String text = whoName(a.attacker()) + " fought " + whoName(a.target()) + " at " + place + ".";
      violence(d, a.attacker(), a.target(), false, text, b.location());
    } else if (b instanceof LocationEntity.CreatureSlain s) {
      boolean beast = aggressive(s.creature());
      d.remember(MemoryType.OBSERVATION, Importance.about(beast ? Importance.DEATH : Importance.CHAT,
              d.mind.relationships().get(s.killer())),
          nameOf(s.killer()) + " killed the " + creatureName(s.creature()) + " at " + place + ".",
          List.of(s.killer(), s.creature(), b.location()), beast ? 1 : 0);
      if (beast) {
        // one danger fewer: relief, and thanks to whoever did it
        d.emit(new Felt(lamport, d.id(), tick, Mood.JOY, 0.3, "relief"));
        if (world.creature(s.killer()).isEmpty()) {
          d.emit(new RelationChanged(lamport, d.id(), tick, s.killer(), 5, 5, 0));
        }
      }
    }
    return d.events;
  }

  /** What never changes the mind: comings and goings of neighbours, things moved about, growth. */
  private boolean routine(LocationEntity.Broadcast b, Mind mind) {
    if (b instanceof LocationEntity.Arrival a) {
      Relationship r = mind.relationships().get(a.occupant());
      return Onlookers.isNpc(a.occupant()) && (r == null || !(r.friend() || r.rival()));
    }
    return b instanceof LocationEntity.Departure || b instanceof LocationEntity.ItemsTaken
        || b instanceof LocationEntity.ItemsDropped || b instanceof LocationEntity.ResourcesHarvested
        || b instanceof LocationEntity.CreatureDeparted || b instanceof LocationEntity.NodesRegrown;
  }

  private void arrival(Draft d, String who, String place, String location) {
    Relationship r = d.mind.relationships().get(who);
    boolean player = !Onlookers.isNpc(who);
    if (!player && (r == null || !(r.friend() || r.rival()))) {
      return; // neighbours come and go all day
    }
    if (sawArriveLately(d.mind, who, location, d.tick)) {
      return; // someone pacing in and out is one thing to remember, not one a minute
    }
    boolean friend = r != null && r.friend();
    boolean rival = r != null && r.rival();
    d.remember(MemoryType.OBSERVATION, Importance.about(player ? Importance.SAW_SOMEONE : Importance.ARRIVAL, r),
        nameOf(who) + " came to " + place + ".", List.of(who, location), friend ? 1 : rival ? -1 : 0);
    if (friend) {
      d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.JOY, 0.2, who));
    } else if (rival) {
      d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.ANGER, 0.1, who));
    }
  }

  /** Comings of one person to one place within this many ticks are remembered once. */
  static final long SEEN_AGAIN_AFTER = 60;

  private static boolean sawArriveLately(Mind mind, String who, String location, long tick) {
    List<Memory> memories = mind.memory().memories();
    for (int i = memories.size() - 1; i >= 0; i--) {
      Memory m = memories.get(i);
      if (tick - m.tick() >= SEEN_AGAIN_AFTER) {
        return false;
      }
      if (m.type() == MemoryType.OBSERVATION && m.about().size() == 2 && m.about().get(0).equals(who)
          && m.about().get(1).equals(location)) {
        return true;
      }
    }
    return false;
  }

  /** A fight seen: {@code attacker} went for {@code target}. */
  private void violence(Draft d, String attacker, String target, boolean fell, String text, String location) {
    Relationship toTarget = d.mind.relationships().get(target);
    boolean ours = (toTarget != null && toTarget.friend()) || sameFaction(d.def, target);
    int importance = Importance.about(fell ? Importance.DEATH : Importance.FIGHT, ours ? toTarget : d.mind.relationships().get(attacker));
    if (ours) {
      importance = Math.max(importance, Importance.FIGHT + 1);
    }
    d.remember(MemoryType.OBSERVATION, Math.min(10, importance), text, List.of(attacker, target, location), -1);
    if (!fights(d.def)) {
      d.emit(new Shaken(d.lamport, d.id(), d.tick, fell ? 30 : 20, "fight"));
    }
    if (ours) {
      // one of its own attacked: anger before fear
      d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.ANGER, 0.6, "attack on " + target));
      if (world.creature(attacker).isEmpty()) {
        d.emit(new RelationChanged(d.lamport, d.id(), d.tick, attacker, -20, -15, 40));
      }
    } else if (fights(d.def)) {
      d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.ANGER, 0.4, "fight"));
    } else {
      d.emit(new Felt(d.lamport, d.id(), d.tick, Mood.FEAR, fell ? 0.6 : 0.45, "fight"));
    }
  }

  private boolean sameFaction(NpcDef def, String other) {
    return def.faction() != null && world.npc(other).map(n -> def.faction().equals(n.faction())).orElse(false);
  }

  /**
   * Something said aloud where the NPC is. Awake, it remembers who said what; said to it by name, it
   * is company and a little warmth, as being talked to is.
   */
  public List<Event> afterHearing(NpcDef def, Mind mind, long tick, long lamport, UUID base, String speaker, String text) {
    Draft d = new Draft(def, mind, tick, lamport, base);
    if (d.mind.activity() == NpcActivity.SLEEP || text == null || text.isBlank() || speaker.equals(def.id())) {
      return d.events;
    }
    String words = text.strip();
    if (words.length() > SPEECH_KEPT) {
      words = words.substring(0, SPEECH_KEPT) + "...";
    }
    boolean toMe = addressed(def, text);
    Relationship r = d.mind.relationTo(speaker);
    if (toMe) {
      d.emit(new Socialised(lamport, d.id(), tick, speaker, 3));
      d.emit(new RelationChanged(lamport, d.id(), tick, speaker, r.rival() ? 0 : 1, 0, 0));
    }
    d.remember(MemoryType.DIALOGUE, Importance.about(toMe ? Importance.PLAYER_TALK : Importance.OVERHEARD,
            d.mind.relationships().get(speaker)),
        nameOf(speaker) + (toMe ? " said to me" : " said") + " at " + placeName(d.mind.location()) + ": \"" + words + "\"",
        List.of(speaker, d.mind.location()), r.rival() ? -1 : 0);
    return d.events;
  }

  /** Speech is kept in memory up to this many characters. */
  static final int SPEECH_KEPT = 160;

  /** Whether {@code text} names the NPC (its name or an alias, as a word). */
  static boolean addressed(NpcDef def, String text) {
    String lower = " " + text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ") + " ";
    if (lower.contains(" " + def.name().toLowerCase(java.util.Locale.ROOT) + " ")) {
      return true;
    }
    return def.aliases().stream().anyMatch(a -> lower.contains(" " + a.toLowerCase(java.util.Locale.ROOT) + " "));
  }

  /**
   * The outcome of a guard's blow at {@code creature}, decided by the creature by the combat rules:
   * the fight in memory (it matters: importance high), anger, and a shaking if the beast hit back.
   */
  public List<Event> afterFight(NpcDef def, Mind mind, long tick, long lamport, UUID base, String creature, Blow blow,
      Blow counter, int hpLeft, boolean killed) {
    Draft d = new Draft(def, mind, tick, lamport, base);
    d.emit(new Fought(lamport, d.id(), tick, creature, mind.location(), blow, counter, hpLeft, killed));
    String beast = creatureName(creature);
    String place = placeName(mind.location());
    if (killed) {
      d.emit(new Felt(lamport, d.id(), tick, Mood.JOY, 0.4, "victory"));
      d.remember(MemoryType.OBSERVATION, Importance.DEATH, "I killed the " + beast + " at " + place + ".",
          List.of(creature, mind.location()), 1);
      return d.events;
    }
    d.emit(new Felt(lamport, d.id(), tick, Mood.ANGER, 0.2, creature));
    if (counter.damage() > 0) {
      d.emit(new Shaken(lamport, d.id(), tick, counter.damage(), creature));
    }
    // one memory per fight, not per blow: the first blow at this beast since the last memory of it
    boolean remembered = d.mind.memory().memories().stream()
        .anyMatch(m -> m.about().contains(creature) && tick - m.tick() < FIGHT_MEMORY_TICKS);
    if (!remembered) {
      d.remember(MemoryType.OBSERVATION, Importance.ATTACKED, "I fought a " + beast + " at " + place + ".",
          List.of(creature, mind.location()), -1);
    }
    return d.events;
  }

  /** Blows at the same beast within this many ticks are one fight in memory. */
  static final long FIGHT_MEMORY_TICKS = 30;

  /** A character by name, a creature as "the giant spider". */
  private String whoName(String id) {
    return world.creature(id).isPresent() ? "the " + creatureName(id) : nameOf(id);
  }

  private String creatureName(String creature) {
    return world.creature(creature).map(world::kindOf).map(k -> k.name()).orElse(creature);
  }

  public String nameOf(String id) {
    return world.npc(id).map(NpcDef::name).orElseGet(() -> world.location(id).map(LocationDef::name).orElse(id));
  }

  String placeName(String location) {
    return location == null ? "nowhere" : world.location(location).map(LocationDef::name).orElse(location);
  }
}
