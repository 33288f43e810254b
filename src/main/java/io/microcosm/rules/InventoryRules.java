package io.microcosm.rules;

import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.world.ItemDef;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Carrying rules. Units of an item share a slot up to the item's stack limit, and a full stack
 * spills into another slot; the total weight may not pass the carry capacity.
 */
public final class InventoryRules {

  private InventoryRules() {}

  public static long slotsFor(ItemDef item, long quantity) {
    return quantity <= 0 ? 0 : (quantity + item.stackLimit() - 1) / item.stackLimit();
  }

  public static int slotsUsed(Inventory inventory, Function<String, ItemDef> catalog) {
    long slots = 0;
    for (var e : inventory.stacks().entrySet()) {
      slots += slotsFor(catalog.apply(e.getKey()), e.getValue());
    }
    return (int) Math.min(Integer.MAX_VALUE, slots);
  }

  public static int weightGrams(Inventory inventory, Function<String, ItemDef> catalog) {
    long grams = 0;
    for (var e : inventory.stacks().entrySet()) {
      grams += (long) catalog.apply(e.getKey()).weightGrams() * e.getValue();
    }
    return (int) Math.min(Integer.MAX_VALUE, grams);
  }

  /** How many units of {@code item} fit in {@code inventory} by weight and by slots. */
  public static int roomFor(Inventory inventory, ItemDef item, Capacity capacity, Function<String, ItemDef> catalog) {
    long spareGrams = (long) capacity.carryGrams() - weightGrams(inventory, catalog);
    // an overloaded pack takes nothing more, not even something weightless
    long byWeight = spareGrams < 0 ? 0 : item.weightGrams() == 0 ? Integer.MAX_VALUE : spareGrams / item.weightGrams();
    long have = inventory.quantity(item.id());
    long freeSlots = capacity.slots() - slotsUsed(inventory, catalog);
    // a pack already using more slots than it has takes nothing more, not even into a started stack
    long bySlots = freeSlots < 0 ? 0 : (slotsFor(item, have) + freeSlots) * item.stackLimit() - have;
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Math.min(byWeight, bySlots)));
  }

  public static Rejection unknownItem(String id) {
    return Rejection.of(Code.UNKNOWN_ITEM, "There is no such thing as '" + id + "'.");
  }

  public static Optional<Rejection> checkQuantity(int quantity) {
    if (quantity < 1) {
      return Optional.of(Rejection.of(Code.INVALID_QUANTITY, "The quantity must be at least 1, not " + quantity + "."));
    }
    return Optional.empty();
  }

  /** Why {@code quantity} units of {@code item} cannot be added, or empty if they can. */
  public static Optional<Rejection> checkAdd(
      Inventory inventory, ItemDef item, int quantity, Capacity capacity, Function<String, ItemDef> catalog) {
    Optional<Rejection> bad = checkQuantity(quantity);
    if (bad.isPresent()) {
      return bad;
    }
    long addedGrams = (long) item.weightGrams() * quantity;
    int carried = weightGrams(inventory, catalog);
    if (carried + addedGrams > capacity.carryGrams()) {
      return Optional.of(Rejection.of(Code.OVERWEIGHT, String.format(Locale.ROOT,
          "%s would weigh %s kg and you already carry %s of %s kg.",
          units(item, quantity), kg(addedGrams), kg(carried), kg(capacity.carryGrams()))));
    }
    long have = inventory.quantity(item.id());
    long extraSlots = slotsFor(item, have + quantity) - slotsFor(item, have);
    long free = capacity.slots() - slotsUsed(inventory, catalog);
    if (extraSlots > free) {
      if (have > 0) {
        return Optional.of(Rejection.of(Code.STACK_LIMIT, String.format(Locale.ROOT,
            "A stack of %s holds at most %d, and you have no free slot for %d more.",
            item.name(), item.stackLimit(), quantity)));
      }
      return Optional.of(Rejection.of(Code.NO_FREE_SLOT, String.format(Locale.ROOT,
          "You have no free slot for %s (%d of %d slots used).", units(item, quantity), capacity.slots() - free, capacity.slots())));
    }
    return Optional.empty();
  }

  /** Why {@code quantity} units of {@code item} cannot be taken out of {@code inventory}. */
  public static Optional<Rejection> checkRemove(Inventory inventory, ItemDef item, int quantity, Code whenMissing, String where) {
    Optional<Rejection> bad = checkQuantity(quantity);
    if (bad.isPresent()) {
      return bad;
    }
    int have = inventory.quantity(item.id());
    if (have == 0) {
      return Optional.of(Rejection.of(whenMissing, "There is no " + item.name() + " " + where + "."));
    }
    if (have < quantity) {
      return Optional.of(Rejection.of(whenMissing, String.format(Locale.ROOT,
          "There %s only %d %s %s, not %d.", have == 1 ? "is" : "are", have, item.name(), where, quantity)));
    }
    return Optional.empty();
  }

  static String units(ItemDef item, int quantity) {
    return quantity == 1 ? "1 " + item.name() : quantity + " x " + item.name();
  }

  static String kg(long grams) {
    return String.format(Locale.ROOT, "%.1f", grams / 1000.0);
  }
}
