package io.microcosm.world;

import io.microcosm.entity.CborSerializable;

/** An effect that something applies: which one, how strong, for how many ticks. */
public record EffectGrant(String effect, int magnitude, int ticks) implements CborSerializable {}
