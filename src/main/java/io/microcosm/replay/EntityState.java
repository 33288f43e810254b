package io.microcosm.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;

/** One entity's state at a point of its history, rebuilt with its own event handler. */
public final class EntityState {

  /**
   * @param state the state after {@code applied} events ({@code null} if the kind cannot be rebuilt)
   * @param applied how many events were applied
   * @param total how many events the entity has
   * @param last the last event applied, or null if none
   */
  public record Rebuilt(String persistenceId, ReplayPoint at, Object state, int applied, int total, JournalEvent last) {}

  private EntityState() {}

  /** @throws ReplayException if the entity's kind cannot be rebuilt or its handler fails */
  public static Rebuilt rebuild(JournalReader reader, EntityReplays replays, String persistenceId, ReplayPoint at) {
    String[] parts = JournalEvent.split(persistenceId);
    EntityReplays.Replay replay = replays.start(parts[0], parts[1]).orElseThrow(() -> new ReplayException(
        "Entities of kind '" + parts[0] + "' cannot be rebuilt by this tool yet; `timeline --entity " + persistenceId
            + "` shows their events."));
    List<JournalEvent> events = reader.eventsOf(persistenceId);
    JournalEvent last = null;
    int applied = 0;
    for (JournalEvent e : events) {
      if (!at.includes(e)) {
        break;
      }
      try {
        replay.apply(e.event());
      } catch (RuntimeException failure) {
        throw new ReplayException(persistenceId + " #" + e.seqNr() + " " + e.type()
            + ": the entity's own event handler fails: " + failure.getMessage(), failure);
      }
      last = e;
      applied++;
    }
    return new Rebuilt(persistenceId, at, replay.state(), applied, events.size(), last);
  }

  static ObjectNode json(Rebuilt r, EventJson json) {
    ObjectNode node = json.mapper().createObjectNode();
    node.put("entity", r.persistenceId());
    node.put("at", r.at().toString());
    node.put("eventsApplied", r.applied());
    node.put("eventsTotal", r.total());
    if (r.last() != null) {
      node.set("lastEvent", json.line(r.last()));
    }
    node.set("state", json.tree(r.state()));
    return node;
  }

  static void print(Rebuilt r, EventJson json, PrintStream out) {
    out.printf("%s at %s: %d of %d events applied%n", r.persistenceId(), describe(r.at()), r.applied(), r.total());
    if (r.last() != null) {
      JournalEvent e = r.last();
      out.printf("last applied: #%d %s, lamport %d, tick %s%d, written %s%n", e.seqNr(), e.type(), e.lamport(),
          e.tickFromWriteTime() ? "~" : "", e.tick(), e.writtenAt());
    }
    out.println(json.writePretty(json.tree(r.state())));
  }

  private static String describe(ReplayPoint at) {
    if (at instanceof ReplayPoint.AtLamport l) {
      return "lamport " + l.lamport();
    } else if (at instanceof ReplayPoint.AtTick t) {
      return "tick " + t.tick();
    } else if (at instanceof ReplayPoint.AtTime t) {
      return t.time().toString();
    } else if (at instanceof ReplayPoint.AtSeq s) {
      return "seq " + s.seqNr();
    }
    return "its latest event";
  }
}
