package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.world.ItemDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryRulesTest {

  private static final ItemDef APPLE = item("apple", "apple", 200, 10);
  private static final ItemDef ROPE = item("rope", "coil of rope", 2_000, 1);
  private static final ItemDef FEATHER = item("feather", "feather", 0, 5);
  private static final Map<String, ItemDef> ITEMS =
      Map.of(APPLE.id(), APPLE, ROPE.id(), ROPE, FEATHER.id(), FEATHER);
  private static final Function<String, ItemDef> CATALOG = ITEMS::get;

  /** Roomy enough by weight that only slots limit, unless a test says otherwise. */
  private static final Capacity THREE_SLOTS = new Capacity(3, 100_000);

  private static ItemDef item(String id, String name, int grams, int stackLimit) {
    return new ItemDef(id, name, List.of(), grams, stackLimit, "");
  }

  private static Inventory carrying(Object... itemThenQuantity) {
    Inventory inv = Inventory.EMPTY;
    for (int i = 0; i < itemThenQuantity.length; i += 2) {
      inv = inv.add((String) itemThenQuantity[i], (Integer) itemThenQuantity[i + 1]);
    }
    return inv;
  }

  private static Rejection refused(Optional<Rejection> result, Code code) {
    assertTrue(result.isPresent(), "expected " + code + " but it was allowed");
    assertEquals(code, result.get().code(), result.get().message());
    return result.get();
  }

  private static void assertSentenceNaming(Rejection r, String itemName) {
    String m = r.message();
    assertTrue(m.contains(itemName), m);
    assertTrue(m.endsWith("."), m);
    assertTrue(Character.isUpperCase(m.charAt(0)) || Character.isDigit(m.charAt(0)), m);
  }

  @Test
  void slotsForRoundsUpToWholeStacks() {
    assertEquals(0, InventoryRules.slotsFor(APPLE, 0));
    assertEquals(1, InventoryRules.slotsFor(APPLE, 1));
    assertEquals(1, InventoryRules.slotsFor(APPLE, 10));
    assertEquals(2, InventoryRules.slotsFor(APPLE, 11));
    assertEquals(3, InventoryRules.slotsFor(APPLE, 25));
    assertEquals(4, InventoryRules.slotsFor(ROPE, 4));
  }

  @Test
  void slotsAndWeightAddUpOverTheInventory() {
    Inventory inv = carrying("apple", 12, "rope", 2);
    assertEquals(4, InventoryRules.slotsUsed(inv, CATALOG));
    assertEquals(12 * 200 + 2 * 2_000, InventoryRules.weightGrams(inv, CATALOG));
    assertEquals(0, InventoryRules.slotsUsed(Inventory.EMPTY, CATALOG));
  }

  @Test
  void aStackSpillsIntoAnotherSlot() {
    // 10 apples fill one slot; 5 more need a second, and the third is still free
    assertEquals(Optional.empty(), InventoryRules.checkAdd(carrying("apple", 10), APPLE, 5, THREE_SLOTS, CATALOG));
    assertEquals(Optional.empty(), InventoryRules.checkAdd(Inventory.EMPTY, APPLE, 30, THREE_SLOTS, CATALOG));
  }

  @Test
  void unitsJoinAnUnfilledStackWithoutAFreeSlot() {
    Inventory full = carrying("apple", 4, "rope", 2);
    assertEquals(Optional.empty(), InventoryRules.checkAdd(full, APPLE, 6, THREE_SLOTS, CATALOG));
  }

  @Test
  void aFullStackWithNoFreeSlotIsAStackLimit() {
    Inventory full = carrying("apple", 10, "rope", 2);
    Rejection r = refused(InventoryRules.checkAdd(full, APPLE, 1, THREE_SLOTS, CATALOG), Code.STACK_LIMIT);
    assertEquals("A stack of apple holds at most 10, and you have no free slot for 1 more.", r.message());
  }

  @Test
  void overfillingAPartStackWithNoFreeSlotIsAStackLimit() {
    Inventory full = carrying("apple", 4, "rope", 2);
    Rejection r = refused(InventoryRules.checkAdd(full, APPLE, 7, THREE_SLOTS, CATALOG), Code.STACK_LIMIT);
    assertSentenceNaming(r, "apple");
  }

  @Test
  void aNewItemWithNoFreeSlotIsNoFreeSlot() {
    Inventory full = carrying("rope", 3);
    Rejection r = refused(InventoryRules.checkAdd(full, APPLE, 1, THREE_SLOTS, CATALOG), Code.NO_FREE_SLOT);
    assertEquals("You have no free slot for 1 apple (3 of 3 slots used).", r.message());
  }

  @Test
  void aNewItemNeedingMoreSlotsThanAreFreeIsNoFreeSlot() {
    Inventory inv = carrying("rope", 1);
    Rejection r = refused(InventoryRules.checkAdd(inv, APPLE, 21, THREE_SLOTS, CATALOG), Code.NO_FREE_SLOT);
    assertEquals("You have no free slot for 21 x apple (1 of 3 slots used).", r.message());
    assertEquals(Optional.empty(), InventoryRules.checkAdd(inv, APPLE, 20, THREE_SLOTS, CATALOG));
  }

  @Test
  void passingTheCarryWeightIsOverweight() {
    Capacity fiveKilos = new Capacity(10, 5_000);
    Inventory inv = carrying("rope", 2);
    Rejection r = refused(InventoryRules.checkAdd(inv, ROPE, 1, fiveKilos, CATALOG), Code.OVERWEIGHT);
    assertEquals("1 coil of rope would weigh 2.0 kg and you already carry 4.0 of 5.0 kg.", r.message());

    Rejection many = refused(InventoryRules.checkAdd(inv, APPLE, 6, fiveKilos, CATALOG), Code.OVERWEIGHT);
    assertEquals("6 x apple would weigh 1.2 kg and you already carry 4.0 of 5.0 kg.", many.message());
  }

  @Test
  void reachingTheCarryWeightExactlyIsAllowed() {
    Capacity fiveKilos = new Capacity(10, 5_000);
    assertEquals(Optional.empty(), InventoryRules.checkAdd(carrying("rope", 2), APPLE, 5, fiveKilos, CATALOG));
  }

  @Test
  void aHugeQuantityOfAHeavyItemIsOverweightNotAnOverflow() {
    Capacity fiveKilos = new Capacity(10, 5_000);
    refused(InventoryRules.checkAdd(Inventory.EMPTY, ROPE, Integer.MAX_VALUE, fiveKilos, CATALOG), Code.OVERWEIGHT);
  }

  @Test
  void weightlessItemsStillTakeSlots() {
    Rejection r = refused(InventoryRules.checkAdd(carrying("rope", 3), FEATHER, 1, THREE_SLOTS, CATALOG), Code.NO_FREE_SLOT);
    assertSentenceNaming(r, "feather");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void aQuantityBelowOneIsInvalidEverywhere(int quantity) {
    Rejection add = refused(InventoryRules.checkAdd(Inventory.EMPTY, APPLE, quantity, THREE_SLOTS, CATALOG), Code.INVALID_QUANTITY);
    assertEquals("The quantity must be at least 1, not " + quantity + ".", add.message());
    refused(InventoryRules.checkRemove(carrying("apple", 3), APPLE, quantity, Code.ITEM_NOT_CARRIED, "in your pack"),
        Code.INVALID_QUANTITY);
    refused(InventoryRules.checkQuantity(quantity), Code.INVALID_QUANTITY);
  }

  @Test
  void aQuantityOfOneIsValid() {
    assertEquals(Optional.empty(), InventoryRules.checkQuantity(1));
  }

  @Test
  void removingWhatIsThereIsAllowed() {
    Inventory inv = carrying("apple", 3);
    assertEquals(Optional.empty(), InventoryRules.checkRemove(inv, APPLE, 3, Code.ITEM_NOT_HERE, "here"));
    assertEquals(Optional.empty(), InventoryRules.checkRemove(inv, APPLE, 1, Code.ITEM_NOT_HERE, "here"));
  }

  @Test
  void removingAnAbsentItemUsesTheGivenCode() {
    Rejection r = refused(InventoryRules.checkRemove(Inventory.EMPTY, ROPE, 1, Code.ITEM_NOT_HERE, "here"), Code.ITEM_NOT_HERE);
    assertEquals("There is no coil of rope here.", r.message());
  }

  @Test
  void removingMoreThanThereIsUsesTheGivenCodeAndSaysHowMany() {
    Rejection several = refused(
        InventoryRules.checkRemove(carrying("apple", 2), APPLE, 5, Code.ITEM_NOT_CARRIED, "in your pack"),
        Code.ITEM_NOT_CARRIED);
    assertEquals("There are only 2 apple in your pack, not 5.", several.message());

    Rejection one = refused(InventoryRules.checkRemove(carrying("apple", 1), APPLE, 3, Code.ITEM_NOT_HERE, "here"),
        Code.ITEM_NOT_HERE);
    assertEquals("There is only 1 apple here, not 3.", one.message());
  }

  // ---- properties over random inventories ----

  /** A random catalog: weights from nothing to 3 kg, stack limits from 1 to 20. */
  private static Map<String, ItemDef> randomItems(SplittableRandom rng) {
    Map<String, ItemDef> items = new LinkedHashMap<>();
    int n = rng.nextInt(1, 7);
    for (int i = 0; i < n; i++) {
      int grams = rng.nextInt(4) == 0 ? 0 : rng.nextInt(1, 3_001);
      items.put("item" + i, item("item" + i, "item " + i, grams, rng.nextInt(1, 21)));
    }
    return items;
  }

  private static ItemDef any(Map<String, ItemDef> items, SplittableRandom rng) {
    return items.values().stream().skip(rng.nextInt(items.size())).findFirst().orElseThrow();
  }

  /**
   * {@code roomFor} and {@code checkAdd} agree: {@code roomFor} units can be added, one more cannot, and
   * no room means a single unit is refused.
   */
  private static void assertRoomAgreesWithCheckAdd(
      Inventory inv, ItemDef item, Capacity cap, Function<String, ItemDef> catalog, String where) {
    int room = InventoryRules.roomFor(inv, item, cap, catalog);
    assertTrue(room >= 0, "negative room: " + where);
    if (room == 0) {
      assertTrue(InventoryRules.checkAdd(inv, item, 1, cap, catalog).isPresent(), "no room, yet 1 is allowed: " + where);
      return;
    }
    assertEquals(Optional.empty(), InventoryRules.checkAdd(inv, item, room, cap, catalog), "room for " + room + ": " + where);
    if (room < Integer.MAX_VALUE) {
      assertTrue(InventoryRules.checkAdd(inv, item, room + 1, cap, catalog).isPresent(), "room for " + room + " but "
          + (room + 1) + " allowed: " + where);
    }
  }

  @Test
  void guardedAddsNeverPassTheCapacity() {
    SplittableRandom rng = new SplittableRandom(71);
    int allowed = 0;
    for (int run = 0; run < 500; run++) {
      Map<String, ItemDef> items = randomItems(rng);
      Function<String, ItemDef> catalog = items::get;
      Capacity cap = new Capacity(rng.nextInt(0, 13), rng.nextInt(0, 30_001));
      Inventory inv = Inventory.EMPTY;
      for (int step = 0; step < 20; step++) {
        ItemDef item = any(items, rng);
        String where = "run " + run + " step " + step + ": " + inv + " + " + item + " within " + cap;
        if (rng.nextInt(4) == 0 && inv.quantity(item.id()) > 0) {
          int q = rng.nextInt(1, inv.quantity(item.id()) + 1);
          assertEquals(Optional.empty(), InventoryRules.checkRemove(inv, item, q, Code.ITEM_NOT_CARRIED, "in your pack"), where);
          inv = inv.remove(item.id(), q);
        } else {
          int q = rng.nextInt(1, 40);
          int room = InventoryRules.roomFor(inv, item, cap, catalog);
          Optional<Rejection> check = InventoryRules.checkAdd(inv, item, q, cap, catalog);
          assertEquals(q <= room, check.isEmpty(), "adding " + q + " with room for " + room + ": " + check + ", " + where);
          if (check.isEmpty()) {
            inv = inv.add(item.id(), q);
            allowed++;
          }
        }
        assertTrue(InventoryRules.weightGrams(inv, catalog) <= cap.carryGrams(), "overweight: " + where);
        assertTrue(InventoryRules.slotsUsed(inv, catalog) <= cap.slots(), "too many slots: " + where);
        assertRoomAgreesWithCheckAdd(inv, any(items, rng), cap, catalog, where);
      }
    }
    assertTrue(allowed > 1_000, "the property was exercised: " + allowed + " adds allowed");
  }

  @Test
  void roomAgreesWithCheckAddEvenWhenTheCapacityHasShrunk() {
    // carrying capacity falls when a bonus runs out or a carrying item comes off; the pack may then be over it
    SplittableRandom rng = new SplittableRandom(72);
    for (int i = 0; i < 10_000; i++) {
      Map<String, ItemDef> items = randomItems(rng);
      Function<String, ItemDef> catalog = items::get;
      Inventory inv = Inventory.EMPTY;
      for (int k = rng.nextInt(0, 5); k > 0; k--) {
        inv = inv.add(any(items, rng).id(), rng.nextInt(1, 30));
      }
      Capacity cap = new Capacity(rng.nextInt(0, 13), rng.nextInt(0, 30_001));
      ItemDef item = any(items, rng);
      assertRoomAgreesWithCheckAdd(inv, item, cap, catalog, inv + " + " + item + " within " + cap + " (using "
          + InventoryRules.slotsUsed(inv, catalog) + " slots, " + InventoryRules.weightGrams(inv, catalog) + " g)");
    }
  }

  @Test
  void roomForAWeightlessItemIsLimitedOnlyBySlots() {
    assertEquals(10, InventoryRules.roomFor(carrying("rope", 1), FEATHER, THREE_SLOTS, CATALOG), "two free slots of 5");
    assertEquals(5, InventoryRules.roomFor(carrying("feather", 5, "rope", 1), FEATHER, new Capacity(3, 2_000), CATALOG));
  }

  @Test
  void anOverloadedPackHasNoRoomEvenForSomethingWeightless() {
    Capacity shrunk = new Capacity(10, 3_000);
    Inventory heavy = carrying("rope", 2);
    assertEquals(0, InventoryRules.roomFor(heavy, FEATHER, shrunk, CATALOG));
    refused(InventoryRules.checkAdd(heavy, FEATHER, 1, shrunk, CATALOG), Code.OVERWEIGHT);
  }

  @Test
  void aPackUsingMoreSlotsThanItHasHasNoRoomEvenInAStartedStack() {
    Capacity shrunk = new Capacity(2, 100_000);
    Inventory crowded = carrying("apple", 4, "rope", 2);
    assertEquals(0, InventoryRules.roomFor(crowded, APPLE, shrunk, CATALOG));
    refused(InventoryRules.checkAdd(crowded, APPLE, 1, shrunk, CATALOG), Code.STACK_LIMIT);
  }
}
