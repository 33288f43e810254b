package io.microcosm.world;

/**
 * What a new character starts with, at level 1 and with nothing equipped.
 *
 * @param hpRegenTicks one hit point comes back every this many ticks (0 = none)
 * @param mpRegenTicks one mana point comes back every this many ticks (0 = none)
 * @param spRegenTicks one stamina point comes back every this many ticks (0 = none)
 */
public record PlayerDefaults(
    int slots, int carryGrams, int hp, int mp, int sp, int hpRegenTicks, int mpRegenTicks, int spRegenTicks) {}
