package io.microcosm.rules;

import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.world.EquipDef;
import io.microcosm.world.EquipSlot;
import io.microcosm.world.ItemDef;
import io.microcosm.world.StatBonus;
import java.util.Optional;
import java.util.function.Function;

/**
 * Wearing and holding. An item goes into the slot it declares; a filled slot must be emptied first;
 * a two-handed weapon needs both hands free and blocks the off hand while held.
 */
public final class EquipmentRules {

  private EquipmentRules() {}

  /** Why {@code item} cannot be equipped now, or empty if it can. */
  public static Optional<Rejection> checkEquip(
      Equipment equipment, ItemDef item, int level, Function<String, ItemDef> catalog) {
    EquipDef equip = item.equip();
    if (equip == null) {
      return Optional.of(Rejection.of(Code.NOT_EQUIPPABLE, "You cannot wear or wield the " + item.name() + "."));
    }
    if (level < equip.minLevel()) {
      return Optional.of(Rejection.of(Code.LEVEL_TOO_LOW, String.format(
          "You need level %d to use the %s; you are level %d.", equip.minLevel(), item.name(), level)));
    }
    Optional<String> occupant = equipment.in(equip.slot());
    if (occupant.isPresent()) {
      return Optional.of(Rejection.of(Code.SLOT_OCCUPIED, String.format(
          "Your %s slot already holds the %s; remove it first.", equip.slot().label(), catalog.apply(occupant.get()).name())));
    }
    if (equip.twoHanded()) {
      Optional<String> offHand = equipment.in(EquipSlot.OFF_HAND);
      if (offHand.isPresent()) {
        return Optional.of(Rejection.of(Code.TWO_HANDED_CONFLICT, String.format(
            "The %s needs both hands; put away the %s first.", item.name(), catalog.apply(offHand.get()).name())));
      }
    }
    if (equip.slot() == EquipSlot.OFF_HAND) {
      Optional<String> main = equipment.in(EquipSlot.MAIN_HAND);
      if (main.isPresent() && isTwoHanded(catalog.apply(main.get()))) {
        return Optional.of(Rejection.of(Code.TWO_HANDED_CONFLICT, String.format(
            "You hold the %s in both hands; there is no hand free for the %s.", catalog.apply(main.get()).name(), item.name())));
      }
    }
    return Optional.empty();
  }

  /** Everything worn and held adds up to this. */
  public static StatBonus bonus(Equipment equipment, Function<String, ItemDef> catalog) {
    StatBonus sum = StatBonus.NONE;
    for (String id : equipment.slots().values()) {
      EquipDef equip = catalog.apply(id).equip();
      if (equip != null) {
        sum = sum.plus(equip.bonus());
      }
    }
    return sum;
  }

  /** Total weight of the equipped items; they count towards what one carries. */
  public static int weightGrams(Equipment equipment, Function<String, ItemDef> catalog) {
    long grams = 0;
    for (String id : equipment.slots().values()) {
      grams += catalog.apply(id).weightGrams();
    }
    return (int) Math.min(Integer.MAX_VALUE, grams);
  }

  private static boolean isTwoHanded(ItemDef item) {
    return item.equip() != null && item.equip().twoHanded();
  }
}
