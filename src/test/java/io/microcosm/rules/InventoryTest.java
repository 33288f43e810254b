package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryTest {

  @Test
  void theEmptyInventoryHoldsNothing() {
    assertTrue(Inventory.EMPTY.isEmpty());
    assertEquals(0, Inventory.EMPTY.quantity("apple"));
    assertEquals(List.of(), Inventory.EMPTY.asStacks());
  }

  @Test
  void addingTheSameItemMergesItsQuantities() {
    Inventory inv = Inventory.EMPTY.add("apple", 3).add("apple", 4);
    assertEquals(7, inv.quantity("apple"));
    assertEquals(Map.of("apple", 7), inv.stacks());
  }

  @Test
  void itemsKeepTheOrderInWhichTheyArrived() {
    Inventory inv = Inventory.EMPTY.add("torch", 1).add("apple", 2).add("rope", 1).add("torch", 1);
    assertEquals(List.of(new ItemStack("torch", 2), new ItemStack("apple", 2), new ItemStack("rope", 1)), inv.asStacks());
  }

  @Test
  void removingPartOfAStackKeepsItsPlace() {
    Inventory inv = Inventory.EMPTY.add("torch", 3).add("apple", 2).remove("torch", 2);
    assertEquals(List.of(new ItemStack("torch", 1), new ItemStack("apple", 2)), inv.asStacks());
  }

  @Test
  void removingAllOfAnItemDropsItAndItComesBackLast() {
    Inventory inv = Inventory.EMPTY.add("torch", 3).add("apple", 2).remove("torch", 3);
    assertEquals(0, inv.quantity("torch"));
    assertFalse(inv.stacks().containsKey("torch"), "no zero-quantity entries");

    Inventory again = inv.add("torch", 1);
    assertEquals(List.of(new ItemStack("apple", 2), new ItemStack("torch", 1)), again.asStacks());
    assertTrue(inv.remove("apple", 2).isEmpty());
  }

  @Test
  void addAndRemoveLeaveTheOriginalUnchanged() {
    Inventory original = Inventory.EMPTY.add("apple", 2);
    Inventory more = original.add("apple", 5).add("rope", 1);
    Inventory less = original.remove("apple", 1);

    assertEquals(Map.of("apple", 2), original.stacks());
    assertEquals(Map.of("apple", 7, "rope", 1), more.stacks());
    assertEquals(Map.of("apple", 1), less.stacks());
    assertTrue(Inventory.EMPTY.isEmpty());
  }

  @Test
  void theMapItWasBuiltFromCannotChangeIt() {
    Map<String, Integer> source = new LinkedHashMap<>();
    source.put("apple", 2);
    Inventory inv = new Inventory(source);
    source.put("apple", 99);
    source.put("rope", 1);

    assertEquals(Map.of("apple", 2), inv.stacks());
    assertThrows(UnsupportedOperationException.class, () -> inv.stacks().put("anvil", 1));
  }

  @Test
  void removingMoreThanThereIsThrowsAndSaysHowMany() {
    Inventory inv = Inventory.EMPTY.add("apple", 2);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> inv.remove("apple", 3));
    assertEquals("cannot remove 3 apple, only 2 present", e.getMessage());
    assertThrows(IllegalStateException.class, () -> inv.remove("rope", 1));
    assertEquals(2, inv.quantity("apple"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void aQuantityBelowOneIsRefused(int quantity) {
    Inventory inv = Inventory.EMPTY.add("apple", 2);
    IllegalArgumentException add = assertThrows(IllegalArgumentException.class, () -> inv.add("apple", quantity));
    assertTrue(add.getMessage().contains("was " + quantity), add.getMessage());
    assertThrows(IllegalArgumentException.class, () -> inv.remove("apple", quantity));
  }
}
