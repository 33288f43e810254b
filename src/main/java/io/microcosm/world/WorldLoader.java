package io.microcosm.world;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.microcosm.entity.ShardRouting;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a world from its data files and validates it, reporting every problem with the file, the
 * entry and the field it concerns. Layout, relative to the world's root:
 *
 * <pre>
 * world.json        name, title, start location, new-player defaults, the list of zones
 * items.json        {"items": [ {id, name, aliases, weight (kg), stackLimit, description}, ... ]}
 * zones/ZONE.json   {id, name, description, "locations": [ {id, name, description, exits, items}, ... ]}
 * </pre>
 *
 * An exit is either a target id ({@code "north": "vale.forest"}) or an object
 * {@code {"to": ..., "blocked": reason, "locked": reason, "stamina": n}}.
 */
public final class WorldLoader {

  static final int DEFAULT_EXIT_STAMINA = 1;
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final String worldName;
  private final WorldSource source;
  private final List<WorldProblem> problems = new ArrayList<>();

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
    JsonNode worldFile = parse("world.json").orElse(null);
    if (worldFile == null) {
      throw new WorldValidationException(worldName, problems);
    }
    Entry w = new Entry("world.json", null, worldFile);
    String name = w.text("name", true);
    String title = w.text("title", false);
    String start = w.text("start", true);
    PlayerDefaults player = readPlayerDefaults(w.child("player"));

    Map<String, ItemDef> items = readItems();
    Map<String, ZoneDef> zones = new LinkedHashMap<>();
    Map<String, LocationDef> locations = new LinkedHashMap<>();
    for (String zoneId : w.texts("zones")) {
      readZone(zoneId, zones, locations, items);
    }
    if (!w.has("zones")) {
      w.problem("zones", "is required: the list of zone files under zones/");
    } else if (zones.isEmpty()) {
      w.problem("zones", "a world needs at least one zone");
    }
    checkExitTargets(locations);
    if (start != null && !locations.containsKey(start)) {
      w.problem("start", "unknown location '" + start + "'");
    }
    if (name != null && !name.equals(worldName)) {
      w.problem("name", "is '" + name + "' but the world is loaded as '" + worldName + "'");
    }
    if (!problems.isEmpty()) {
      throw new WorldValidationException(worldName, problems);
    }
    return new World(name, title == null ? name : title, start, player, zones, locations, items);
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

  private Map<String, ItemDef> readItems() {
    Map<String, ItemDef> items = new LinkedHashMap<>();
    JsonNode root = parse("items.json").orElse(null);
    if (root == null) {
      return items;
    }
    Entry file = new Entry("items.json", null, root);
    for (JsonNode node : file.array("items")) {
      String id = node.path("id").asText(null);
      Entry e = new Entry("items.json", "item '" + (id == null ? "?" : id) + "'", node);
      id = e.id("id");
      String name = e.text("name", true);
      List<String> aliases = e.texts("aliases");
      int grams = e.nonNegativeGrams("weight");
      int stackLimit = e.positiveInt("stackLimit", 1);
      String description = e.text("description", false);
      if (id == null) {
        continue;
      }
      if (items.containsKey(id)) {
        e.problem("id", "duplicate item id '" + id + "'");
        continue;
      }
      items.put(id, new ItemDef(id, name == null ? id : name, aliases, grams, stackLimit, description == null ? "" : description));
    }
    return items;
  }

  private void readZone(
      String zoneId, Map<String, ZoneDef> zones, Map<String, LocationDef> locations, Map<String, ItemDef> items) {
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
    JsonNode root = parse(file).orElse(null);
    if (root == null) {
      return;
    }
    Entry z = new Entry(file, "zone '" + zoneId + "'", root);
    String id = z.id("id");
    if (id != null && !id.equals(zoneId)) {
      z.problem("id", "is '" + id + "' but the file is " + file);
    }
    if (id != null && id.contains(".")) {
      z.problem("id", "a zone id cannot contain '.'");
    }
    zones.put(zoneId, new ZoneDef(zoneId, orElse(z.text("name", true), zoneId), orElse(z.text("description", false), "")));

    for (JsonNode node : z.array("locations")) {
      String locId = node.path("id").asText(null);
      Entry e = new Entry(file, "location '" + (locId == null ? "?" : locId) + "'", node);
      locId = e.id("id");
      String name = e.text("name", true);
      String description = orElse(e.text("description", false), "");
      Map<Direction, ExitDef> exits = readExits(e);
      Map<String, Integer> ground = readItemCounts(e, "items", items);
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
      locations.put(locId, new LocationDef(locId, zoneId, orElse(name, locId), description, exits, ground));
    }
  }

  private Map<Direction, ExitDef> readExits(Entry e) {
    Map<Direction, ExitDef> exits = new EnumMap<>(Direction.class);
    JsonNode node = e.node.get("exits");
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

  private Map<String, Integer> readItemCounts(Entry e, String field, Map<String, ItemDef> items) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    JsonNode node = e.node.get(field);
    if (node == null) {
      return counts;
    }
    if (!node.isObject()) {
      e.problem(field, "must be an object of item id: count");
      return counts;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String key = field + "." + f.getKey();
      if (!items.containsKey(f.getKey())) {
        e.problem(key, "unknown item '" + f.getKey() + "'");
      } else if (!f.getValue().isIntegralNumber() || !f.getValue().canConvertToInt() || f.getValue().asInt() < 1) {
        e.problem(key, "count must be a whole number >= 1, was " + f.getValue());
      } else {
        counts.put(f.getKey(), f.getValue().asInt());
      }
    }
    return counts;
  }

  private void checkExitTargets(Map<String, LocationDef> locations) {
    for (LocationDef loc : locations.values()) {
      for (ExitDef exit : loc.exits().values()) {
        if (!locations.containsKey(exit.target())) {
          String file = source.describe("zones/" + loc.zone() + ".json");
          problems.add(new WorldProblem(file, "location '" + loc.id() + "'", "exits." + exit.direction().label(),
              "unknown exit target '" + exit.target() + "'"));
        } else if (exit.target().equals(loc.id())) {
          String file = source.describe("zones/" + loc.zone() + ".json");
          problems.add(new WorldProblem(file, "location '" + loc.id() + "'", "exits." + exit.direction().label(),
              "an exit cannot lead back to the same location"));
        }
      }
    }
  }

  private Optional<JsonNode> parse(String relativePath) {
    Optional<String> text = source.read(relativePath);
    if (text.isEmpty()) {
      problems.add(new WorldProblem(source.describe(relativePath), null, null, "file not found"));
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(text.get());
      if (node == null || !node.isObject()) {
        problems.add(new WorldProblem(source.describe(relativePath), null, null, "must contain a JSON object"));
        return Optional.empty();
      }
      return Optional.of(node);
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

    Entry(String file, String entry, JsonNode node) {
      this(file, entry, node, "");
    }

    Entry(String file, String entry, JsonNode node, String prefix) {
      this.file = file;
      this.entry = entry;
      this.node = node;
      this.prefix = prefix;
    }

    void problem(String field, String message) {
      problems.add(new WorldProblem(source.describe(file), entry, prefix + field, message));
    }

    boolean has(String field) {
      return node.has(field);
    }

    Entry child(String field) {
      JsonNode child = node.get(field);
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
      JsonNode v = node.get(field);
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
      JsonNode v = node.get(field);
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

    Iterable<JsonNode> array(String field) {
      JsonNode v = node.get(field);
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

    int positiveInt(String field, int fallback) {
      return wholeNumber(field, fallback, 1);
    }

    int nonNegativeInt(String field, int fallback) {
      return wholeNumber(field, fallback, 0);
    }

    private int wholeNumber(String field, int fallback, int min) {
      JsonNode v = node.get(field);
      if (v == null) {
        return fallback;
      }
      if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min) {
        problem(field, "must be a whole number >= " + min + ", was " + v);
        return fallback;
      }
      return v.asInt();
    }

    int positiveGrams(String field, int fallback) {
      if (!node.has(field)) {
        return fallback;
      }
      JsonNode v = node.get(field);
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
      if (!node.has(field)) {
        problem(field, "is required (kilograms)");
        return 0;
      }
      return kilograms(field);
    }

    private int kilograms(String field) {
      JsonNode v = node.get(field);
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
