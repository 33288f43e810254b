package io.microcosm.world;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microcosm.entity.ShardRouting;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Reads a world from its data files and validates it, reporting every problem with the file, the
 * entry and the field it concerns. Layout, relative to the world's root (the format of each file is
 * described in {@code worlds/README.md}):
 *
 * <pre>
 * world.json        name, title, start and home locations, seed, new-player defaults, the list of zones
 * items.json        {"items": [...]}: item kinds, with how they are equipped, used as tools or consumed
 * effects.json      {"effects": [...]}: buffs and debuffs (optional file)
 * nodes.json        {"nodes": [...]}: resource node kinds (optional file)
 * recipes.json      {"stations": [...], "recipes": [...]} (optional file)
 * creatures.json    {"creatures": [...]}: creature kinds (optional file)
 * zones/ZONE.json   {id, name, description, "locations": [ {id, name, description, exits, items,
 *                   nodes, stations, creatures}, ... ]}
 * npcs.json         {"npcs": [...]}: the people of the world, with personality and daily schedule (optional file)
 * factions.json     {"factions": [...]}: factions and how they regard each other (optional file)
 * lore.json         {"lore": [...]}: what NPCs can tell about when asked (optional file)
 * quests.json       {"quests": [...]}: quests NPCs offer (optional file)
 * </pre>
 *
 * An exit is either a target id ({@code "north": "vale.forest"}) or an object
 * {@code {"to": ..., "blocked": reason, "locked": reason, "stamina": n}}.
 *
 * <p>This class reads each file and checks what can be checked within one entry (types, ranges,
 * duplicates); {@link WorldValidator} then checks the world as a whole (references between entries,
 * that every place can be reached and every recipe made).
 */
public final class WorldLoader {

  static final int DEFAULT_EXIT_STAMINA = 1;
  /** The highest character level; levels in data files are 1 to this. */
  public static final int MAX_LEVEL = 20;
  static final String DEFAULT_VERB = "gather";
  static final int DEFAULT_ACTION_STAMINA = 1;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final String worldName;
  private final WorldSource source;
  private final List<WorldProblem> problems = new ArrayList<>();
  /** Every object read, so fields nobody asked for can be reported once reading is done. */
  private final List<Entry> entries = new ArrayList<>();

  private WorldLoader(String worldName, WorldSource source) {
    this.worldName = worldName;
    this.source = source;
  }

  /** Loads a world shipped on the classpath under {@code worlds/NAME/}. */
  public static World load(String worldName) {
    return load(worldName, WorldSource.classpath(worldName));
  }

  /** @throws WorldValidationException listing every problem, when the data is not playable */
  public static World load(String worldName, WorldSource source) {
    return new WorldLoader(worldName, source).read();
  }

  private World read() {
    Entry w = parse("world.json").orElse(null);
    if (w == null) {
      throw new WorldValidationException(worldName, problems);
    }
    String name = w.text("name", true);
    String title = w.text("title", false);
    String start = w.text("start", true);
    String home = w.text("home", false);
    long seed = w.wholeLong("seed", 0L);
    PlayerDefaults player = readPlayerDefaults(w.child("player"));

    Map<String, EffectDef> effects = new LinkedHashMap<>();
    parseOptional("effects.json").ifPresent(root -> readEntries(root, "effects", "effect", effects, this::readEffect));
    Map<String, ItemDef> items = new LinkedHashMap<>();
    parse("items.json").ifPresent(root -> readEntries(root, "items", "item", items, this::readItem));
    Map<String, NodeKindDef> nodes = new LinkedHashMap<>();
    parseOptional("nodes.json").ifPresent(root -> readEntries(root, "nodes", "node", nodes, this::readNode));
    Map<String, StationDef> stations = new LinkedHashMap<>();
    Map<String, RecipeDef> recipes = new LinkedHashMap<>();
    parseOptional("recipes.json").ifPresent(root -> {
      if (!root.has("stations") && !root.has("recipes")) {
        root.problem(null, "needs a 'stations' or a 'recipes' list");
      }
      if (root.has("stations")) {
        readEntries(root, "stations", "station", stations, this::readStation);
      }
      if (root.has("recipes")) {
        readEntries(root, "recipes", "recipe", recipes, this::readRecipe);
      }
    });
    Map<String, CreatureKindDef> creatureKinds = new LinkedHashMap<>();
    parseOptional("creatures.json")
        .ifPresent(root -> readEntries(root, "creatures", "creature", creatureKinds, this::readCreature));

    Map<String, FactionDef> factions = new LinkedHashMap<>();
    parseOptional("factions.json").ifPresent(root -> readEntries(root, "factions", "faction", factions, this::readFaction));
    Map<String, LoreDef> lore = new LinkedHashMap<>();
    parseOptional("lore.json").ifPresent(root -> readEntries(root, "lore", "lore entry", lore, this::readLore));
    Map<String, QuestDef> quests = new LinkedHashMap<>();
    parseOptional("quests.json").ifPresent(root -> readEntries(root, "quests", "quest", quests, this::readQuest));
    Map<String, NpcDef> npcs = new LinkedHashMap<>();
    parseOptional("npcs.json").ifPresent(root -> readEntries(root, "npcs", "npc", npcs, this::readNpc));

    Map<String, ZoneDef> zones = new LinkedHashMap<>();
    Map<String, LocationDef> locations = new LinkedHashMap<>();
    Map<String, CreatureSpawn> spawns = new LinkedHashMap<>();
    for (String zoneId : w.texts("zones")) {
      readZone(zoneId, zones, locations, spawns);
    }
    if (!w.has("zones")) {
      w.problem("zones", "is required: the list of zone files under zones/");
    } else if (zones.isEmpty()) {
      w.problem("zones", "a world needs at least one zone");
    }
    if (name != null && !name.equals(worldName)) {
      w.problem("name", "is '" + name + "' but the world is loaded as '" + worldName + "'");
    }

    entries.forEach(Entry::reportUnknownFields);
    World world = new World(name, title == null ? name : title, start, home == null ? start : home, seed, player,
        zones, locations, items, effects, nodes, stations, recipes, creatureKinds, spawns, npcs, factions, lore, quests);
    problems.addAll(WorldValidator.check(world, source));
    if (!problems.isEmpty()) {
      throw new WorldValidationException(worldName, problems);
    }
    return world;
  }

  private PlayerDefaults readPlayerDefaults(Entry p) {
    if (p == null) {
      return new PlayerDefaults(20, 30_000, 100, 30, 40, 6, 10, 3);
    }
    return new PlayerDefaults(
        p.positiveInt("slots", 20),
        p.positiveGrams("carry", 30_000),
        p.positiveInt("hp", 100),
        p.positiveInt("mp", 30),
        p.positiveInt("sp", 40),
        p.nonNegativeInt("hpRegenTicks", 6),
        p.nonNegativeInt("mpRegenTicks", 10),
        p.nonNegativeInt("spRegenTicks", 3));
  }

  /**
   * Reads the list {@code field} of a file's root object, one entry per element, keyed by id. An
   * entry without a valid id, or whose id was already taken, is reported and left out; an entry with
   * other problems is reported and kept (with defaults), so references to it do not fail as well.
   */
  private <T> void readEntries(
      Entry root, String field, String noun, Map<String, T> into, BiFunction<String, Entry, T> reader) {
    for (JsonNode node : root.array(field)) {
      JsonNode rawId = node.get("id");
      String shown = rawId == null || rawId.isNull() ? "?" : rawId.asText();
      Entry e = new Entry(root.file, noun + " '" + shown + "'", node);
      String id = e.id("id");
      T def = reader.apply(id == null ? shown : id, e);
      if (id == null) {
        continue;
      }
      if (into.containsKey(id)) {
        e.problem("id", "duplicate " + noun + " id '" + id + "'");
        continue;
      }
      into.put(id, def);
    }
  }

  private ItemDef readItem(String id, Entry e) {
    String name = e.text("name", true);
    List<String> aliases = e.texts("aliases");
    int grams = e.nonNegativeGrams("weight");
    int stackLimit = e.positiveInt("stackLimit", 1);
    String description = e.text("description", false);
    ItemKind kind = e.choice("kind", ItemKind.MISC, ItemKind::parse, ItemKind::label, ItemKind.allowedValues());
    EquipDef equip = readEquip(e.child("equip"));
    ToolDef tool = readTool(e.child("tool"));
    UseDef use = readUse(e.child("use"));
    return new ItemDef(id, orElse(name, id), aliases, grams, stackLimit, orElse(description, ""), kind, equip, tool, use);
  }

  private EquipDef readEquip(Entry q) {
    if (q == null) {
      return null;
    }
    EquipSlot slot = q.choice("slot", null, EquipSlot::parse, EquipSlot::label, EquipSlot.allowedValues());
    if (slot == null && !q.has("slot")) {
      q.problem("slot", "is required; allowed: " + EquipSlot.allowedValues());
    }
    boolean twoHanded = q.bool("twoHanded", false);
    if (twoHanded && slot != null && slot != EquipSlot.MAIN_HAND) {
      q.problem("twoHanded", "only a " + EquipSlot.MAIN_HAND.label() + " item can be two-handed, this one is worn on "
          + slot.label());
      twoHanded = false;
    }
    int minLevel = q.level("minLevel", 1);
    return new EquipDef(slot == null ? EquipSlot.MAIN_HAND : slot, twoHanded, minLevel, readBonus(q));
  }

  /** The bonus fields of an item's {@code equip} object or of an effect's {@code bonus} object. */
  private StatBonus readBonus(Entry b) {
    if (b == null) {
      return StatBonus.NONE;
    }
    StatBonus bonus = new StatBonus(
        b.anyInt("attack"), b.anyInt("defense"), b.anyInt("hp"), b.anyInt("mp"), b.anyInt("sp"),
        b.signedGrams("carry"), b.anyInt("gather"), b.number("crit", 0, -100, 100));
    return bonus.equals(StatBonus.NONE) ? StatBonus.NONE : bonus;
  }

  private ToolDef readTool(Entry t) {
    if (t == null) {
      return null;
    }
    String kind = t.id("kind");
    int power = t.nonNegativeInt("power", 0);
    return kind == null ? null : new ToolDef(kind, power);
  }

  private UseDef readUse(Entry u) {
    if (u == null) {
      return null;
    }
    int hp = u.nonNegativeInt("hp", 0);
    int mp = u.nonNegativeInt("mp", 0);
    int sp = u.nonNegativeInt("sp", 0);
    List<EffectGrant> effects = new ArrayList<>();
    for (Entry g : u.objects("effects")) {
      EffectGrant grant = readGrant(g);
      if (grant != null) {
        effects.add(grant);
      }
    }
    return new UseDef(hp, mp, sp, effects);
  }

  /** {@code {effect, magnitude, ticks}}; null when the effect is missing. */
  private EffectGrant readGrant(Entry g) {
    String effect = g.text("effect", true);
    int magnitude = g.positiveInt("magnitude", 1);
    int ticks = g.number("ticks", null, 1, Integer.MAX_VALUE);
    return effect == null ? null : new EffectGrant(effect, magnitude, ticks);
  }

  private EffectDef readEffect(String id, Entry e) {
    String name = e.text("name", true);
    String description = e.text("description", false);
    boolean harmful = e.bool("harmful", false);
    Stacking stacking = e.choice("stacking", Stacking.REFRESH, Stacking::parse, Stacking::label, Stacking.allowedValues());
    int maxStacks = e.positiveInt("maxStacks", 1);
    if (maxStacks > 1 && stacking != Stacking.STACK) {
      e.problem("maxStacks", "only a '" + Stacking.STACK.label() + "' effect can have more than one stack, this one is '"
          + stacking.label() + "'");
      maxStacks = 1;
    }
    int hpPerTick = e.anyInt("hpPerTick");
    int spPerTick = e.anyInt("spPerTick");
    StatBonus bonus = readBonus(e.child("bonus"));
    return new EffectDef(id, orElse(name, id), orElse(description, ""), harmful, stacking, maxStacks, bonus,
        hpPerTick, spPerTick);
  }

  private NodeKindDef readNode(String id, Entry e) {
    String name = e.text("name", true);
    List<String> aliases = e.texts("aliases");
    String description = e.text("description", false);
    String verb = e.text("verb", false);
    String item = e.text("item", true);
    String tool = e.text("tool", false);
    int max = e.number("max", null, 1, Integer.MAX_VALUE);
    int regrowTicks = e.number("regrowTicks", null, 1, Integer.MAX_VALUE);
    int stamina = e.nonNegativeInt("stamina", DEFAULT_ACTION_STAMINA);
    int exp = e.nonNegativeInt("exp", 0);
    int minLevel = e.level("minLevel", 1);
    return new NodeKindDef(id, orElse(name, id), aliases, orElse(description, ""), orElse(verb, DEFAULT_VERB), item,
        tool, max, regrowTicks, stamina, exp, minLevel);
  }

  private StationDef readStation(String id, Entry e) {
    String name = e.text("name", true);
    List<String> aliases = e.texts("aliases");
    String description = e.text("description", false);
    return new StationDef(id, orElse(name, id), aliases, orElse(description, ""));
  }

  private RecipeDef readRecipe(String id, Entry e) {
    String name = e.text("name", true);
    List<String> aliases = e.texts("aliases");
    Map<String, Integer> inputs = e.counts("inputs", "item", true);
    Map<String, Integer> outputs = e.counts("outputs", "item", true);
    String station = e.text("station", false);
    int minLevel = e.level("minLevel", 1);
    int stamina = e.nonNegativeInt("stamina", DEFAULT_ACTION_STAMINA);
    int exp = e.nonNegativeInt("exp", 0);
    return new RecipeDef(id, orElse(name, id), aliases, inputs, outputs, station, minLevel, stamina, exp);
  }

  private CreatureKindDef readCreature(String id, Entry e) {
    String name = e.text("name", true);
    List<String> aliases = e.texts("aliases");
    String description = e.text("description", false);
    int level = e.level("level", null);
    int hp = e.number("hp", null, 1, Integer.MAX_VALUE);
    int attack = e.nonNegativeInt("attack", 0);
    int defense = e.nonNegativeInt("defense", 0);
    Aggression aggression = e.choice("aggression", Aggression.DEFENSIVE, Aggression::parse, Aggression::label,
        Aggression.allowedValues());
    int exp = e.nonNegativeInt("exp", 0);
    int respawnTicks = e.number("respawnTicks", null, 1, Integer.MAX_VALUE);
    List<LootDrop> loot = new ArrayList<>();
    for (Entry l : e.objects("loot")) {
      String item = l.text("item", true);
      int percent = l.number("percent", 100, 1, 100);
      int min = l.positiveInt("min", 1);
      int max = l.positiveInt("max", min);
      if (l.has("max") && max < min) {
        l.problem("max", "must not be less than min (" + min + "), was " + max);
        max = min;
      }
      if (item != null) {
        loot.add(new LootDrop(item, percent, min, max));
      }
    }
    EffectGrant onHit = null;
    int onHitPercent = 0;
    Entry h = e.child("onHit");
    if (h != null) {
      onHit = readGrant(h);
      onHitPercent = h.number("percent", 100, 0, 100);
    }
    return new CreatureKindDef(id, orElse(name, id), aliases, orElse(description, ""), level, hp, attack,
        defense, aggression, exp, loot, respawnTicks, onHit, onHit == null ? 0 : onHitPercent);
  }

  private FactionDef readFaction(String id, Entry e) {
    String name = e.text("name", true);
    String description = e.text("description", false);
    Map<String, Integer> relations = e.scores("relations", "faction", -100, 100);
    int standing = e.number("standing", 0, -100, 100);
    return new FactionDef(id, orElse(name, id), orElse(description, ""), relations, standing);
  }

  private LoreDef readLore(String id, Entry e) {
    String title = e.text("title", true);
    List<String> keywords = e.texts("keywords");
    if (keywords.isEmpty() && !e.has("keywords")) {
      e.problem("keywords", "is required: the words a question must touch to be about this");
    }
    String text = e.text("text", true);
    List<String> knownBy = e.distinctTexts("knownBy", "npc or faction");
    return new LoreDef(id, orElse(title, id), keywords.stream().map(k -> k.toLowerCase(java.util.Locale.ROOT)).toList(),
        orElse(text, ""), knownBy);
  }

  private QuestDef readQuest(String id, Entry e) {
    String title = e.text("title", true);
    String giver = e.text("giver", true);
    String text = e.text("text", true);
    List<QuestDef.Objective> objectives = new ArrayList<>();
    List<Entry> listed = e.objects("objectives");
    for (Entry o : listed) {
      QuestDef.Kind kind = o.choice("kind", null, QuestDef.Kind::parse, QuestDef.Kind::label,
          "talk, gather, craft, kill, deliver, reach");
      if (kind == null) {
        if (!o.has("kind")) {
          o.problem("kind", "is required: talk, gather, craft, kill, deliver or reach");
        }
        continue;
      }
      String field = switch (kind) {
        case TALK -> "npc";
        case GATHER, CRAFT, DELIVER -> "item";
        case KILL -> "creature";
        case REACH -> "location";
      };
      String target = o.text(field, true);
      String to = kind == QuestDef.Kind.DELIVER ? o.text("npc", true) : null;
      boolean counted = kind != QuestDef.Kind.TALK && kind != QuestDef.Kind.REACH;
      int count = counted ? o.number("count", 1, 1, 1000) : 1;
      if (target != null && (to != null || kind != QuestDef.Kind.DELIVER)) {
        objectives.add(new QuestDef.Objective(kind, target, count, to));
      }
    }
    if (objectives.isEmpty() && !e.has("objectives")) {
      e.problem("objectives", "is required: a list of at least one objective");
    } else if (listed.isEmpty()) {
      e.problem("objectives", "needs at least one objective");
    }
    Entry r = e.child("rewards");
    QuestDef.Rewards rewards = r == null ? new QuestDef.Rewards(0, Map.of(), Map.of())
        : new QuestDef.Rewards(r.nonNegativeInt("exp", 0), r.counts("items", "item", false),
            r.scores("standing", "faction", -100, 100));
    int minStanding = e.number("minStanding", -100, -100, 100);
    return new QuestDef(id, orElse(title, id), orElse(giver, ""), orElse(text, ""), objectives, rewards, minStanding);
  }

  private NpcDef readNpc(String id, Entry e) {
    String zone = id.contains(".") ? id.substring(0, id.indexOf('.')) : id;
    String name = e.text("name", true);
    List<String> aliases = e.texts("aliases");
    String role = e.text("role", true);
    String description = e.text("description", false);
    String faction = e.text("faction", false);
    String home = e.text("home", true);
    String workplace = orElse(e.text("workplace", false), home);
    String haunt = orElse(e.text("haunt", false), home);
    Personality personality = readPersonality(e.child("personality"));
    Map<String, Integer> pack = e.counts("pack", "item", false);
    Map<String, Integer> ration = e.counts("ration", "item", false);
    List<ScheduleBlock> schedule = e.has("schedule")
        ? readSchedule(e, home, workplace, haunt)
        : NpcDef.usualDay(home, workplace, haunt);
    Map<String, Integer> affinities = e.scores("affinities", "npc", -100, 100);
    List<String> topics = e.texts("topics").stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).toList();
    return new NpcDef(id, zone, orElse(name, id), aliases, orElse(role, "villager"), orElse(description, ""), faction,
        home, workplace, haunt, personality, pack, ration, schedule, affinities, topics);
  }

  private Personality readPersonality(Entry p) {
    if (p == null) {
      return Personality.ORDINARY;
    }
    return new Personality(
        p.number("openness", 50, 0, 100),
        p.number("conscientiousness", 50, 0, 100),
        p.number("extraversion", 50, 0, 100),
        p.number("agreeableness", 50, 0, 100),
        p.number("neuroticism", 50, 0, 100));
  }

  /** A schedule must name each of the 24 hours exactly once. */
  private List<ScheduleBlock> readSchedule(Entry e, String home, String workplace, String haunt) {
    List<ScheduleBlock> blocks = new ArrayList<>();
    String[] hourTakenBy = new String[24];
    for (Entry b : e.objects("schedule")) {
      int from = b.number("from", null, 0, 23);
      int to = b.number("to", null, 0, 24) % 24;
      NpcActivity activity = b.choice("activity", null, NpcActivity::parse, NpcActivity::label, NpcActivity.scheduleValues());
      if (activity == null) {
        if (!b.has("activity")) {
          b.problem("activity", "is required; allowed: " + NpcActivity.scheduleValues());
        }
        continue;
      }
      if (activity == NpcActivity.SEEK_SAFETY) {
        b.problem("activity", "'" + activity.label() + "' is chosen by need, not by schedule; allowed: "
            + NpcActivity.scheduleValues());
        continue;
      }
      String place = b.text("place", false);
      if (place == null) {
        place = switch (activity) {
          case WORK -> workplace;
          case SOCIALISE -> haunt;
          default -> home;
        };
      }
      if (from == to) {
        b.problem("to", "a block must last at least an hour; 'from' and 'to' are both " + from);
        continue;
      }
      ScheduleBlock block = new ScheduleBlock(from, to, activity, place);
      for (int h = 0; h < 24; h++) {
        if (block.covers(h)) {
          if (hourTakenBy[h] != null) {
            b.problem(null, "hour " + h + " is already taken by the block from " + hourTakenBy[h]);
            break;
          }
          hourTakenBy[h] = String.valueOf(from);
        }
      }
      blocks.add(block);
    }
    for (int h = 0; h < 24; h++) {
      if (hourTakenBy[h] == null && !blocks.isEmpty()) {
        e.problem("schedule", "hour " + h + " is not covered; a schedule covers all 24 hours");
        return NpcDef.usualDay(home, workplace, haunt);
      }
    }
    if (blocks.isEmpty()) {
      e.problem("schedule", "needs at least one block");
      return NpcDef.usualDay(home, workplace, haunt);
    }
    return blocks;
  }

  private void readZone(
      String zoneId, Map<String, ZoneDef> zones, Map<String, LocationDef> locations, Map<String, CreatureSpawn> spawns) {
    String file = "zones/" + zoneId + ".json";
    if (!ShardRouting.isWorldId(zoneId) || zoneId.contains(".")) {
      problems.add(new WorldProblem(source.describe("world.json"), null, "zones",
          "'" + zoneId + "' is not a zone id: use lower-case letters, digits, '_' and '-'"));
      return;
    }
    if (zones.containsKey(zoneId)) {
      problems.add(new WorldProblem(source.describe("world.json"), null, "zones", "zone '" + zoneId + "' is listed twice"));
      return;
    }
    Entry parsed = parse(file).orElse(null);
    if (parsed == null) {
      return;
    }
    Entry z = parsed.named("zone '" + zoneId + "'");
    String id = z.id("id");
    if (id != null && !id.equals(zoneId)) {
      z.problem("id", "is '" + id + "' but the file is " + file);
    }
    if (id != null && id.contains(".")) {
      z.problem("id", "a zone id cannot contain '.'");
    }
    zones.put(zoneId, new ZoneDef(zoneId, orElse(z.text("name", true), zoneId), orElse(z.text("description", false), "")));

    // creatures are numbered per zone and kind, in the order they appear in this file
    Map<String, Integer> spawnCounts = new HashMap<>();
    for (JsonNode node : z.array("locations")) {
      String locId = node.path("id").asText(null);
      Entry e = new Entry(file, "location '" + (locId == null ? "?" : locId) + "'", node);
      locId = e.id("id");
      String name = e.text("name", true);
      String description = orElse(e.text("description", false), "");
      Map<Direction, ExitDef> exits = readExits(e);
      Map<String, Integer> ground = e.counts("items", "item", false);
      List<String> nodeKinds = e.distinctTexts("nodes", "node kind");
      List<String> stationIds = e.distinctTexts("stations", "station");
      Map<String, Integer> creatureCounts = e.counts("creatures", "creature kind", false);
      if (locId == null) {
        continue;
      }
      if (!locId.startsWith(zoneId + ".")) {
        e.problem("id", "must start with the zone, as '" + zoneId + "." + locId.substring(locId.indexOf('.') + 1) + "'");
        continue;
      }
      if (locations.containsKey(locId)) {
        e.problem("id", "duplicate location id '" + locId + "'");
        continue;
      }
      List<String> here = new ArrayList<>();
      for (Map.Entry<String, Integer> c : creatureCounts.entrySet()) {
        for (int i = 0; i < c.getValue(); i++) {
          int n = spawnCounts.merge(c.getKey(), 1, Integer::sum);
          CreatureSpawn spawn = new CreatureSpawn(zoneId + "." + c.getKey() + "." + n, c.getKey(), locId);
          spawns.put(spawn.id(), spawn);
          here.add(spawn.id());
        }
      }
      locations.put(locId, new LocationDef(locId, zoneId, orElse(name, locId), description, exits, ground, nodeKinds,
          stationIds, here));
    }
  }

  private Map<Direction, ExitDef> readExits(Entry e) {
    Map<Direction, ExitDef> exits = new EnumMap<>(Direction.class);
    JsonNode node = e.field("exits");
    if (node == null) {
      return exits;
    }
    if (!node.isObject()) {
      e.problem("exits", "must be an object of direction: target");
      return exits;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = "exits." + field.getKey();
      Optional<Direction> dir = Direction.parse(field.getKey());
      if (dir.isEmpty() || !dir.get().label().equals(field.getKey())) {
        e.problem(key, "unknown direction '" + field.getKey() + "'; allowed: " + Direction.allowedValues());
        continue;
      }
      JsonNode value = field.getValue();
      if (value.isTextual()) {
        exits.put(dir.get(), new ExitDef(dir.get(), value.asText(), null, null, DEFAULT_EXIT_STAMINA));
      } else if (value.isObject()) {
        Entry x = new Entry(e.file, e.entry, value, key + ".");
        String to = x.text("to", true);
        int stamina = x.nonNegativeInt("stamina", DEFAULT_EXIT_STAMINA);
        if (to != null) {
          exits.put(dir.get(), new ExitDef(dir.get(), to, x.text("blocked", false), x.text("locked", false), stamina));
        }
      } else {
        e.problem(key, "must be a location id or an object with 'to'");
      }
    }
    return exits;
  }

  /** A required file's root object; a missing file is a problem. */
  private Optional<Entry> parse(String relativePath) {
    return parse(relativePath, true);
  }

  /** An optional file's root object; a missing file is an empty one, a broken file is a problem. */
  private Optional<Entry> parseOptional(String relativePath) {
    return parse(relativePath, false);
  }

  private Optional<Entry> parse(String relativePath, boolean required) {
    Optional<String> text = source.read(relativePath);
    if (text.isEmpty()) {
      if (required) {
        problems.add(new WorldProblem(source.describe(relativePath), null, null, "file not found"));
      }
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(text.get());
      if (node == null || !node.isObject()) {
        problems.add(new WorldProblem(source.describe(relativePath), null, null, "must contain a JSON object"));
        return Optional.empty();
      }
      return Optional.of(new Entry(relativePath, null, node));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      problems.add(new WorldProblem(source.describe(relativePath), null, null, "not valid JSON" + where + ": " + e.getOriginalMessage()));
      return Optional.empty();
    }
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }

  /** One object in a data file, with typed field readers that record problems instead of failing. */
  private final class Entry {
    final String file;
    final String entry;
    final JsonNode node;
    final String prefix;
    private final Set<String> read = new HashSet<>();

    Entry(String file, String entry, JsonNode node) {
      this(file, entry, node, "");
    }

    Entry(String file, String entry, JsonNode node, String prefix) {
      this.file = file;
      this.entry = entry;
      this.node = node;
      this.prefix = prefix;
      entries.add(this);
    }

    /** The same object under another entry name (this one is forgotten). */
    Entry named(String entryName) {
      entries.remove(this);
      return new Entry(file, entryName, node, prefix);
    }

    /** The value of {@code name}, or null; asking for a field is what makes it a known one. */
    JsonNode field(String name) {
      read.add(name);
      return node.get(name);
    }

    /** Every field nobody asked for is a problem: most likely a misspelt one that would be silently ignored. */
    void reportUnknownFields() {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!read.contains(name)) {
          problem(name, "is not a known field here" + (read.isEmpty() ? "" : "; known: " + String.join(", ", new TreeSet<>(read))));
        }
      }
    }

    /** Records a problem with {@code field} of this object, or with the object itself when it is null. */
    void problem(String field, String message) {
      String where = field == null ? (prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1)) : prefix + field;
      problems.add(new WorldProblem(source.describe(file), entry, where, message));
    }

    boolean has(String field) {
      return field(field) != null;
    }

    Entry child(String field) {
      JsonNode child = field(field);
      if (child == null) {
        return null;
      }
      if (!child.isObject()) {
        problem(field, "must be an object");
        return null;
      }
      return new Entry(file, entry, child, prefix + field + ".");
    }

    String text(String field, boolean required) {
      JsonNode v = field(field);
      if (v == null || v.isNull()) {
        if (required) {
          problem(field, "is required");
        }
        return null;
      }
      if (!v.isTextual() || v.asText().isBlank()) {
        problem(field, "must be a non-empty string");
        return null;
      }
      return v.asText();
    }

    String id(String field) {
      String id = text(field, true);
      if (id != null && !ShardRouting.isWorldId(id)) {
        problem(field, "'" + id + "' is not a valid id: use lower-case letters, digits, '_' and '-', parts joined by '.'");
        return null;
      }
      return id;
    }

    List<String> texts(String field) {
      List<String> out = new ArrayList<>();
      JsonNode v = field(field);
      if (v == null) {
        return out;
      }
      if (!v.isArray()) {
        problem(field, "must be a list of strings");
        return out;
      }
      for (int i = 0; i < v.size(); i++) {
        if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
          problem(field + "[" + i + "]", "must be a non-empty string");
        } else {
          out.add(v.get(i).asText());
        }
      }
      return out;
    }

    /** A list of strings where each may appear once; {@code noun} names them in messages. */
    List<String> distinctTexts(String field, String noun) {
      List<String> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String text : texts(field)) {
        if (seen.add(text)) {
          out.add(text);
        } else {
          problem(field, noun + " '" + text + "' is listed twice");
        }
      }
      return out;
    }

    /** A required list of objects, for the entries of a file. */
    Iterable<JsonNode> array(String field) {
      JsonNode v = field(field);
      if (v == null || !v.isArray()) {
        problem(field, v == null ? "is required" : "must be a list");
        return List.of();
      }
      List<JsonNode> objects = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        if (!v.get(i).isObject()) {
          problem(field + "[" + i + "]", "must be an object");
        } else {
          objects.add(v.get(i));
        }
      }
      return objects;
    }

    /** An optional list of objects within this entry, each read with the field prefix {@code field[i].}. */
    List<Entry> objects(String field) {
      JsonNode v = field(field);
      if (v == null) {
        return List.of();
      }
      if (!v.isArray()) {
        problem(field, "must be a list");
        return List.of();
      }
      List<Entry> objects = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        if (!v.get(i).isObject()) {
          problem(field + "[" + i + "]", "must be an object");
        } else {
          objects.add(new Entry(file, entry, v.get(i), prefix + field + "[" + i + "]."));
        }
      }
      return objects;
    }

    /**
     * An object of id: count, each count a whole number >= 1; {@code noun} names the ids in
     * messages. When {@code required}, the object must be present and not empty.
     */
    Map<String, Integer> counts(String field, String noun, boolean required) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      JsonNode v = field(field);
      if (v == null) {
        if (required) {
          problem(field, "is required: an object of " + noun + " id: count");
        }
        return counts;
      }
      if (!v.isObject()) {
        problem(field, "must be an object of " + noun + " id: count");
        return counts;
      }
      if (required && v.isEmpty()) {
        problem(field, "needs at least one " + noun);
        return counts;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode count = f.getValue();
        if (!count.isIntegralNumber() || !count.canConvertToInt() || count.asInt() < 1) {
          problem(field + "." + f.getKey(), "count must be a whole number >= 1, was " + count);
        } else {
          counts.put(f.getKey(), count.asInt());
        }
      }
      return counts;
    }

    /** An object of id: whole number from {@code min} to {@code max}; {@code noun} names the ids in messages. */
    Map<String, Integer> scores(String field, String noun, int min, int max) {
      Map<String, Integer> scores = new LinkedHashMap<>();
      JsonNode v = field(field);
      if (v == null) {
        return scores;
      }
      if (!v.isObject()) {
        problem(field, "must be an object of " + noun + " id: number");
        return scores;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        JsonNode n = f.getValue();
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
          problem(field + "." + f.getKey(), "must be a whole number from " + min + " to " + max + ", was " + n);
        } else {
          scores.put(f.getKey(), n.asInt());
        }
      }
      return scores;
    }

    /** One of an enumeration's labels, spelled exactly; an unknown one is reported with the allowed values. */
    <E> E choice(String field, E fallback, Function<String, Optional<E>> parse, Function<E, String> label, String allowed) {
      JsonNode v = field(field);
      if (v == null) {
        return fallback;
      }
      Optional<E> value = v.isTextual()
          ? parse.apply(v.asText()).filter(e -> label.apply(e).equals(v.asText()))
          : Optional.empty();
      if (value.isEmpty()) {
        problem(field, "unknown " + field + " " + (v.isTextual() ? "'" + v.asText() + "'" : v.toString())
            + "; allowed: " + allowed);
        return fallback;
      }
      return value.get();
    }

    boolean bool(String field, boolean fallback) {
      JsonNode v = field(field);
      if (v == null) {
        return fallback;
      }
      if (!v.isBoolean()) {
        problem(field, "must be true or false, was " + v);
        return fallback;
      }
      return v.asBoolean();
    }

    int positiveInt(String field, int fallback) {
      return number(field, fallback, 1, Integer.MAX_VALUE);
    }

    int nonNegativeInt(String field, int fallback) {
      return number(field, fallback, 0, Integer.MAX_VALUE);
    }

    /** A level, 1 to {@link #MAX_LEVEL}; required when {@code fallback} is null. */
    int level(String field, Integer fallback) {
      return number(field, fallback, 1, MAX_LEVEL);
    }

    /** Any whole number, 0 when absent (bonuses, which may be negative). */
    int anyInt(String field) {
      return number(field, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * A whole number from {@code min} to {@code max}. When absent it is {@code fallback}, or, when
     * that is null, a problem (and {@code min} is returned so reading can go on).
     */
    int number(String field, Integer fallback, int min, int max) {
      JsonNode v = field(field);
      if (v == null) {
        if (fallback == null) {
          problem(field, "is required");
          return min;
        }
        return fallback;
      }
      if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
        String range;
        if (max == Integer.MAX_VALUE && min == Integer.MIN_VALUE) {
          range = "must be a whole number";
        } else if (max == Integer.MAX_VALUE) {
          range = "must be a whole number >= " + min;
        } else {
          range = "must be a whole number from " + min + " to " + max;
        }
        problem(field, range + ", was " + v);
        return fallback == null ? min : fallback;
      }
      return v.asInt();
    }

    long wholeLong(String field, long fallback) {
      JsonNode v = field(field);
      if (v == null) {
        return fallback;
      }
      if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        problem(field, "must be a whole number, was " + v);
        return fallback;
      }
      return v.asLong();
    }

    int positiveGrams(String field, int fallback) {
      if (field(field) == null) {
        return fallback;
      }
      JsonNode v = field(field);
      int grams = kilograms(field);
      if (grams == 0) {
        // kilograms() has already reported values that are not numbers or are negative
        if (v.isNumber() && v.asDouble() >= 0) {
          problem(field, "must be more than 0 kg");
        }
        return fallback;
      }
      return grams;
    }

    int nonNegativeGrams(String field) {
      if (field(field) == null) {
        problem(field, "is required (kilograms)");
        return 0;
      }
      return kilograms(field);
    }

    /** Kilograms that may be negative (a burden), 0 when absent. */
    int signedGrams(String field) {
      JsonNode v = field(field);
      if (v == null) {
        return 0;
      }
      if (!v.isNumber()) {
        problem(field, "must be a number of kilograms, was " + v);
        return 0;
      }
      if (Math.abs(v.asDouble()) > 1_000_000) {
        problem(field, "is more than 1000 t, was " + v.asDouble());
        return 0;
      }
      return (int) Math.round(v.asDouble() * 1000);
    }

    private int kilograms(String field) {
      JsonNode v = field(field);
      if (!v.isNumber()) {
        problem(field, "must be a number of kilograms, was " + v);
        return 0;
      }
      if (v.asDouble() < 0) {
        problem(field, "must not be negative, was " + v.asDouble());
        return 0;
      }
      if (v.asDouble() > 1_000_000) {
        problem(field, "is more than 1000 t, was " + v.asDouble());
        return 0;
      }
      return (int) Math.round(v.asDouble() * 1000);
    }
  }
}
