package io.microcosm.rules;

import io.microcosm.entity.CborSerializable;

/** How much someone can carry: inventory slots and total weight. */
public record Capacity(int slots, int carryGrams) implements CborSerializable {}
