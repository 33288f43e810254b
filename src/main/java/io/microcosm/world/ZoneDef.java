package io.microcosm.world;

/** A zone: one microcosm, whose entities share a shard. */
public record ZoneDef(String id, String name, String description) {}
