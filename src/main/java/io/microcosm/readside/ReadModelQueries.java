package io.microcosm.readside;

import io.microcosm.entity.TickClock;
import io.microcosm.readside.ReadModelStore.CreatureRow;
import io.microcosm.readside.ReadModelStore.FeedEntry;
import io.microcosm.readside.ReadModelStore.GroundRow;
import io.microcosm.readside.ReadModelStore.PlayerRow;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.LocationDef;
import io.microcosm.world.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.ToLongFunction;

/**
 * Answers questions from the read models, joined with the world's data for what has never changed
 * (the ground of a location nobody touched, creatures that never fought). The store is queried on a
 * blocking executor, never on the caller's thread.
 */
public final class ReadModelQueries {

  /** What the leaderboard can be ordered by. */
  public static final Map<String, ToLongFunction<PlayerRow>> ORDERS = orders();

  private final ReadModelStore store;
  private final World world;
  private final TickClock ticks;
  private final ReadSideSettings settings;
  private final Executor executor;

  ReadModelQueries(ReadModelStore store, World world, TickClock ticks, ReadSideSettings settings, Executor executor) {
    this.store = store;
    this.world = world;
    this.ticks = ticks;
    this.settings = settings;
    this.executor = executor;
  }

  // ---- presence ----

  public record Presence(long tick, List<PlaceView> locations) {}

  /** Who and what is at one location. */
  public record PlaceView(
      String id, String name, String zone, List<String> players, List<CreatureView> creatures, List<ItemStack> items) {}

  public record CreatureView(String id, String kind, String name) {}

  /** Every location of the world, or those of {@code zone}, or the one {@code location}. */
  public CompletionStage<Presence> presence(Optional<String> zone, Optional<String> location) {
    if (location.isPresent() && world.location(location.get()).isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("There is no location '" + location.get() + "'."));
    }
    if (zone.isPresent() && !world.zones().containsKey(zone.get())) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("There is no zone '" + zone.get()
          + "'; zones: " + String.join(", ", new java.util.TreeSet<>(world.zones().keySet())) + "."));
    }
    return supply(() -> {
      long now = ticks.now();
      Map<String, List<String>> players = new HashMap<>();
      for (PlayerRow p : store.players()) {
        if (p.location() != null) {
          players.computeIfAbsent(p.location(), l -> new ArrayList<>()).add(p.name());
        }
      }
      Map<String, CreatureRow> fought = new HashMap<>();
      for (CreatureRow c : store.creatures()) {
        fought.put(c.id(), c);
      }
      Map<String, Map<String, Integer>> ground = new HashMap<>();
      for (GroundRow g : store.ground()) {
        ground.computeIfAbsent(g.location(), l -> new TreeMap<>()).put(g.item(), g.quantity());
      }
      Map<String, List<CreatureView>> creatures = new HashMap<>();
      for (CreatureSpawn spawn : world.creatures().values()) {
        CreatureRow row = fought.get(spawn.id());
        boolean alive = row == null || !row.dead() || now >= row.respawnAt();
        if (alive) {
          String where = row == null || row.location() == null || row.dead() ? spawn.home() : row.location();
          creatures.computeIfAbsent(where, l -> new ArrayList<>())
              .add(new CreatureView(spawn.id(), spawn.kind(), world.kindOf(spawn).name()));
        }
      }
      List<PlaceView> places = new ArrayList<>();
      for (LocationDef def : world.locations().values()) {
        if (location.isPresent() && !def.id().equals(location.get()) || zone.isPresent() && !def.zone().equals(zone.get())) {
          continue;
        }
        Map<String, Integer> items = new TreeMap<>(def.items());
        items.putAll(ground.getOrDefault(def.id(), Map.of()));
        List<ItemStack> stacks = items.entrySet().stream().filter(e -> e.getValue() > 0)
            .map(e -> new ItemStack(e.getKey(), e.getValue())).toList();
        List<String> here = new ArrayList<>(players.getOrDefault(def.id(), List.of()));
        here.sort(Comparator.naturalOrder());
        List<CreatureView> beasts = new ArrayList<>(creatures.getOrDefault(def.id(), List.of()));
        beasts.sort(Comparator.comparing(CreatureView::id));
        places.add(new PlaceView(def.id(), def.name(), def.zone(), here, beasts, stacks));
      }
      places.sort(Comparator.comparing(PlaceView::id));
      return new Presence(now, places);
    });
  }

  // ---- leaderboard ----

  public record Leaderboard(String by, List<Rank> entries) {}

  public record Rank(int rank, String name, int level, long exp, long kills, long crafts, long gathered, long deaths) {}

  /** The top {@code limit} players by {@code by} (one of {@link #ORDERS}), ties broken by name. */
  public CompletionStage<Leaderboard> leaderboard(String by, int limit) {
    ToLongFunction<PlayerRow> key = ORDERS.get(by);
    if (key == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("The leaderboard is ordered by one of "
          + String.join(", ", ORDERS.keySet()) + ", not '" + by + "'."));
    }
    int n = pageSize(limit);
    return supply(() -> {
      List<PlayerRow> rows = new ArrayList<>(store.players());
      rows.sort(Comparator.comparingLong(key).reversed().thenComparing(PlayerRow::name));
      List<Rank> ranks = new ArrayList<>();
      for (int i = 0; i < Math.min(n, rows.size()); i++) {
        PlayerRow p = rows.get(i);
        ranks.add(new Rank(i + 1, p.name(), p.level(), p.exp(), p.kills(), p.crafts(), p.gathered(), p.deaths()));
      }
      return new Leaderboard(by, ranks);
    });
  }

  // ---- feed ----

  /** @param next pass it as {@code since} to get what comes after these entries */
  public record Feed(List<FeedEntry> entries, long next) {}

  /**
   * Entries written after {@code since} (epoch milliseconds, exclusive), oldest first; without it, the
   * newest. Projections of different slices run side by side, so an entry can appear a moment after
   * a later one: a client polling with {@code since = next} may ask again from a few seconds earlier
   * and skip the ids it has seen.
   */
  public CompletionStage<Feed> feed(Optional<Long> since, int limit) {
    int n = pageSize(limit);
    return supply(() -> {
      List<FeedEntry> entries = since.isPresent() ? store.feedSince(since.get(), n) : store.feedLatest(n);
      long next = entries.isEmpty() ? since.orElse(0L) : entries.get(entries.size() - 1).at();
      return new Feed(entries, next);
    });
  }

  /** A limit of 0 or less means the default page. */
  private int pageSize(int limit) {
    return limit <= 0 ? settings.feedPage() : Math.min(limit, settings.feedMaxPage());
  }

  @FunctionalInterface
  private interface Query<T> {
    T run() throws Exception;
  }

  private <T> CompletionStage<T> supply(Query<T> query) {
    CompletableFuture<T> result = new CompletableFuture<>();
    executor.execute(() -> {
      try {
        result.complete(query.run());
      } catch (Exception e) {
        result.completeExceptionally(new IllegalStateException("The read models cannot be read: " + e.getMessage(), e));
      }
    });
    return result;
  }

  private static Map<String, ToLongFunction<PlayerRow>> orders() {
    Map<String, ToLongFunction<PlayerRow>> orders = new java.util.LinkedHashMap<>();
    orders.put("exp", PlayerRow::exp);
    orders.put("level", p -> p.level() * (1L << 40) + p.exp());
    orders.put("kills", PlayerRow::kills);
    orders.put("crafts", PlayerRow::crafts);
    orders.put("gathered", PlayerRow::gathered);
    return java.util.Collections.unmodifiableMap(orders);
  }
}
