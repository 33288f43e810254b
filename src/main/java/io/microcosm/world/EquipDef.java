package io.microcosm.world;

/**
 * How an item is worn or held.
 *
 * @param twoHanded occupies the off hand as well (only for main-hand items)
 * @param minLevel the level a character needs to equip it
 */
public record EquipDef(EquipSlot slot, boolean twoHanded, int minLevel, StatBonus bonus) {}
