package io.microcosm.world;

/** One line of a loot table: {@code percent} chance to drop between {@code min} and {@code max} units. */
public record LootDrop(String item, int percent, int min, int max) {}
