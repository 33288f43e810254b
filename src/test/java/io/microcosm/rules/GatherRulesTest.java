package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.rules.GatherRules.Stock;
import io.microcosm.world.EquipDef;
import io.microcosm.world.EquipSlot;
import io.microcosm.world.ItemDef;
import io.microcosm.world.ItemKind;
import io.microcosm.world.NodeKindDef;
import io.microcosm.world.PlayerDefaults;
import io.microcosm.world.StatBonus;
import io.microcosm.world.ToolDef;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GatherRulesTest {

  private static final ItemDef STONE_PICK = tool("stone-pickaxe", "pickaxe", 1, null);
  private static final ItemDef COPPER_PICK = tool("copper-pickaxe", "pickaxe", 2, null);
  private static final ItemDef IRON_PICK = tool("iron-pickaxe", "pickaxe", 4, EquipSlot.TOOL);
  private static final ItemDef HATCHET = tool("hatchet", "axe", 9, EquipSlot.MAIN_HAND);
  private static final ItemDef APPLE = new ItemDef("apple", "apple", List.of(), 200, 10, "");
  private static final Map<String, ItemDef> ITEMS = Stream.of(STONE_PICK, COPPER_PICK, IRON_PICK, HATCHET, APPLE)
      .collect(Collectors.toMap(ItemDef::id, i -> i));
  private static final Function<String, ItemDef> CATALOG = ITEMS::get;

  private static final NodeKindDef VEIN = node(8, 60);

  private static ItemDef tool(String id, String kind, int power, EquipSlot slot) {
    EquipDef equip = slot == null ? null : new EquipDef(slot, false, 1, StatBonus.NONE);
    return new ItemDef(id, id, List.of(), 1_000, 1, "", ItemKind.TOOL, equip, new ToolDef(kind, power), null);
  }

  private static NodeKindDef node(int max, int regrowTicks) {
    return new NodeKindDef("copper-vein", "copper vein", List.of(), "", "mine", "copper-ore", "pickaxe",
        max, regrowTicks, 3, 4, 1);
  }

  private static Stats gathering(int gather) {
    return new Stats(1, 100, 30, 40, 3, 0, gather, 5, 25_000);
  }

  private static Inventory carrying(ItemDef... items) {
    Inventory inv = Inventory.EMPTY;
    for (ItemDef item : items) {
      inv = inv.add(item.id(), 1);
    }
    return inv;
  }

  // ---- power and yield ----

  @Test
  void powerIsTheGatheringStatisticPlusTheTool() {
    assertEquals(7, GatherRules.power(gathering(5), 2));
    assertEquals(5, GatherRules.power(gathering(5), 0));
    assertEquals(0, GatherRules.power(gathering(0), -3), "never negative");
  }

  @Test
  void powerFollowsLevelToolAndBonuses() {
    Stats stats = StatRules.derive(new PlayerDefaults(12, 25_000, 100, 30, 40, 6, 10, 3), 4,
        new StatBonus(0, 0, 0, 0, 0, 0, 3, 0));
    assertEquals(4 + 2 + 3, GatherRules.power(stats, 2), "level 4, tool 2, bonus 3");
  }

  @Test
  void lowPowerYieldsOneUnit() {
    SplittableRandom rng = new SplittableRandom(61);
    for (int power = 0; power < 3; power++) {
      for (int i = 0; i < 100; i++) {
        assertEquals(1, GatherRules.yield(power, 0, rng), "power " + power);
      }
    }
  }

  @Test
  void yieldSpansOneToOnePlusAThirdOfThePower() {
    SplittableRandom rng = new SplittableRandom(62);
    BitSet seen = new BitSet();
    for (int i = 0; i < 10_000; i++) {
      int units = GatherRules.yield(12, 0, rng);
      assertTrue(units >= 1 && units <= 5, "power 12 yielded " + units);
      seen.set(units);
    }
    assertEquals(BitSet.valueOf(new long[] {0b111110}), seen, "every value 1..5 comes up");
  }

  @Test
  void weatherChangesTheYieldByItsPercentage() {
    // power 0: always 1 before the weather
    SplittableRandom rng = new SplittableRandom(63);
    assertEquals(2, GatherRules.yield(0, 100, rng), "+100 % doubles");
    assertEquals(1, GatherRules.yield(0, 50, rng), "1.5 rounds down");
    assertEquals(3, GatherRules.yield(0, 200, rng));
    assertEquals(1, GatherRules.yield(0, -50, rng), "never below 1");
    assertEquals(1, GatherRules.yield(0, -100, rng), "never below 1");
    assertEquals(1, GatherRules.yield(0, -500, rng), "never below 1, even past -100 %");
  }

  @Test
  void yieldStaysWithinItsBoundsForAnyPowerAndWeather() {
    SplittableRandom rng = new SplittableRandom(64);
    for (int i = 0; i < 10_000; i++) {
      int power = rng.nextInt(-10, 100_000);
      int weather = rng.nextInt(-200, 301);
      int units = GatherRules.yield(power, weather, rng);
      int most = Math.max(1, (1 + Math.max(0, power) / 3) * Math.max(0, 100 + weather) / 100);
      int least = Math.max(1, Math.max(0, 100 + weather) / 100);
      String where = "power " + power + ", weather " + weather + ": " + units;
      assertTrue(units >= least && units <= most, where + " not in " + least + ".." + most);
    }
  }

  @Test
  void theSameRollYieldsTheSame() {
    for (long seed = 0; seed < 1_000; seed++) {
      assertEquals(GatherRules.yield(30, 10, new SplittableRandom(seed)), GatherRules.yield(30, 10, new SplittableRandom(seed)));
    }
  }

  // ---- tools ----

  @Test
  void theStrongestToolOfTheKindIsChosenFromThePack() {
    Inventory pack = carrying(STONE_PICK, COPPER_PICK, APPLE, HATCHET);
    assertEquals(Optional.of(COPPER_PICK), GatherRules.bestTool("pickaxe", pack, Equipment.NONE, CATALOG));
    assertEquals(Optional.of(HATCHET), GatherRules.bestTool("axe", pack, Equipment.NONE, CATALOG));
  }

  @Test
  void anEquippedToolCountsToo() {
    Inventory pack = carrying(STONE_PICK, COPPER_PICK);
    Equipment worn = Equipment.NONE.with(EquipSlot.TOOL, IRON_PICK.id());
    assertEquals(Optional.of(IRON_PICK), GatherRules.bestTool("pickaxe", pack, worn, CATALOG), "the equipped one is best");
    assertEquals(Optional.of(IRON_PICK), GatherRules.bestTool("pickaxe", Inventory.EMPTY, worn, CATALOG), "equipped only");
    Equipment weakWorn = Equipment.NONE.with(EquipSlot.TOOL, STONE_PICK.id());
    assertEquals(Optional.of(COPPER_PICK), GatherRules.bestTool("pickaxe", carrying(COPPER_PICK), weakWorn, CATALOG),
        "the carried one is best");
  }

  @Test
  void noToolOfTheKindIsNone() {
    Inventory pack = carrying(HATCHET, APPLE);
    assertEquals(Optional.empty(), GatherRules.bestTool("pickaxe", pack, Equipment.NONE, CATALOG));
    assertEquals(Optional.empty(), GatherRules.bestTool("pickaxe", Inventory.EMPTY, Equipment.NONE, CATALOG));
    assertEquals(Optional.empty(), GatherRules.bestTool("sickle", pack, Equipment.NONE.with(EquipSlot.MAIN_HAND, "hatchet"), CATALOG));
  }

  @Test
  void aNodeThatNeedsNoToolIsWorkedByHand() {
    assertEquals(Optional.empty(), GatherRules.bestTool(null, carrying(STONE_PICK, HATCHET), Equipment.NONE, CATALOG));
  }

  @Test
  void bestToolIsTheMaximumOverPackAndEquipment() {
    List<ItemDef> all = List.of(STONE_PICK, COPPER_PICK, IRON_PICK, HATCHET, APPLE);
    SplittableRandom rng = new SplittableRandom(65);
    for (int i = 0; i < 10_000; i++) {
      Inventory pack = Inventory.EMPTY;
      int best = -1;
      for (ItemDef item : all) {
        if (rng.nextBoolean()) {
          pack = pack.add(item.id(), rng.nextInt(1, 3));
          best = item.tool() != null && item.tool().kind().equals("pickaxe") ? Math.max(best, item.tool().power()) : best;
        }
      }
      Equipment worn = Equipment.NONE;
      if (rng.nextBoolean()) {
        worn = worn.with(EquipSlot.TOOL, IRON_PICK.id());
        best = Math.max(best, IRON_PICK.tool().power());
      }
      Optional<ItemDef> tool = GatherRules.bestTool("pickaxe", pack, worn, CATALOG);
      String where = pack + " and " + worn;
      if (best < 0) {
        assertEquals(Optional.empty(), tool, where);
      } else {
        assertEquals(best, tool.orElseThrow().tool().power(), where);
        assertEquals("pickaxe", tool.get().tool().kind(), where);
      }
    }
  }

  // ---- stock ----

  @Test
  void aFullStockHoldsTheNodesMaximum() {
    assertEquals(new Stock(8, 100), Stock.full(VEIN, 100));
    assertEquals(0, Stock.full(VEIN, 100).ticksToNext(VEIN, 500), "nothing to wait for when full");
  }

  @Test
  void takingFromAFullStockStartsRegrowthNow() {
    Stock s = Stock.full(VEIN, 0).regrown(VEIN, 1_000).take(3, VEIN, 1_000);
    assertEquals(new Stock(5, 1_000), s);
    assertEquals(60, s.ticksToNext(VEIN, 1_000));
    assertEquals(1, s.ticksToNext(VEIN, 1_059));
  }

  @Test
  void takingFromAPartStockKeepsTheUnitAlreadyGrowing() {
    Stock s = new Stock(5, 1_000).take(2, VEIN, 1_030);
    assertEquals(new Stock(3, 1_000), s);
    assertEquals(30, s.ticksToNext(VEIN, 1_030));
  }

  @Test
  void oneUnitRegrowsEveryRegrowTicksAndThePartGrownIsKept() {
    Stock s = new Stock(2, 1_000);
    assertSame(s, s.regrown(VEIN, 1_000));
    assertSame(s, s.regrown(VEIN, 900), "time does not run backwards");
    assertEquals(new Stock(2, 1_000), s.regrown(VEIN, 1_059));
    assertEquals(new Stock(3, 1_060), s.regrown(VEIN, 1_060));
    assertEquals(new Stock(4, 1_120), s.regrown(VEIN, 1_150), "30 ticks towards the fifth are kept");
    assertEquals(30, s.regrown(VEIN, 1_150).ticksToNext(VEIN, 1_150));
  }

  @Test
  void regrowthStopsAtTheMaximum() {
    Stock s = new Stock(6, 0);
    assertEquals(new Stock(8, 120), s.regrown(VEIN, 120));
    assertEquals(new Stock(8, 5_000), s.regrown(VEIN, 5_000));
    assertEquals(0, s.regrown(VEIN, 5_000).ticksToNext(VEIN, 5_000));
  }

  @Test
  void aStockAboveALoweredMaximumIsCutDown() {
    assertEquals(new Stock(8, 50), new Stock(12, 10).regrown(VEIN, 50));
    assertEquals(new Stock(8, 50), new Stock(12, 50).regrown(VEIN, 10));
  }

  @Test
  void takingMoreThanThereIsOrNothingIsRefused() {
    Stock s = new Stock(2, 0);
    assertThrows(IllegalArgumentException.class, () -> s.take(3, VEIN, 0));
    assertThrows(IllegalArgumentException.class, () -> s.take(0, VEIN, 0));
    assertThrows(IllegalArgumentException.class, () -> new Stock(0, 0).take(1, VEIN, 0));
    assertEquals(new Stock(0, 0), s.take(2, VEIN, 0));
  }

  @Test
  void stockRegrowthIsConsistentOverRandomHarvests() {
    SplittableRandom rng = new SplittableRandom(66);
    for (int run = 0; run < 1_000; run++) {
      NodeKindDef node = node(rng.nextInt(1, 12), rng.nextInt(1, 100));
      long now = rng.nextLong(0, 1_000_000);
      Stock stock = Stock.full(node, now);
      for (int step = 0; step < 10; step++) {
        long later = now + rng.nextInt(0, 300);
        long mid = now + rng.nextLong(0, later - now + 1);
        Stock once = stock.regrown(node, later);
        assertEquals(once, stock.regrown(node, mid).regrown(node, later), "regrowing in two steps: " + stock + " to " + later);
        now = later;
        stock = once;
        String where = stock + " of " + node.max() + " every " + node.regrowTicks() + " at " + now;
        assertTrue(stock.remaining() >= 0 && stock.remaining() <= node.max(), where);
        if (stock.remaining() < node.max()) {
          long wait = stock.ticksToNext(node, now);
          assertTrue(wait >= 1 && wait <= node.regrowTicks(), "wait " + wait + ": " + where);
          assertEquals(stock.remaining(), stock.regrown(node, now + wait - 1).remaining(), "one tick early: " + where);
          assertEquals(stock.remaining() + 1, stock.regrown(node, now + wait).remaining(), "on time: " + where);
        } else {
          assertEquals(0, stock.ticksToNext(node, now), where);
        }
        if (stock.remaining() > 0 && rng.nextBoolean()) {
          int units = rng.nextInt(1, stock.remaining() + 1);
          Stock taken = stock.take(units, node, now);
          assertEquals(stock.remaining() - units, taken.remaining(), where);
          assertEquals(stock.remaining() == node.max() ? node.regrowTicks() : stock.ticksToNext(node, now),
              taken.ticksToNext(node, now), "the next unit after taking " + units + ": " + where);
          stock = taken;
        }
      }
    }
  }
}
