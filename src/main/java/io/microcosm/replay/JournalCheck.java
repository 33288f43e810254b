package io.microcosm.replay;

import io.microcosm.creature.CreatureEntity;
import io.microcosm.entity.CommandMeta;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.rules.GatherRules;
import io.microcosm.rules.ItemStack;
import io.microcosm.rules.Vitals;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The journal's invariants, checked over all of it in one pass:
 *
 * <ul>
 *   <li>every grant of a two-step protocol is matched by its receipt, with the same item, quantity
 *       and parties, and the receipt has the higher Lamport clock (an effect after its cause);
 *       a grant whose receipt is missing is <em>pending</em> (its commandId is reported: retrying
 *       that command completes it), a receipt without its grant is a problem;
 *   <li>no quantity or hit points below zero, in an event or in the state the entity's own event
 *       handler builds from its events (a handler that fails is a problem: the entity could not
 *       recover);
 *   <li>no command applied twice in one entity (the same commandId on two events of the same type);
 *   <li>an entity's Lamport clock never goes back.
 * </ul>
 */
public final class JournalCheck implements JournalReader.Visitor {

  /** The two-step protocols whose halves are matched, by the commandId both halves carry. */
  public enum Protocol {
    /** A location grants items from its ground; the player records the receipt. */
    TAKE,
    /** A location grants units of a resource node; the player records the receipt. */
    GATHER,
    /** A player hands items over; the location records them on its ground. */
    DROP,
    /** A dying player's pack, handed over to where it died. */
    DEATH_DROP,
    /** A creature decides an attack on it; the attacker records the outcome. */
    ATTACK,
    /** A slain creature's loot, dropped where it fell. */
    LOOT,
    /** A player hands items to another; the receiver records them (in its pack, or set down). */
    GIVE,
    /** A gift that did not fit, owed by its receiver to the ground where it was given. */
    SET_DOWN,
    /** A slain creature tells its home it is gone until it respawns. */
    FELL
  }

  /** What was found wrong. */
  public enum ProblemKind {
    ORPHAN_RECEIPT, MISMATCH, EFFECT_BEFORE_CAUSE, GRANTED_TWICE, RECEIVED_TWICE, NEGATIVE, HANDLER_FAILED,
    DUPLICATE_COMMAND, CLOCK_WENT_BACK
  }

  public record Problem(ProblemKind kind, UUID commandId, String message) {
    @Override
    public String toString() {
      return kind + (commandId == null ? "" : " commandId=" + commandId) + ": " + message;
    }
  }

  /** A grant still waiting for its receipt. */
  public record Pending(Protocol protocol, UUID commandId, String message) {
    @Override
    public String toString() {
      return "PENDING " + protocol + " commandId=" + commandId + ": " + message;
    }
  }

  /**
   * One half of a protocol step, with what the other half must agree on.
   *
   * @param from the entity id that gives (a location for take, a player for drop)
   * @param to the entity id that receives
   * @param what item or node id
   */
  private record Half(
      Protocol protocol, boolean grant, String persistenceId, long seqNr, long lamport, String from, String to,
      String what, long quantity) {

    String describe() {
      return persistenceId + " #" + seqNr + " (lamport " + lamport + "): " + (grant ? "grant of " : "receipt of ")
          + quantity + " " + what + " from " + from + " to " + to;
    }
  }

  private final EntityReplays replays;
  private final Map<UUID, Half> open = new HashMap<>();
  private final Set<UUID> matched = new HashSet<>();
  private final List<Problem> problems = new ArrayList<>();
  private final Map<Protocol, long[]> counts = new EnumMap<>(Protocol.class);
  private final Map<String, EntityCursor> entities = new HashMap<>();
  private long events;
  private long entitiesChecked;
  private long statesRebuilt;
  private List<Pending> pending;

  /** Per entity while it is being read: its clock, its applied commands, its rebuilt state. */
  private static final class EntityCursor {
    long lastLamport = Long.MIN_VALUE;
    final Map<UUID, Object> applied = new HashMap<>();
    EntityReplays.Replay replay;
    boolean replayFailed;
  }

  public JournalCheck(EntityReplays replays) {
    this.replays = replays;
    for (Protocol p : Protocol.values()) {
      counts.put(p, new long[3]);
    }
  }

  @Override
  public void event(JournalEvent e) {
    events++;
    EntityCursor cursor = entities.computeIfAbsent(e.persistenceId(), pid -> {
      EntityCursor c = new EntityCursor();
      try {
        c.replay = replays.start(e.kind(), e.entityId()).orElse(null);
      } catch (ReplayException unknown) {
        problem(ProblemKind.HANDLER_FAILED, null, unknown.getMessage());
        c.replayFailed = true;
      }
      return c;
    });
    checkClock(e, cursor);
    checkDuplicate(e, cursor);
    checkQuantities(e);
    rebuild(e, cursor);
    halves(e).forEach(h -> match(e.commandId() == null ? null : keyOf(e, h), h));
  }

  @Override
  public void entityDone(String persistenceId) {
    if (entities.remove(persistenceId) != null) {
      entitiesChecked++;
    }
  }

  private void checkClock(JournalEvent e, EntityCursor cursor) {
    if (e.lamport() >= 0 && e.lamport() < cursor.lastLamport) {
      problem(ProblemKind.CLOCK_WENT_BACK, e.commandId(), e.persistenceId() + " #" + e.seqNr() + " " + e.type()
          + " has lamport " + e.lamport() + " after an event with " + cursor.lastLamport);
    }
    cursor.lastLamport = Math.max(cursor.lastLamport, e.lamport());
  }

  /** The same command applied twice shows as two events of the same type with the same commandId. */
  private void checkDuplicate(JournalEvent e, EntityCursor cursor) {
    if (e.commandId() == null) {
      return;
    }
    Object seen = cursor.applied.get(e.commandId());
    Class<?> type = e.event().getClass();
    if (seen == null) {
      cursor.applied.put(e.commandId(), type);
    } else if (seen == type || (seen instanceof Set<?> types && types.contains(type))) {
      problem(ProblemKind.DUPLICATE_COMMAND, e.commandId(), e.persistenceId() + " applied the command twice: #"
          + e.seqNr() + " " + e.type() + " repeats an earlier " + e.type() + " with the same commandId");
    } else {
      Set<Object> types = new HashSet<>();
      if (seen instanceof Set<?> earlier) {
        types.addAll(earlier);
      } else {
        types.add(seen);
      }
      types.add(type);
      cursor.applied.put(e.commandId(), types);
    }
  }

  private void checkQuantities(JournalEvent e) {
    Object ev = e.event();
    long quantity = Long.MAX_VALUE;
    if (ev instanceof LocationEntity.ItemTaken x) {
      quantity = x.quantity();
    } else if (ev instanceof LocationEntity.ItemDropped x) {
      quantity = x.quantity();
    } else if (ev instanceof LocationEntity.NodeHarvested x) {
      quantity = x.quantity();
    } else if (ev instanceof PlayerEntity.ItemReceived x) {
      quantity = x.quantity();
    } else if (ev instanceof PlayerEntity.ItemHandedOver x) {
      quantity = x.quantity();
    } else if (ev instanceof PlayerEntity.ResourcesGathered x) {
      quantity = x.quantity();
    } else if (ev instanceof CreatureEntity.Struck x && x.hpAfter() < 0) {
      problem(ProblemKind.NEGATIVE, e.commandId(), e.persistenceId() + " #" + e.seqNr() + " Struck leaves "
          + x.hpAfter() + " hit points");
    }
    if (quantity < 1) {
      problem(ProblemKind.NEGATIVE, e.commandId(), e.persistenceId() + " #" + e.seqNr() + " " + e.type()
          + " moves a quantity of " + quantity);
    }
  }

  /** Applies the event with the entity's own handler and looks at what it built. */
  private void rebuild(JournalEvent e, EntityCursor cursor) {
    if (cursor.replay == null || cursor.replayFailed) {
      return;
    }
    Object state;
    try {
      state = cursor.replay.apply(e.event());
    } catch (RuntimeException failure) {
      cursor.replayFailed = true;
      problem(ProblemKind.HANDLER_FAILED, e.commandId(), e.persistenceId() + " #" + e.seqNr() + " " + e.type()
          + ": the entity's own event handler fails (" + failure.getMessage() + "), so it cannot recover; "
          + "later events of this entity are not rebuilt");
      return;
    }
    if (cursor.replay.applied() == 1) {
      statesRebuilt++;
    }
    Optional<String> negative = negativeIn(state);
    if (negative.isPresent()) {
      problem(ProblemKind.NEGATIVE, e.commandId(), e.persistenceId() + " after #" + e.seqNr() + " " + e.type() + ": "
          + negative.get());
    }
  }

  private static Optional<String> negativeIn(Object state) {
    if (state instanceof PlayerEntity.State p) {
      Vitals v = p.vitals();
      if (v.hp() < 0 || v.mp() < 0 || v.sp() < 0) {
        return Optional.of("vitals below zero: " + v);
      }
      if (p.exp() < 0) {
        return Optional.of("experience below zero: " + p.exp());
      }
    } else if (state instanceof LocationEntity.State l) {
      for (Map.Entry<String, GatherRules.Stock> n : l.nodes().entrySet()) {
        if (n.getValue().remaining() < 0) {
          return Optional.of("node " + n.getKey() + " holds " + n.getValue().remaining());
        }
      }
    } else if (state instanceof CreatureEntity.State c && c.hp() < 0) {
      return Optional.of("hit points below zero: " + c.hp());
    }
    // Inventories cannot hold less than one of anything: their handlers fail instead (HANDLER_FAILED).
    return Optional.empty();
  }

  /** The protocol halves an event is, if any. */
  private static List<Half> halves(JournalEvent e) {
    Object ev = e.event();
    String pid = e.persistenceId();
    String me = e.entityId();
    long seq = e.seqNr();
    long lam = e.lamport();
    if (ev instanceof LocationEntity.ItemTaken x) {
      return List.of(new Half(Protocol.TAKE, true, pid, seq, lam, me, x.taker(), x.item(), x.quantity()));
    } else if (ev instanceof LocationEntity.NodeHarvested x) {
      return List.of(new Half(Protocol.GATHER, true, pid, seq, lam, me, x.gatherer(), x.node(), x.quantity()));
    } else if (ev instanceof LocationEntity.ItemDropped x) {
      // Which protocol it completes is known from the grant; a receipt says only "something dropped".
      return List.of(new Half(null, false, pid, seq, lam, x.dropper(), me, x.item(), x.quantity()));
    } else if (ev instanceof LocationEntity.CreatureFallen x) {
      return List.of(new Half(Protocol.FELL, false, pid, seq, lam, x.creature(), me, x.creature(), 1));
    } else if (ev instanceof PlayerEntity.ItemReceived x) {
      // No location: an operator's gift, which has no grant.
      return x.location() == null
          ? List.of()
          : List.of(new Half(Protocol.TAKE, false, pid, seq, lam, x.location(), me, x.item(), x.quantity()));
    } else if (ev instanceof PlayerEntity.ResourcesGathered x) {
      return List.of(new Half(Protocol.GATHER, false, pid, seq, lam, x.location(), me, x.node(), x.quantity()));
    } else if (ev instanceof PlayerEntity.ItemHandedOver x) {
      return x.to() == null
          ? List.of(new Half(Protocol.DROP, true, pid, seq, lam, me, x.location(), x.item(), x.quantity()))
          : List.of(new Half(Protocol.GIVE, true, pid, seq, lam, me, x.to(), x.item(), x.quantity()));
    } else if (ev instanceof PlayerEntity.GiftReceived x) {
      return List.of(new Half(Protocol.GIVE, false, pid, seq, lam, x.from(), me, x.item(), x.quantity()));
    } else if (ev instanceof PlayerEntity.GiftSetDown x) {
      return List.of(new Half(Protocol.GIVE, false, pid, seq, lam, x.from(), me, x.item(), x.quantity()),
          new Half(Protocol.SET_DOWN, true, pid, seq, lam, me, x.location(), x.item(), x.quantity()));
    } else if (ev instanceof PlayerEntity.Died x) {
      List<Half> drops = new ArrayList<>();
      for (ItemStack s : x.dropped().asStacks()) {
        drops.add(new Half(Protocol.DEATH_DROP, true, pid, seq, lam, me, x.place(), s.item(), s.quantity()));
      }
      return drops;
    } else if (ev instanceof PlayerEntity.CreatureFought x) {
      return List.of(new Half(Protocol.ATTACK, false, pid, seq, lam, x.creature(), me, x.creature(), x.exp()));
    } else if (ev instanceof CreatureEntity.Struck x) {
      List<Half> halves = new ArrayList<>();
      halves.add(new Half(Protocol.ATTACK, true, pid, seq, lam, me, x.attacker(), me, x.exp()));
      if (x.killed()) {
        for (ItemStack s : x.loot().asStacks()) {
          halves.add(new Half(Protocol.LOOT, true, pid, seq, lam, me, x.location(), s.item(), s.quantity()));
        }
        halves.add(new Half(Protocol.FELL, true, pid, seq, lam, me, null, me, 1));
      }
      return halves;
    }
    return List.of();
  }

  /** The commandId both halves carry: the command's own, or the one derived for a step of it. */
  private static UUID keyOf(JournalEvent e, Half h) {
    if (h.protocol() == Protocol.DEATH_DROP) {
      return CommandMeta.derived(e.commandId(), "drop/" + h.what());
    } else if (h.protocol() == Protocol.SET_DOWN) {
      return PlayerEntity.setDownId(e.commandId());
    } else if (h.protocol() == Protocol.LOOT) {
      return CommandMeta.derived(e.commandId(), "loot/" + h.what());
    } else if (h.protocol() == Protocol.FELL && h.grant()) {
      return CommandMeta.derived(e.commandId(), "fell");
    }
    return e.commandId();
  }

  private void match(UUID key, Half half) {
    if (key == null) {
      return;
    }
    if (half.protocol() != null) {
      counts.get(half.protocol())[half.grant() ? 0 : 1]++;
    }
    if (matched.contains(key)) {
      problem(half.grant() ? ProblemKind.GRANTED_TWICE : ProblemKind.RECEIVED_TWICE, key,
          half.describe() + " repeats a step that was already completed");
      return;
    }
    Half other = open.remove(key);
    if (other == null) {
      open.put(key, half);
      return;
    }
    if (other.grant() == half.grant()) {
      problem(half.grant() ? ProblemKind.GRANTED_TWICE : ProblemKind.RECEIVED_TWICE, key,
          other.describe() + " and " + half.describe());
      return;
    }
    matched.add(key);
    Half grant = half.grant() ? half : other;
    Half receipt = half.grant() ? other : half;
    if (receipt.protocol() == null) {
      counts.get(grant.protocol())[1]++;
    }
    counts.get(grant.protocol())[2]++;
    boolean sameParties = grant.from().equals(receipt.from())
        && (grant.to() == null || grant.to().equals(receipt.to()));
    if (!sameParties || !grant.what().equals(receipt.what()) || grant.quantity() != receipt.quantity()
        || (receipt.protocol() != null && receipt.protocol() != grant.protocol())) {
      problem(ProblemKind.MISMATCH, key, "the two halves of one " + grant.protocol() + " disagree: " + grant.describe()
          + "; " + receipt.describe());
    }
    if (grant.lamport() >= receipt.lamport()) {
      problem(ProblemKind.EFFECT_BEFORE_CAUSE, key, "the receipt's clock is not after the grant's: "
          + grant.describe() + "; " + receipt.describe());
    }
  }

  private void problem(ProblemKind kind, UUID commandId, String message) {
    problems.add(new Problem(kind, commandId, message));
  }

  /** Call after the last event: what is still open becomes pending grants or orphan receipts. */
  public void finish() {
    pending = new ArrayList<>();
    for (Map.Entry<UUID, Half> entry : open.entrySet()) {
      Half h = entry.getValue();
      if (h.grant()) {
        pending.add(new Pending(h.protocol(), entry.getKey(), h.describe() + "; no receipt yet"));
      } else {
        problem(ProblemKind.ORPHAN_RECEIPT, entry.getKey(), h.describe() + "; nothing in the journal granted it");
      }
    }
    open.clear();
  }

  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  public List<Pending> pending() {
    if (pending == null) {
      throw new IllegalStateException("finish() first");
    }
    return List.copyOf(pending);
  }

  public boolean passed(boolean strict) {
    return problems.isEmpty() && (!strict || pending().isEmpty());
  }

  /** The report a person reads; problems and pending grants listed, at most {@code limit} of each. */
  public void report(PrintStream out, int limit, boolean strict) {
    out.printf("Checked %,d events of %,d entities (%,d states rebuilt with their own event handlers).%n",
        events, entitiesChecked, statesRebuilt);
    out.println("Two-step protocols (grants, receipts, matched):");
    for (Map.Entry<Protocol, long[]> c : counts.entrySet()) {
      long[] n = c.getValue();
      if (n[0] + n[1] > 0) {
        out.printf("  %-11s %,10d %,10d %,10d%n", c.getKey().name().toLowerCase().replace('_', '-'), n[0], n[1], n[2]);
      }
    }
    Map<ProblemKind, Integer> byKind = new LinkedHashMap<>();
    problems.forEach(p -> byKind.merge(p.kind(), 1, Integer::sum));
    list(out, "Problems", problems, limit);
    list(out, "Pending grants (retrying the command with this commandId completes it)", pending(), limit);
    if (passed(strict)) {
      out.println("OK: every invariant holds" + (pending().isEmpty() ? "." : " (" + pending().size() + " pending)."));
    } else {
      out.println("FAILED: " + (problems.isEmpty() ? "" : problems.size() + " problem(s) " + byKind)
          + (strict && !pending().isEmpty() ? (problems.isEmpty() ? "" : "; ") + pending().size() + " pending (--strict)" : ""));
    }
  }

  private static void list(PrintStream out, String title, List<?> items, int limit) {
    if (items.isEmpty()) {
      return;
    }
    out.println(title + ": " + items.size());
    items.stream().limit(limit).forEach(i -> out.println("  " + i));
    if (items.size() > limit) {
      out.println("  ... and " + (items.size() - limit) + " more (--limit N shows more)");
    }
  }
}
