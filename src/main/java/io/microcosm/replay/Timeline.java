package io.microcosm.replay;

import io.microcosm.entity.EntityKind;
import io.microcosm.entity.ShardRouting;
import io.microcosm.player.PlayerEntity;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Events in causal order: by Lamport clock, then entity id, then position in the entity's journal.
 * An effect always carries a higher clock than its cause, so it comes after it.
 */
public final class Timeline {

  /** The causal order the timeline prints in. */
  public static final Comparator<JournalEvent> CAUSAL = Comparator.comparingLong(JournalEvent::lamport)
      .thenComparing(JournalEvent::persistenceId)
      .thenComparingLong(JournalEvent::seqNr);

  private Timeline() {}

  /** Every event of the entities {@code include} accepts, in causal order. */
  public static List<JournalEvent> read(JournalReader reader, Predicate<String> include) {
    List<JournalEvent> events = new ArrayList<>();
    reader.readAll(include, events::add, "timeline");
    events.sort(CAUSAL);
    return events;
  }

  /**
   * The events of zone {@code zone}: of its locations, creatures and other world entities, and of
   * the players while they are in it (a move into or out of it included).
   */
  public static List<JournalEvent> readZone(JournalReader reader, String zone) {
    List<JournalEvent> events = new ArrayList<>();
    Map<String, String> playerAt = new HashMap<>();
    String player = EntityKind.PLAYER.typeName();
    reader.readAll(pid -> true, new JournalReader.Visitor() {
      @Override
      public void event(JournalEvent e) {
        if (e.kind().equals(player)) {
          String before = playerAt.get(e.persistenceId());
          String after = locationAfter(before, e.event());
          if (after != null) {
            playerAt.put(e.persistenceId(), after);
          }
          if (zone.equals(zoneOf(before)) || zone.equals(zoneOf(after))) {
            events.add(e);
          }
        } else if (zone.equals(zoneOf(e.entityId()))) {
          events.add(e);
        }
      }

      @Override
      public void entityDone(String persistenceId) {
        playerAt.remove(persistenceId);
      }
    }, "timeline");
    events.sort(CAUSAL);
    return events;
  }

  private static String locationAfter(String before, Object event) {
    if (event instanceof PlayerEntity.EnteredWorld x) {
      return x.location();
    } else if (event instanceof PlayerEntity.Moved x) {
      return x.to();
    } else if (event instanceof PlayerEntity.Died x) {
      return x.home();
    }
    return before;
  }

  private static String zoneOf(String worldId) {
    return ShardRouting.isWorldId(worldId) ? ShardRouting.zoneOf(worldId) : null;
  }

  static void print(List<JournalEvent> events, EventJson json, boolean asJson, PrintStream out) {
    if (asJson) {
      for (JournalEvent e : events) {
        out.println(json.write(json.line(e)));
      }
      return;
    }
    out.printf("%8s %9s  %-30s %6s  %-18s %s%n", "lamport", "tick", "entity", "seq", "event", "fields");
    for (JournalEvent e : events) {
      out.printf("%8d %9s  %-30s %6d  %-18s %s%s%n", e.lamport(), (e.tickFromWriteTime() ? "~" : "") + e.tick(),
          e.persistenceId(), e.seqNr(), e.type(), json.fields(e.event()),
          e.commandId() == null ? "" : "  cmd=" + e.commandId().toString().substring(0, 8));
    }
  }
}
