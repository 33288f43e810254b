package io.microcosm.gateway;

import io.microcosm.entity.CborSerializable;

/**
 * Something one character said to others.
 *
 * @param channel "say" (the place), "shout" (the zone) or "tell" (one character)
 * @param where the location, zone or character it was addressed to
 */
public record ChatLine(String channel, String from, String where, String text, long at) implements CborSerializable {}
