package io.microcosm.readside;

import akka.projection.eventsourced.EventEnvelope;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.entity.TickClock;
import io.microcosm.player.PlayerEntity;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Per-tick metrics of what the projections on this node saw, written as one JSON line per tick:
 * events by type, active players, experience gained, kills, deaths, crafts, units gathered, and how
 * long after being written the events reached the read models. The tick is that of the event's
 * write time. A tick's line is written once {@code settleTicks} more ticks have passed; events that
 * arrive later still (a projection catching up) make another line for the same tick, so totals are
 * sums over lines. Each node writes lines for the slices it projects. After a crash the events of an
 * unfinished batch may be counted twice: telemetry is at-least-once.
 */
final class Telemetry implements ProjectionListener, AutoCloseable {

  private final TelemetrySink sink;
  private final long tickMillis;
  private final int settleTicks;
  private final String node;
  private final LongSupplier clock;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<Long, Bucket> buckets = new TreeMap<>();

  Telemetry(TelemetrySink sink, Duration tickInterval, int settleTicks, String node, LongSupplier clock) {
    this.sink = sink;
    this.tickMillis = Math.max(1, tickInterval.toMillis());
    this.settleTicks = settleTicks;
    this.node = node;
    this.clock = clock;
  }

  private static final class Bucket {
    long events;
    final Map<String, Long> byType = new TreeMap<>();
    final Set<String> players = new HashSet<>();
    long exp;
    long kills;
    long deaths;
    long crafted;
    long gathered;
    long lagSum;
    long lagMax;
  }

  @Override
  public void projected(String tag, List<EventEnvelope<Object>> envelopes) {
    long now = clock.getAsLong();
    synchronized (buckets) {
      for (EventEnvelope<Object> envelope : envelopes) {
        Bucket b = buckets.computeIfAbsent(tickOf(envelope.timestamp()), t -> new Bucket());
        Object event = envelope.event();
        b.events++;
        b.byType.merge(event.getClass().getSimpleName(), 1L, Long::sum);
        long lag = Math.max(0, now - envelope.timestamp());
        b.lagSum += lag;
        b.lagMax = Math.max(b.lagMax, lag);
        if (event instanceof PlayerEntity.Event) {
          b.players.add(ReadModelUpdate.entityId(envelope.persistenceId()));
        }
        if (event instanceof PlayerEntity.ResourcesGathered e) {
          b.gathered += e.quantity();
          b.exp += e.exp();
        } else if (event instanceof PlayerEntity.ItemsCrafted e) {
          b.crafted += e.count();
          b.exp += e.exp();
        } else if (event instanceof PlayerEntity.CreatureFought e) {
          b.exp += e.exp();
        } else if (event instanceof PlayerEntity.Died) {
          b.deaths++;
        } else if (event instanceof CreatureEntity.Struck e && e.killed()) {
          b.kills++;
        }
      }
    }
  }

  /** Writes the lines of every tick that has settled. */
  void flushSettled() {
    long lastSettled = tickOf(clock.getAsLong()) - 1 - settleTicks;
    flush(lastSettled);
  }

  @Override
  public void close() {
    flush(Long.MAX_VALUE);
    sink.close();
  }

  private void flush(long upToTick) {
    Map<Long, Bucket> due = new TreeMap<>();
    synchronized (buckets) {
      var it = buckets.entrySet().iterator();
      while (it.hasNext()) {
        var e = it.next();
        if (e.getKey() > upToTick) {
          break;
        }
        due.put(e.getKey(), e.getValue());
        it.remove();
      }
    }
    due.forEach((tick, b) -> sink.write(line(tick, b)));
  }

  private String line(long tick, Bucket b) {
    ObjectNode o = json.createObjectNode();
    o.put("tick", tick);
    o.put("time", TickClock.EPOCH.plusMillis(tick * tickMillis).toString());
    o.put("node", node);
    o.put("events", b.events);
    ObjectNode types = o.putObject("byType");
    b.byType.forEach(types::put);
    o.put("activePlayers", b.players.size());
    o.put("exp", b.exp);
    o.put("kills", b.kills);
    o.put("deaths", b.deaths);
    o.put("crafted", b.crafted);
    o.put("gathered", b.gathered);
    ObjectNode lag = o.putObject("lagMillis");
    lag.put("mean", b.events == 0 ? 0 : b.lagSum / b.events);
    lag.put("max", b.lagMax);
    return o.toString();
  }

  private long tickOf(long epochMillis) {
    return Math.floorDiv(epochMillis - TickClock.EPOCH.toEpochMilli(), tickMillis);
  }
}
