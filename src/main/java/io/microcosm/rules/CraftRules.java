package io.microcosm.rules;

import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.world.ItemDef;
import io.microcosm.world.RecipeDef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Crafting: a recipe made {@code count} times consumes all its inputs and makes all its outputs, or nothing. */
public final class CraftRules {

  public static final int MAX_BATCH = 100;

  private CraftRules() {}

  /**
   * Why {@code count} crafts of {@code recipe} cannot be made, or empty if they can. {@code capacity}
   * is what the pack may hold after equipped items are counted.
   */
  public static Optional<Rejection> check(
      RecipeDef recipe, int count, Inventory pack, Collection<String> stationsHere, int level, int stamina,
      Capacity capacity, Function<String, ItemDef> catalog, Function<String, String> stationName) {
    if (count < 1 || count > MAX_BATCH) {
      return Optional.of(Rejection.of(Code.INVALID_QUANTITY,
          "You can craft between 1 and " + MAX_BATCH + " at once, not " + count + "."));
    }
    if (level < recipe.minLevel()) {
      return Optional.of(Rejection.of(Code.LEVEL_TOO_LOW, String.format(Locale.ROOT,
          "You need level %d to make %s; you are level %d.", recipe.minLevel(), recipe.name(), level)));
    }
    if (recipe.station() != null && !stationsHere.contains(recipe.station())) {
      return Optional.of(Rejection.of(Code.NO_STATION, String.format(Locale.ROOT,
          "You need a %s to make %s, and there is none here.", stationName.apply(recipe.station()), recipe.name())));
    }
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, Integer> in : recipe.inputs().entrySet()) {
      long need = (long) in.getValue() * count;
      int have = pack.quantity(in.getKey());
      if (have < need) {
        missing.add((need - have) + " x " + catalog.apply(in.getKey()).name());
      }
    }
    if (!missing.isEmpty()) {
      return Optional.of(Rejection.of(Code.MISSING_MATERIALS, String.format(Locale.ROOT,
          "To make %s you still need %s.", count == 1 ? recipe.name() : count + " x " + recipe.name(), String.join(", ", missing))));
    }
    long cost = (long) recipe.stamina() * count;
    if (stamina < cost) {
      return Optional.of(Rejection.of(Code.NOT_ENOUGH_STAMINA, String.format(Locale.ROOT,
          "You are too tired: making that takes %d stamina and you have %d.", cost, stamina)));
    }
    Inventory after = apply(pack, recipe, count);
    int grams = InventoryRules.weightGrams(after, catalog);
    if (grams > capacity.carryGrams() && grams > InventoryRules.weightGrams(pack, catalog)) {
      return Optional.of(Rejection.of(Code.OVERWEIGHT, String.format(Locale.ROOT,
          "You could not carry the result: it would bring your load to %s of %s kg.",
          InventoryRules.kg(grams), InventoryRules.kg(capacity.carryGrams()))));
    }
    int slots = InventoryRules.slotsUsed(after, catalog);
    if (slots > capacity.slots() && slots > InventoryRules.slotsUsed(pack, catalog)) {
      return Optional.of(Rejection.of(Code.NO_FREE_SLOT, String.format(Locale.ROOT,
          "Your pack has no room for the result: it would need %d of %d slots.", slots, capacity.slots())));
    }
    return Optional.empty();
  }

  /** The pack after {@code count} crafts; the caller has checked the inputs are there. */
  public static Inventory apply(Inventory pack, RecipeDef recipe, int count) {
    Inventory next = pack;
    for (Map.Entry<String, Integer> in : recipe.inputs().entrySet()) {
      next = next.remove(in.getKey(), Math.multiplyExact(in.getValue(), count));
    }
    for (Map.Entry<String, Integer> out : recipe.outputs().entrySet()) {
      next = next.add(out.getKey(), Math.multiplyExact(out.getValue(), count));
    }
    return next;
  }
}
