package io.microcosm.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.Node;
import io.microcosm.entity.EntitySettings;
import io.microcosm.world.World;
import io.microcosm.world.WorldValidationException;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code scripts/replay}: reads the journal through Akka Persistence Query and prints its timeline,
 * an entity's state at a point, invariant checks, an export or statistics. Configuration is the
 * node's own ({@code application.conf} and the environment), so it reads the journal the node
 * writes. Exit codes: 0 done (and for {@code check}, every invariant holds), 1 {@code check} found
 * problems, 2 wrong usage or the journal cannot be read.
 */
public final class ReplayCli {

  public static final int OK = 0;
  public static final int CHECK_FAILED = 1;
  public static final int USAGE = 2;

  static final String USAGE_TEXT = """
      Usage: scripts/replay COMMAND [options]

      Commands:
        timeline [--entity ID | --zone Z] [--json]
            Events in causal order (Lamport clock, then entity id). Text, or JSON lines with --json.
        state --entity ID [--at POINT] [--json]
            The entity's state rebuilt with its own event handler from its events up to POINT:
            a Lamport clock value (42 or lamport:42), tick:N, seq:N or an ISO-8601 instant; the
            latest state without --at.
        check [--strict] [--limit N]
            Invariants over the whole journal: every two-step grant matched by its receipt (else
            reported as pending with its commandId), no negative quantities or hit points, no
            command applied twice in one entity, effects after their causes. Exit code 1 when
            something is wrong (with --strict also when a grant is pending).
        export --format jsonl [--out FILE]
            Every event as one JSON object per line, entity by entity (pandas, duckdb).
        stats [--per-tick] [--json]
            Events per entity kind, per event type and per world tick.

      ID is a persistence id (Player|ann, Location|vale.square) or just the entity id when only
      one kind of entity has it.

      Options for every command:
        --data-dir DIR      the H2 journal's directory (default: microcosm.data-dir, MICROCOSM_DATA_DIR)
        --journal h2|cassandra   which store (default: microcosm.journal, MICROCOSM_JOURNAL)
        --copy              read a copy of the H2 file (done anyway when a running node holds it)
        --parallelism N     entities read at once (default 2)
        --quiet             no progress lines on stderr
        --help              this text
      """;

  private static final Set<String> FLAGS = Set.of("--json", "--strict", "--copy", "--quiet", "--per-tick", "--help", "-h");
  private static final Set<String> VALUED = Set.of("--entity", "--zone", "--at", "--limit", "--format", "--out",
      "--data-dir", "--journal", "--parallelism");

  private ReplayCli() {}

  public static void main(String[] args) {
    int code = run(List.of(args), ConfigFactory.empty(), null, System.out, System.err);
    System.out.flush();
    System.exit(code);
  }

  /**
   * Runs one command.
   *
   * @param overrides configuration over the node's (tests point it at their journal)
   * @param world the world the entities live in, or null to load the configured one
   */
  public static int run(List<String> args, Config overrides, World world, PrintStream out, PrintStream err) {
    Map<String, String> options = new HashMap<>();
    List<String> positional = new ArrayList<>();
    try {
      parse(args, options, positional);
    } catch (IllegalArgumentException e) {
      err.println("replay: " + e.getMessage());
      err.println("Try: scripts/replay --help");
      return USAGE;
    }
    if (options.containsKey("--help") || options.containsKey("-h") || positional.isEmpty()) {
      (positional.isEmpty() && !options.containsKey("--help") && !options.containsKey("-h") ? err : out).print(USAGE_TEXT);
      return positional.isEmpty() && !options.containsKey("--help") && !options.containsKey("-h") ? USAGE : OK;
    }
    String command = positional.get(0);
    try {
      if (positional.size() > 1) {
        throw new IllegalArgumentException("unexpected argument '" + positional.get(1) + "'");
      }
      allowOnly(command, options);
      Config config = MicrocosmConfig.load(overridesFrom(options).withFallback(overrides));
      JournalReader.Options readOptions = new JournalReader.Options(options.containsKey("--copy"),
          intOption(options, "--parallelism", 2, 1), !options.containsKey("--quiet"));
      try (JournalReader reader = JournalReader.open(config, readOptions, err::println)) {
        return switch (command) {
          case "timeline" -> timeline(reader, options, out);
          case "state" -> state(reader, config, world, options, out);
          case "check" -> check(reader, config, world, options, out);
          case "export" -> export(reader, options, out, err);
          case "stats" -> stats(reader, options, out);
          default -> throw new IllegalStateException(command);
        };
      }
    } catch (IllegalArgumentException e) {
      err.println("replay " + command + ": " + e.getMessage());
      return USAGE;
    } catch (ReplayException | WorldValidationException e) {
      err.println("replay " + command + ": " + e.getMessage());
      return USAGE;
    }
  }

  private static void parse(List<String> args, Map<String, String> options, List<String> positional) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (FLAGS.contains(a)) {
        options.put(a, "");
      } else if (VALUED.contains(a)) {
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
          throw new IllegalArgumentException(a + " needs a value");
        }
        options.put(a, args.get(++i));
      } else if (a.startsWith("-")) {
        throw new IllegalArgumentException("unknown option '" + a + "'");
      } else {
        positional.add(a);
      }
    }
  }

  private static final Map<String, Set<String>> COMMAND_OPTIONS = Map.of(
      "timeline", Set.of("--entity", "--zone", "--json"),
      "state", Set.of("--entity", "--at", "--json"),
      "check", Set.of("--strict", "--limit"),
      "export", Set.of("--format", "--out"),
      "stats", Set.of("--per-tick", "--json"));
  private static final Set<String> COMMON = Set.of("--data-dir", "--journal", "--copy", "--parallelism", "--quiet");

  private static void allowOnly(String command, Map<String, String> options) {
    Set<String> allowed = COMMAND_OPTIONS.get(command);
    if (allowed == null) {
      throw new IllegalArgumentException("unknown command '" + command + "'; expected one of: timeline, state, check, "
          + "export, stats");
    }
    for (String option : options.keySet()) {
      if (!allowed.contains(option) && !COMMON.contains(option)) {
        throw new IllegalArgumentException(option + " does not apply to " + command + " (it takes " + allowed
            + " and " + COMMON + ")");
      }
    }
  }

  private static Config overridesFrom(Map<String, String> options) {
    Config c = ConfigFactory.empty();
    if (options.containsKey("--data-dir")) {
      c = c.withValue("microcosm.data-dir", ConfigValueFactory.fromAnyRef(options.get("--data-dir")));
    }
    if (options.containsKey("--journal")) {
      c = c.withValue("microcosm.journal", ConfigValueFactory.fromAnyRef(options.get("--journal")));
    }
    return c;
  }

  private static int intOption(Map<String, String> options, String name, int fallback, int min) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n < min) {
        throw new IllegalArgumentException(name + " must be at least " + min + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
    }
  }

  private static int timeline(JournalReader reader, Map<String, String> options, PrintStream out) {
    if (options.containsKey("--entity") && options.containsKey("--zone")) {
      throw new IllegalArgumentException("give --entity or --zone, not both");
    }
    List<JournalEvent> events;
    if (options.containsKey("--entity")) {
      String pid = EntityIds.resolve(reader, options.get("--entity"));
      events = Timeline.read(reader, pid::equals);
    } else if (options.containsKey("--zone")) {
      events = Timeline.readZone(reader, options.get("--zone"));
    } else {
      events = Timeline.read(reader, pid -> true);
    }
    Timeline.print(events, new EventJson(reader.system()), options.containsKey("--json"), out);
    return OK;
  }

  private static int state(JournalReader reader, Config config, World world, Map<String, String> options, PrintStream out) {
    String typed = options.get("--entity");
    if (typed == null) {
      throw new IllegalArgumentException("--entity ID is required (a persistence id such as Player|ann, or the entity id)");
    }
    ReplayPoint at = options.containsKey("--at") ? ReplayPoint.parse(options.get("--at")) : new ReplayPoint.Latest();
    String pid = EntityIds.resolve(reader, typed);
    EntityState.Rebuilt rebuilt = EntityState.rebuild(reader, replays(config, world), pid, at);
    EventJson json = new EventJson(reader.system());
    if (options.containsKey("--json")) {
      out.println(json.write(EntityState.json(rebuilt, json)));
    } else {
      EntityState.print(rebuilt, json, out);
    }
    return OK;
  }

  private static int check(JournalReader reader, Config config, World world, Map<String, String> options, PrintStream out) {
    JournalCheck check = new JournalCheck(replays(config, world));
    reader.readAll(pid -> true, check, "check");
    check.finish();
    boolean strict = options.containsKey("--strict");
    check.report(out, intOption(options, "--limit", 20, 1), strict);
    return check.passed(strict) ? OK : CHECK_FAILED;
  }

  private static int export(JournalReader reader, Map<String, String> options, PrintStream out, PrintStream err) {
    String format = options.get("--format");
    if (format == null || !format.equals("jsonl")) {
      throw new IllegalArgumentException("--format must be jsonl" + (format == null ? " (and is required)" : ", was '" + format + "'"));
    }
    EventJson json = new EventJson(reader.system());
    String file = options.get("--out");
    try (PrintStream target = file == null ? null
        : new PrintStream(new BufferedOutputStream(new FileOutputStream(file), 1 << 16), false, StandardCharsets.UTF_8)) {
      PrintStream sink = target == null ? out : target;
      long n = reader.readAll(pid -> true, e -> sink.println(json.write(json.line(e))), "export");
      sink.flush();
      if (sink.checkError()) {
        throw new ReplayException("writing the export failed" + (file == null ? "" : " (" + file + ")"));
      }
      if (file != null) {
        err.printf("Exported %,d events to %s%n", n, file);
      }
    } catch (IOException e) {
      throw new ReplayException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return OK;
  }

  private static int stats(JournalReader reader, Map<String, String> options, PrintStream out) {
    JournalStats stats = new JournalStats();
    reader.readAll(pid -> true, stats, "stats");
    if (options.containsKey("--json")) {
      EventJson json = new EventJson(reader.system());
      ObjectNode node = stats.json(json);
      out.println(json.write(node));
    } else {
      out.println("Journal: " + reader.description());
      stats.print(out, options.containsKey("--per-tick"), 10);
    }
    return OK;
  }

  private static EntityReplays replays(Config config, World world) {
    return new EntityReplays(world != null ? world : Node.loadWorld(config), EntitySettings.fromConfig(config));
  }
}
