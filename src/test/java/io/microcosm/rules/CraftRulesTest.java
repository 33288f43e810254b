package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.world.ItemDef;
import io.microcosm.world.RecipeDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CraftRulesTest {

  private static final ItemDef INGOT = item("copper-ingot", "copper ingot", 1_000, 10);
  private static final ItemDef LOG = item("oak-log", "oak log", 2_000, 5);
  private static final ItemDef SWORD = item("copper-sword", "copper sword", 2_500, 1);
  private static final ItemDef PLANK = item("plank", "plank", 400, 20);
  private static final Map<String, ItemDef> ITEMS = Stream.of(INGOT, LOG, SWORD, PLANK)
      .collect(Collectors.toMap(ItemDef::id, i -> i));
  private static final Function<String, ItemDef> CATALOG = ITEMS::get;
  private static final Function<String, String> STATION_NAMES = id -> id.equals("forge") ? "blazing forge" : id;

  /** 3 ingots and a log make a sword, at a forge, from level 2, for 5 stamina. */
  private static final RecipeDef SWORD_RECIPE = recipe("copper-sword", ordered("copper-ingot", 3, "oak-log", 1),
      Map.of("copper-sword", 1), "forge", 2, 5);
  /** A log makes 4 planks anywhere, for 1 stamina. */
  private static final RecipeDef PLANKS = recipe("planks", Map.of("oak-log", 1), Map.of("plank", 4), null, 1, 1);

  private static final Capacity ROOMY = new Capacity(20, 100_000);
  private static final Set<String> AT_FORGE = Set.of("forge", "workbench");

  private static ItemDef item(String id, String name, int grams, int stackLimit) {
    return new ItemDef(id, name, List.of(), grams, stackLimit, "");
  }

  private static RecipeDef recipe(String id, Map<String, Integer> inputs, Map<String, Integer> outputs, String station,
      int minLevel, int stamina) {
    return new RecipeDef(id, id.replace('-', ' '), List.of(), new LinkedHashMap<>(inputs), new LinkedHashMap<>(outputs),
        station, minLevel, stamina, 10);
  }

  /** Items and quantities in the order given, as data files keep them. */
  private static Map<String, Integer> ordered(Object... itemThenQuantity) {
    Map<String, Integer> map = new LinkedHashMap<>();
    for (int i = 0; i < itemThenQuantity.length; i += 2) {
      map.put((String) itemThenQuantity[i], (Integer) itemThenQuantity[i + 1]);
    }
    return map;
  }

  private static Inventory carrying(Object... itemThenQuantity) {
    Inventory inv = Inventory.EMPTY;
    for (int i = 0; i < itemThenQuantity.length; i += 2) {
      inv = inv.add((String) itemThenQuantity[i], (Integer) itemThenQuantity[i + 1]);
    }
    return inv;
  }

  private static Optional<Rejection> check(RecipeDef recipe, int count, Inventory pack, Set<String> here, int level,
      int stamina, Capacity capacity) {
    return CraftRules.check(recipe, count, pack, here, level, stamina, capacity, CATALOG, STATION_NAMES);
  }

  private static Rejection refused(Optional<Rejection> result, Code code) {
    assertTrue(result.isPresent(), "expected " + code + " but it was allowed");
    assertEquals(code, result.get().code(), result.get().message());
    return result.get();
  }

  // ---- what passes and what it does ----

  @Test
  void everythingInPlaceCrafts() {
    Inventory pack = carrying("copper-ingot", 3, "oak-log", 1);
    assertEquals(Optional.empty(), check(SWORD_RECIPE, 1, pack, AT_FORGE, 2, 5, ROOMY));
    assertEquals(carrying("copper-sword", 1), CraftRules.apply(pack, SWORD_RECIPE, 1));
  }

  @Test
  void aBatchMultipliesInputsOutputsAndStamina() {
    Inventory pack = carrying("copper-ingot", 10, "oak-log", 4, "plank", 1);
    assertEquals(Optional.empty(), check(SWORD_RECIPE, 3, pack, AT_FORGE, 5, 15, ROOMY));
    assertEquals(carrying("copper-ingot", 1, "oak-log", 1, "plank", 1, "copper-sword", 3), CraftRules.apply(pack, SWORD_RECIPE, 3));
    assertEquals(carrying("copper-ingot", 10, "plank", 17), CraftRules.apply(pack, PLANKS, 4));
  }

  @Test
  void applyLeavesTheOriginalPackAlone() {
    Inventory pack = carrying("oak-log", 2);
    CraftRules.apply(pack, PLANKS, 2);
    assertEquals(carrying("oak-log", 2), pack);
  }

  @Test
  void aRecipeNeedingNoStationCraftsAnywhere() {
    assertEquals(Optional.empty(), check(PLANKS, 1, carrying("oak-log", 1), Set.of(), 1, 1, ROOMY));
  }

  // ---- each rejection ----

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void aCountOutsideOneToAHundredIsInvalid(int count) {
    Rejection r = refused(check(PLANKS, count, carrying("oak-log", 5), Set.of(), 1, 100, ROOMY), Code.INVALID_QUANTITY);
    assertEquals("You can craft between 1 and 100 at once, not " + count + ".", r.message());
  }

  @Test
  void aHundredAtOnceIsAllowed() {
    assertEquals(Optional.empty(), check(PLANKS, CraftRules.MAX_BATCH, carrying("oak-log", 100), Set.of(), 1, 100, ROOMY));
  }

  @Test
  void aLevelBelowTheRecipesIsTooLow() {
    Rejection r = refused(check(SWORD_RECIPE, 1, carrying("copper-ingot", 3, "oak-log", 1), AT_FORGE, 1, 5, ROOMY),
        Code.LEVEL_TOO_LOW);
    assertEquals("You need level 2 to make copper sword; you are level 1.", r.message());
  }

  @Test
  void aMissingStationIsNamed() {
    Rejection r = refused(check(SWORD_RECIPE, 1, carrying("copper-ingot", 3, "oak-log", 1), Set.of("workbench"), 2, 5, ROOMY),
        Code.NO_STATION);
    assertEquals("You need a blazing forge to make copper sword, and there is none here.", r.message());
  }

  @Test
  void everyMissingMaterialIsListedForTheWholeBatch() {
    Rejection r = refused(check(SWORD_RECIPE, 2, carrying("copper-ingot", 3), AT_FORGE, 2, 10, ROOMY), Code.MISSING_MATERIALS);
    assertEquals("To make 2 x copper sword you still need 3 x copper ingot, 2 x oak log.", r.message());
    Rejection one = refused(check(SWORD_RECIPE, 1, carrying("oak-log", 1), AT_FORGE, 2, 10, ROOMY), Code.MISSING_MATERIALS);
    assertEquals("To make copper sword you still need 3 x copper ingot.", one.message());
  }

  @Test
  void tooLittleStaminaForTheWholeBatchIsRefused() {
    Rejection r = refused(check(SWORD_RECIPE, 2, carrying("copper-ingot", 6, "oak-log", 2), AT_FORGE, 2, 9, ROOMY),
        Code.NOT_ENOUGH_STAMINA);
    assertEquals("You are too tired: making that takes 10 stamina and you have 9.", r.message());
    assertEquals(Optional.empty(), check(SWORD_RECIPE, 2, carrying("copper-ingot", 6, "oak-log", 2), AT_FORGE, 2, 10, ROOMY));
  }

  @Test
  void aResultTooHeavyToCarryIsOverweight() {
    // 1 log (2 kg) becomes 4 planks (1.6 kg): lighter, always fine; the reverse recipe is heavier
    RecipeDef glue = recipe("log", Map.of("plank", 4), Map.of("oak-log", 1, "copper-ingot", 1), null, 1, 0);
    Inventory pack = carrying("plank", 4);
    Rejection r = refused(check(glue, 1, pack, Set.of(), 1, 0, new Capacity(20, 2_500)), Code.OVERWEIGHT);
    assertEquals("You could not carry the result: it would bring your load to 3.0 of 2.5 kg.", r.message());
    assertEquals(Optional.empty(), check(glue, 1, pack, Set.of(), 1, 0, new Capacity(20, 3_000)), "exactly the capacity");
  }

  @Test
  void aResultNoHeavierThanThePackIsAllowedEvenOverTheCapacity() {
    Inventory pack = carrying("oak-log", 3);
    assertEquals(Optional.empty(), check(PLANKS, 1, pack, Set.of(), 1, 1, new Capacity(20, 1_000)),
        "6 kg become 5.6 kg: still over 1 kg, but lighter");
  }

  @Test
  void aResultNeedingMoreSlotsThanThereAreIsRefused() {
    // 1 log in one slot becomes 4 swords in four slots
    RecipeDef carve = recipe("carve", Map.of("oak-log", 1), Map.of("copper-sword", 4), null, 1, 0);
    Rejection r = refused(check(carve, 1, carrying("oak-log", 1), Set.of(), 1, 0, new Capacity(3, 100_000)), Code.NO_FREE_SLOT);
    assertEquals("Your pack has no room for the result: it would need 4 of 3 slots.", r.message());
    assertEquals(Optional.empty(), check(carve, 1, carrying("oak-log", 1), Set.of(), 1, 0, new Capacity(4, 100_000)));
  }

  @Test
  void aResultNeedingNoMoreSlotsIsAllowedEvenOverTheSlots() {
    // three full slots of logs (15) in a pack of 2 slots: 5 logs become 20 planks in one slot
    Inventory pack = carrying("oak-log", 15);
    assertEquals(Optional.empty(), check(PLANKS, 5, pack, Set.of(), 1, 5, new Capacity(2, 100_000)));
  }

  @Test
  void rejectionsComeInTheOrderTheyAreChecked() {
    RecipeDef heavy = recipe("anvil", Map.of("copper-ingot", 2), Map.of("copper-sword", 3), "forge", 3, 4);
    Capacity tiny = new Capacity(2, 2_000);
    // everything wrong at once, then put right one by one
    refused(check(heavy, 0, Inventory.EMPTY, Set.of(), 1, 0, tiny), Code.INVALID_QUANTITY);
    refused(check(heavy, 1, Inventory.EMPTY, Set.of(), 1, 0, tiny), Code.LEVEL_TOO_LOW);
    refused(check(heavy, 1, Inventory.EMPTY, Set.of(), 3, 0, tiny), Code.NO_STATION);
    refused(check(heavy, 1, Inventory.EMPTY, AT_FORGE, 3, 0, tiny), Code.MISSING_MATERIALS);
    refused(check(heavy, 1, carrying("copper-ingot", 2), AT_FORGE, 3, 0, tiny), Code.NOT_ENOUGH_STAMINA);
    refused(check(heavy, 1, carrying("copper-ingot", 2), AT_FORGE, 3, 4, tiny), Code.OVERWEIGHT);
    refused(check(heavy, 1, carrying("copper-ingot", 2), AT_FORGE, 3, 4, new Capacity(2, 10_000)), Code.NO_FREE_SLOT);
    assertEquals(Optional.empty(), check(heavy, 1, carrying("copper-ingot", 2), AT_FORGE, 3, 4, new Capacity(3, 10_000)));
  }

  // ---- all or nothing ----

  @Test
  void craftingConsumesExactlyItsInputsOrNothing() {
    SplittableRandom rng = new SplittableRandom(81);
    List<ItemDef> items = List.of(INGOT, LOG, SWORD, PLANK);
    List<String> stations = List.of("forge", "workbench");
    Map<String, Integer> outcomes = new LinkedHashMap<>();
    for (int i = 0; i < 10_000; i++) {
      Map<String, Integer> inputs = new LinkedHashMap<>();
      Map<String, Integer> outputs = new LinkedHashMap<>();
      for (int k = rng.nextInt(1, 4); k > 0; k--) {
        inputs.put(items.get(rng.nextInt(items.size())).id(), rng.nextInt(1, 5));
      }
      for (int k = rng.nextInt(1, 3); k > 0; k--) {
        outputs.put(items.get(rng.nextInt(items.size())).id(), rng.nextInt(1, 5));
      }
      RecipeDef recipe = recipe("r" + i, inputs, outputs, rng.nextBoolean() ? null : stations.get(rng.nextInt(2)),
          rng.nextInt(1, 6), rng.nextInt(0, 6));
      Inventory pack = Inventory.EMPTY;
      for (ItemDef item : items) {
        if (rng.nextInt(3) > 0) {
          pack = pack.add(item.id(), rng.nextInt(1, 25));
        }
      }
      Inventory before = new Inventory(pack.stacks());
      int count = rng.nextInt(20) == 0 ? rng.nextInt(-2, 200) : rng.nextInt(1, 6);
      Set<String> here = new HashSet<>(rng.nextBoolean() ? stations : List.of());
      int level = rng.nextInt(1, 6);
      int stamina = rng.nextInt(0, 30);
      Capacity capacity = new Capacity(rng.nextInt(1, 20), rng.nextInt(0, 120_000));
      String where = recipe.inputs() + " -> " + recipe.outputs() + " x " + count + " from " + pack + " within " + capacity;

      Optional<Rejection> result = check(recipe, count, pack, here, level, stamina, capacity);
      assertEquals(before, pack, "checking changed the pack: " + where);
      assertEquals(expectedRefusal(recipe, count, pack, here, level, stamina, capacity), result.map(Rejection::code),
          where + ": " + result);
      outcomes.merge(result.map(r -> r.code().name()).orElse("crafted"), 1, Integer::sum);
      if (result.isPresent()) {
        continue;
      }
      Inventory after = CraftRules.apply(pack, recipe, count);
      assertEquals(before, pack, "applying changed the original: " + where);
      Set<String> touched = new HashSet<>(pack.stacks().keySet());
      touched.addAll(after.stacks().keySet());
      touched.addAll(recipe.inputs().keySet());
      touched.addAll(recipe.outputs().keySet());
      for (String id : touched) {
        int expected = pack.quantity(id) - count * recipe.inputs().getOrDefault(id, 0) + count * recipe.outputs().getOrDefault(id, 0);
        assertEquals(expected, after.quantity(id), id + " after " + where);
      }
      int grams = InventoryRules.weightGrams(after, CATALOG);
      assertTrue(grams <= capacity.carryGrams() || grams <= InventoryRules.weightGrams(pack, CATALOG),
          "result of " + grams + " g is over the capacity and heavier than before: " + where);
      int slots = InventoryRules.slotsUsed(after, CATALOG);
      assertTrue(slots <= capacity.slots() || slots <= InventoryRules.slotsUsed(pack, CATALOG),
          "result in " + slots + " slots is over the capacity and more than before: " + where);
    }
    for (String outcome : List.of("INVALID_QUANTITY", "LEVEL_TOO_LOW", "NO_STATION", "MISSING_MATERIALS",
        "NOT_ENOUGH_STAMINA", "OVERWEIGHT", "NO_FREE_SLOT", "crafted")) {
      assertTrue(outcomes.getOrDefault(outcome, 0) > 20, "every outcome is exercised: " + outcomes);
    }
  }

  /** The rules as the README and the javadoc state them, in the order they are checked. */
  private static Optional<Code> expectedRefusal(RecipeDef recipe, int count, Inventory pack, Set<String> here, int level,
      int stamina, Capacity capacity) {
    if (count < 1 || count > CraftRules.MAX_BATCH) {
      return Optional.of(Code.INVALID_QUANTITY);
    }
    if (level < recipe.minLevel()) {
      return Optional.of(Code.LEVEL_TOO_LOW);
    }
    if (recipe.station() != null && !here.contains(recipe.station())) {
      return Optional.of(Code.NO_STATION);
    }
    Map<String, Long> net = new LinkedHashMap<>();
    pack.stacks().forEach((id, q) -> net.merge(id, (long) q, Long::sum));
    for (var in : recipe.inputs().entrySet()) {
      if (pack.quantity(in.getKey()) < (long) in.getValue() * count) {
        return Optional.of(Code.MISSING_MATERIALS);
      }
      net.merge(in.getKey(), -(long) in.getValue() * count, Long::sum);
    }
    if (stamina < (long) recipe.stamina() * count) {
      return Optional.of(Code.NOT_ENOUGH_STAMINA);
    }
    recipe.outputs().forEach((id, q) -> net.merge(id, (long) q * count, Long::sum));
    long gramsBefore = 0;
    long gramsAfter = 0;
    long slotsBefore = 0;
    long slotsAfter = 0;
    List<String> ids = new ArrayList<>(net.keySet());
    for (String id : ids) {
      ItemDef item = CATALOG.apply(id);
      gramsBefore += (long) item.weightGrams() * pack.quantity(id);
      gramsAfter += (long) item.weightGrams() * net.get(id);
      slotsBefore += (pack.quantity(id) + item.stackLimit() - 1) / item.stackLimit();
      slotsAfter += (net.get(id) + item.stackLimit() - 1) / item.stackLimit();
    }
    if (gramsAfter > capacity.carryGrams() && gramsAfter > gramsBefore) {
      return Optional.of(Code.OVERWEIGHT);
    }
    if (slotsAfter > capacity.slots() && slotsAfter > slotsBefore) {
      return Optional.of(Code.NO_FREE_SLOT);
    }
    return Optional.empty();
  }

  @Test
  void aRefusedCraftLeavesThePackAsItWas() {
    Inventory pack = carrying("copper-ingot", 2, "oak-log", 1);
    Optional<Rejection> r = check(SWORD_RECIPE, 1, pack, AT_FORGE, 2, 5, ROOMY);
    refused(r, Code.MISSING_MATERIALS);
    assertEquals(carrying("copper-ingot", 2, "oak-log", 1), pack, "checking changes nothing");
  }
}
