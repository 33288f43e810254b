package io.microcosm.rules;

import io.microcosm.entity.CborSerializable;

/** A character's derived statistics: what level, equipment and effects add up to. */
public record Stats(
    int level, int hpMax, int mpMax, int spMax, int attack, int defense, int gather, int critPercent, int carryGrams)
    implements CborSerializable {}
