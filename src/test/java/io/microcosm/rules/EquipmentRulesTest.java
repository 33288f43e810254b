package io.microcosm.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.world.EquipDef;
import io.microcosm.world.EquipSlot;
import io.microcosm.world.ItemDef;
import io.microcosm.world.ItemKind;
import io.microcosm.world.StatBonus;
import io.microcosm.world.ToolDef;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EquipmentRulesTest {

  private static final ItemDef SWORD = gear("copper-sword", "copper sword", 2_500, EquipSlot.MAIN_HAND, false, 2,
      new StatBonus(6, 0, 0, 0, 0, 0, 0, 2));
  private static final ItemDef GREATAXE = gear("greataxe", "great axe", 6_000, EquipSlot.MAIN_HAND, true, 1,
      new StatBonus(12, 0, 0, 0, 0, 0, 0, 5));
  private static final ItemDef SHIELD = gear("shield", "oak shield", 4_000, EquipSlot.OFF_HAND, false, 1,
      new StatBonus(0, 3, 0, 0, 0, 0, 0, 0));
  private static final ItemDef HELM = gear("helm", "iron helm", 1_500, EquipSlot.HEAD, false, 5,
      new StatBonus(0, 2, 10, 0, 0, 0, 0, 0));
  private static final ItemDef BACKPACK = gear("backpack", "backpack", 1_000, EquipSlot.BODY, false, 1,
      new StatBonus(0, 0, 0, 0, 5, 10_000, 0, 0));
  private static final ItemDef PICKAXE = new ItemDef("pickaxe", "pickaxe", List.of(), 3_000, 1, "", ItemKind.TOOL,
      new EquipDef(EquipSlot.TOOL, false, 1, new StatBonus(0, 0, 0, 0, 0, 0, 2, 0)), new ToolDef("pickaxe", 2), null);
  private static final ItemDef APPLE = new ItemDef("apple", "apple", List.of(), 200, 10, "");
  private static final Map<String, ItemDef> ITEMS = Stream.of(SWORD, GREATAXE, SHIELD, HELM, BACKPACK, PICKAXE, APPLE)
      .collect(Collectors.toMap(ItemDef::id, i -> i));
  private static final Function<String, ItemDef> CATALOG = ITEMS::get;

  private static ItemDef gear(String id, String name, int grams, EquipSlot slot, boolean twoHanded, int minLevel, StatBonus bonus) {
    return new ItemDef(id, name, List.of(), grams, 1, "", ItemKind.WEAPON, new EquipDef(slot, twoHanded, minLevel, bonus), null, null);
  }

  private static Equipment wearing(ItemDef... items) {
    Equipment e = Equipment.NONE;
    for (ItemDef item : items) {
      e = e.with(item.equip().slot(), item.id());
    }
    return e;
  }

  private static Rejection refused(Optional<Rejection> result, Code code) {
    assertTrue(result.isPresent(), "expected " + code + " but it was allowed");
    assertEquals(code, result.get().code(), result.get().message());
    return result.get();
  }

  @Test
  void anItemGoesIntoAnEmptySlot() {
    assertEquals(Optional.empty(), EquipmentRules.checkEquip(Equipment.NONE, SWORD, 2, CATALOG));
    assertEquals(Optional.empty(), EquipmentRules.checkEquip(wearing(SWORD, HELM), SHIELD, 5, CATALOG));
    assertEquals(Optional.empty(), EquipmentRules.checkEquip(wearing(SWORD, SHIELD), HELM, 20, CATALOG));
  }

  @Test
  void somethingWithoutAnEquipPartCannotBeEquipped() {
    Rejection r = refused(EquipmentRules.checkEquip(Equipment.NONE, APPLE, 20, CATALOG), Code.NOT_EQUIPPABLE);
    assertEquals("You cannot wear or wield the apple.", r.message());
  }

  @Test
  void aLevelBelowTheItemsIsTooLow() {
    Rejection r = refused(EquipmentRules.checkEquip(Equipment.NONE, HELM, 4, CATALOG), Code.LEVEL_TOO_LOW);
    assertEquals("You need level 5 to use the iron helm; you are level 4.", r.message());
    assertEquals(Optional.empty(), EquipmentRules.checkEquip(Equipment.NONE, HELM, 5, CATALOG), "exactly the level is enough");
  }

  @Test
  void aFilledSlotMustBeEmptiedFirst() {
    Rejection r = refused(EquipmentRules.checkEquip(wearing(GREATAXE), SWORD, 5, CATALOG), Code.SLOT_OCCUPIED);
    assertEquals("Your main-hand slot already holds the great axe; remove it first.", r.message());
    refused(EquipmentRules.checkEquip(wearing(HELM), HELM, 5, CATALOG), Code.SLOT_OCCUPIED);
  }

  @Test
  void aTwoHandedWeaponNeedsTheOffHandFree() {
    Rejection r = refused(EquipmentRules.checkEquip(wearing(SHIELD), GREATAXE, 1, CATALOG), Code.TWO_HANDED_CONFLICT);
    assertEquals("The great axe needs both hands; put away the oak shield first.", r.message());
  }

  @Test
  void nothingGoesInTheOffHandWhileATwoHandedWeaponIsHeld() {
    Rejection r = refused(EquipmentRules.checkEquip(wearing(GREATAXE), SHIELD, 1, CATALOG), Code.TWO_HANDED_CONFLICT);
    assertEquals("You hold the great axe in both hands; there is no hand free for the oak shield.", r.message());
  }

  @Test
  void aOneHandedWeaponLeavesTheOffHandFree() {
    assertEquals(Optional.empty(), EquipmentRules.checkEquip(wearing(SWORD), SHIELD, 1, CATALOG));
    assertEquals(Optional.empty(), EquipmentRules.checkEquip(wearing(SHIELD), SWORD, 2, CATALOG));
  }

  @Test
  void rejectionsComeInOrderNotEquippableLevelSlotHands() {
    // a two-handed item at too low a level into a filled main hand with a shield held: the level speaks first
    ItemDef heavy = gear("maul", "maul", 9_000, EquipSlot.MAIN_HAND, true, 10, StatBonus.NONE);
    Function<String, ItemDef> catalog = id -> id.equals("maul") ? heavy : CATALOG.apply(id);
    Equipment full = wearing(SWORD, SHIELD);
    refused(EquipmentRules.checkEquip(full, APPLE, 1, catalog), Code.NOT_EQUIPPABLE);
    refused(EquipmentRules.checkEquip(full, heavy, 9, catalog), Code.LEVEL_TOO_LOW);
    refused(EquipmentRules.checkEquip(full, heavy, 10, catalog), Code.SLOT_OCCUPIED);
    refused(EquipmentRules.checkEquip(full.without(EquipSlot.MAIN_HAND), heavy, 10, catalog), Code.TWO_HANDED_CONFLICT);
    assertEquals(Optional.empty(), EquipmentRules.checkEquip(Equipment.NONE, heavy, 10, catalog));
  }

  @Test
  void everythingWornAddsUpItsBonuses() {
    Equipment e = wearing(SWORD, SHIELD, HELM, BACKPACK, PICKAXE);
    assertEquals(new StatBonus(6, 5, 10, 0, 5, 10_000, 2, 2), EquipmentRules.bonus(e, CATALOG));
    assertEquals(StatBonus.NONE, EquipmentRules.bonus(Equipment.NONE, CATALOG));
  }

  @Test
  void everythingWornAddsUpItsWeight() {
    Equipment e = wearing(SWORD, SHIELD, HELM, BACKPACK, PICKAXE);
    assertEquals(2_500 + 4_000 + 1_500 + 1_000 + 3_000, EquipmentRules.weightGrams(e, CATALOG));
    assertEquals(0, EquipmentRules.weightGrams(Equipment.NONE, CATALOG));
  }

  @Test
  void sumsAgreeWithAddingItemByItem() {
    List<ItemDef> gear = List.of(SWORD, GREATAXE, SHIELD, HELM, BACKPACK, PICKAXE);
    SplittableRandom rng = new SplittableRandom(51);
    for (int i = 0; i < 10_000; i++) {
      Map<EquipSlot, String> slots = new EnumMap<>(EquipSlot.class);
      StatBonus expected = StatBonus.NONE;
      int grams = 0;
      for (ItemDef item : gear) {
        if (rng.nextBoolean() && !slots.containsKey(item.equip().slot())) {
          slots.put(item.equip().slot(), item.id());
          expected = expected.plus(item.equip().bonus());
          grams += item.weightGrams();
        }
      }
      Equipment e = new Equipment(slots);
      assertEquals(expected, EquipmentRules.bonus(e, CATALOG), "bonus of " + slots);
      assertEquals(grams, EquipmentRules.weightGrams(e, CATALOG), "weight of " + slots);
    }
  }

  @Test
  void equippingOnlyWhatIsAllowedNeverBreaksTheHandsRule() {
    List<ItemDef> gear = List.of(SWORD, GREATAXE, SHIELD, HELM, BACKPACK, PICKAXE, APPLE);
    SplittableRandom rng = new SplittableRandom(52);
    for (int run = 0; run < 1_000; run++) {
      Equipment e = Equipment.NONE;
      for (int step = 0; step < 12; step++) {
        ItemDef item = gear.get(rng.nextInt(gear.size()));
        int level = rng.nextInt(1, 21);
        if (rng.nextInt(4) == 0) {
          e = e.without(EquipSlot.values()[rng.nextInt(EquipSlot.values().length)]);
        } else if (EquipmentRules.checkEquip(e, item, level, CATALOG).isEmpty()) {
          assertTrue(item.equip() != null && level >= item.equip().minLevel(), item.id() + " at level " + level);
          assertTrue(e.in(item.equip().slot()).isEmpty(), item.id() + " into a filled slot: " + e);
          e = e.with(item.equip().slot(), item.id());
        }
        boolean twoHanded = e.in(EquipSlot.MAIN_HAND).map(CATALOG).map(i -> i.equip().twoHanded()).orElse(false);
        assertTrue(!twoHanded || e.in(EquipSlot.OFF_HAND).isEmpty(), "two-handed with the off hand full: " + e);
      }
    }
  }

  @Test
  void equipmentIsImmutableAndFindsItsItems() {
    Equipment e = wearing(SWORD);
    Equipment more = e.with(EquipSlot.HEAD, "helm");
    assertEquals(Optional.empty(), e.in(EquipSlot.HEAD), "the original is unchanged");
    assertEquals(Optional.of("helm"), more.in(EquipSlot.HEAD));
    assertEquals(Optional.of(EquipSlot.MAIN_HAND), more.slotOf("copper-sword"));
    assertEquals(Optional.empty(), more.slotOf("shield"));
    assertSame(e, e.without(EquipSlot.FEET), "removing from an empty slot changes nothing");
    assertEquals(Equipment.NONE, e.without(EquipSlot.MAIN_HAND));
  }
}
