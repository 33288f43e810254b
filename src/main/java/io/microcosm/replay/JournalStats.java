package io.microcosm.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Counts of events per entity kind, per event type and per world tick. */
public final class JournalStats implements JournalReader.Visitor {

  private final Map<String, long[]> perKind = new TreeMap<>();
  private final Map<String, Set<String>> entitiesPerKind = new HashMap<>();
  private final Map<String, long[]> perType = new TreeMap<>();
  private final Map<Long, long[]> perTick = new HashMap<>();
  private long events;
  private long minLamport = Long.MAX_VALUE;
  private long maxLamport = Long.MIN_VALUE;
  private long firstWrite = Long.MAX_VALUE;
  private long lastWrite = Long.MIN_VALUE;

  @Override
  public void event(JournalEvent e) {
    events++;
    perKind.computeIfAbsent(e.kind(), k -> new long[1])[0]++;
    entitiesPerKind.computeIfAbsent(e.kind(), k -> new HashSet<>()).add(e.entityId());
    perType.computeIfAbsent(e.kind() + "." + e.type(), k -> new long[1])[0]++;
    perTick.computeIfAbsent(e.tick(), k -> new long[1])[0]++;
    minLamport = Math.min(minLamport, e.lamport());
    maxLamport = Math.max(maxLamport, e.lamport());
    firstWrite = Math.min(firstWrite, e.timestamp());
    lastWrite = Math.max(lastWrite, e.timestamp());
  }

  public long events() {
    return events;
  }

  public Map<String, Long> perType() {
    Map<String, Long> copy = new TreeMap<>();
    perType.forEach((k, v) -> copy.put(k, v[0]));
    return copy;
  }

  public Map<String, Long> perKind() {
    Map<String, Long> copy = new TreeMap<>();
    perKind.forEach((k, v) -> copy.put(k, v[0]));
    return copy;
  }

  /** Events per tick, by tick. */
  public Map<Long, Long> perTick() {
    Map<Long, Long> copy = new TreeMap<>();
    perTick.forEach((k, v) -> copy.put(k, v[0]));
    return copy;
  }

  void print(PrintStream out, boolean everyTick, int busiest) {
    out.printf("%,d events", events);
    if (events == 0) {
      out.println(".");
      return;
    }
    out.printf(", lamport %d..%d, written %s .. %s%n", minLamport, maxLamport,
        java.time.Instant.ofEpochMilli(firstWrite), java.time.Instant.ofEpochMilli(lastWrite));
    out.println();
    out.printf("%-12s %10s %12s%n", "kind", "entities", "events");
    perKind.forEach((k, v) -> out.printf("%-12s %,10d %,12d%n", k, entitiesPerKind.get(k).size(), v[0]));
    out.println();
    out.printf("%-40s %12s%n", "type", "events");
    perType.forEach((k, v) -> out.printf("%-40s %,12d%n", k, v[0]));
    out.println();
    Map<Long, Long> ticks = perTick();
    long first = ticks.keySet().iterator().next();
    long last = ((TreeMap<Long, Long>) ticks).lastKey();
    long max = ticks.values().stream().mapToLong(Long::longValue).max().orElse(0);
    out.printf("ticks %d..%d: %,d ticks with events, %.1f events per such tick on average, %,d at most%n",
        first, last, ticks.size(), (double) events / ticks.size(), max);
    if (everyTick) {
      out.println("tick,events");
      ticks.forEach((t, n) -> out.println(t + "," + n));
    } else {
      out.println("busiest ticks (--per-tick lists every tick):");
      ticks.entrySet().stream()
          .sorted(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
          .limit(busiest)
          .forEach(t -> out.printf("  tick %d: %,d%n", t.getKey(), t.getValue()));
    }
  }

  ObjectNode json(EventJson json) {
    ObjectNode root = json.mapper().createObjectNode();
    root.put("events", events);
    ObjectNode kinds = root.putObject("perKind");
    perKind().forEach(kinds::put);
    ObjectNode types = root.putObject("perType");
    perType().forEach(types::put);
    ObjectNode ticks = root.putObject("perTick");
    perTick().forEach((t, n) -> ticks.put(Long.toString(t), n));
    return root;
  }
}
