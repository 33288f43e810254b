package io.microcosm.rules;

import io.microcosm.entity.CborSerializable;

/** Some units of one item, as shown to a client. */
public record ItemStack(String item, int quantity) implements CborSerializable {}
