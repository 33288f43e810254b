package io.microcosm.world;

/**
 * What a new character starts with.
 *
 * @param staminaRegenPerMinute stamina points recovered per minute of real time
 */
public record PlayerDefaults(
    int slots, int carryGrams, int hp, int mp, int sp, int staminaRegenPerMinute) {}
