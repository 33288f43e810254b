package io.microcosm.rules;

import io.microcosm.world.ItemDef;
import io.microcosm.world.NodeKindDef;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Gathering from resource nodes. Power is the gatherer's level, the tool's power and bonuses; one
 * attempt yields {@code 1 + random(0 .. power / 3)} units, changed by the weather's percentage, at
 * least 1 and never more than the node holds.
 */
public final class GatherRules {

  private GatherRules() {}

  public static int power(Stats stats, int toolPower) {
    return Math.max(0, stats.gather() + toolPower);
  }

  /** Units one attempt would yield from a node that had enough. */
  public static int yield(int power, int weatherPercent, SplittableRandom rng) {
    int base = 1 + rng.nextInt(Math.max(0, power) / 3 + 1);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) base * Math.max(0, 100 + weatherPercent) / 100));
  }

  /**
   * The best tool of {@code kind} among what is carried and what is equipped, or empty. A node that
   * needs no tool ({@code kind} null) is worked by hand.
   */
  public static Optional<ItemDef> bestTool(
      String kind, Inventory pack, Equipment equipment, Function<String, ItemDef> catalog) {
    ItemDef best = null;
    for (String id : pack.stacks().keySet()) {
      best = better(best, catalog.apply(id), kind);
    }
    for (String id : equipment.slots().values()) {
      best = better(best, catalog.apply(id), kind);
    }
    return Optional.ofNullable(best);
  }

  private static ItemDef better(ItemDef best, ItemDef candidate, String kind) {
    if (candidate.tool() == null || !candidate.tool().kind().equals(kind)) {
      return best;
    }
    return best == null || candidate.tool().power() > best.tool().power() ? candidate : best;
  }

  /**
   * How much a node holds: {@code remaining} units as of tick {@code asOf}. It regrows one unit
   * every {@code regrowTicks}, counted from the last harvest, up to the node's maximum.
   */
  public record Stock(int remaining, long asOf) implements io.microcosm.entity.CborSerializable {

    public static Stock full(NodeKindDef node, long now) {
      return new Stock(node.max(), now);
    }

    /** The stock at {@code now} after regrowth; the part of a unit still growing is kept. */
    public Stock regrown(NodeKindDef node, long now) {
      if (remaining >= node.max()) {
        return remaining == node.max() && asOf >= now ? this : new Stock(node.max(), Math.max(asOf, now));
      }
      if (now <= asOf) {
        return this;
      }
      long grown = (now - asOf) / node.regrowTicks();
      if (remaining + grown >= node.max()) {
        return new Stock(node.max(), now);
      }
      return new Stock((int) (remaining + grown), asOf + grown * node.regrowTicks());
    }

    /** Ticks until the next unit grows, from {@code now}, for a stock already regrown to {@code now}. */
    public long ticksToNext(NodeKindDef node, long now) {
      return remaining >= node.max() ? 0 : Math.max(1, asOf + node.regrowTicks() - now);
    }

    /** Takes units from a stock regrown to {@code now}; regrowth of the next unit starts now if it was full. */
    public Stock take(int units, NodeKindDef node, long now) {
      if (units < 1 || units > remaining) {
        throw new IllegalArgumentException("cannot take " + units + " of " + remaining);
      }
      return new Stock(remaining - units, remaining >= node.max() ? now : asOf);
    }
  }
}
