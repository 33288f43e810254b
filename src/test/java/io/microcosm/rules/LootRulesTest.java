package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.world.LootDrop;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LootRulesTest {

  @Test
  void anEmptyTableLeavesNothing() {
    assertEquals(Inventory.EMPTY, LootRules.roll(List.of(), new SplittableRandom(1)));
  }

  @Test
  void aCertainDropAlwaysFallsAndAnImpossibleOneNever() {
    List<LootDrop> table = List.of(new LootDrop("wolf-pelt", 100, 1, 1), new LootDrop("wolf-fang", 0, 1, 3));
    SplittableRandom rng = new SplittableRandom(101);
    for (int i = 0; i < 1_000; i++) {
      assertEquals(Inventory.EMPTY.add("wolf-pelt", 1), LootRules.roll(table, rng));
    }
  }

  @Test
  void unitsSpanMinToMax() {
    List<LootDrop> table = List.of(new LootDrop("bone", 100, 2, 5));
    SplittableRandom rng = new SplittableRandom(102);
    TreeSet<Integer> seen = new TreeSet<>();
    for (int i = 0; i < 10_000; i++) {
      int units = LootRules.roll(table, rng).quantity("bone");
      assertTrue(units >= 2 && units <= 5, "2..5 bones, not " + units);
      seen.add(units);
    }
    assertEquals(new TreeSet<>(List.of(2, 3, 4, 5)), seen, "every count comes up");
  }

  @Test
  void eachLineRollsOnItsOwnAndLinesOfOneItemAddUp() {
    List<LootDrop> table = List.of(new LootDrop("coin", 100, 3, 3), new LootDrop("coin", 100, 2, 2), new LootDrop("gem", 50, 1, 1));
    SplittableRandom rng = new SplittableRandom(103);
    int gems = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      Inventory loot = LootRules.roll(table, rng);
      assertEquals(5, loot.quantity("coin"), "3 + 2 coins");
      gems += loot.quantity("gem");
    }
    assertEquals(50.0, 100.0 * gems / n, 1.0, "half the rolls drop a gem");
  }

  @Test
  void dropsFallAsOftenAsTheirPercent() {
    for (int percent : new int[] {1, 15, 50, 80, 99}) {
      List<LootDrop> table = List.of(new LootDrop("pelt", percent, 1, 1));
      SplittableRandom rng = new SplittableRandom(104 + percent);
      int drops = 0;
      int n = 100_000;
      for (int i = 0; i < n; i++) {
        drops += LootRules.roll(table, rng).quantity("pelt");
      }
      assertEquals(percent, 100.0 * drops / n, 0.7, "drop rate at " + percent + " %");
    }
  }

  @Test
  void lootStaysWithinTheTableForAnyTable() {
    SplittableRandom rng = new SplittableRandom(105);
    for (int i = 0; i < 10_000; i++) {
      int lines = rng.nextInt(0, 5);
      LootDrop[] table = new LootDrop[lines];
      for (int k = 0; k < lines; k++) {
        int min = rng.nextInt(1, 5);
        table[k] = new LootDrop("item" + k, rng.nextInt(-10, 111), min, min + rng.nextInt(0, 4));
      }
      Inventory loot = LootRules.roll(List.of(table), rng);
      for (LootDrop drop : table) {
        int units = loot.quantity(drop.item());
        String where = drop + " gave " + units;
        assertTrue(units == 0 || (units >= drop.min() && units <= drop.max()), where);
        assertTrue(drop.percent() < 100 || units > 0, "a certain drop did not fall: " + where);
        assertTrue(drop.percent() > 0 || units == 0, "an impossible drop fell: " + where);
      }
      assertTrue(loot.stacks().keySet().stream().allMatch(id -> id.startsWith("item")), loot.toString());
    }
  }

  @Test
  void theSameRollLeavesTheSameLoot() {
    List<LootDrop> table = List.of(new LootDrop("pelt", 80, 1, 2), new LootDrop("fang", 30, 1, 4));
    for (long seed = 0; seed < 1_000; seed++) {
      assertEquals(LootRules.roll(table, Dice.roll(seed)), LootRules.roll(table, Dice.roll(seed)), "seed " + seed);
    }
  }
}
