package io.microcosm.world;

/**
 * One creature of the world: its entity id ({@code zone.kind.n}, numbered within the zone in data
 * order), its kind and the location where it appears and respawns.
 */
public record CreatureSpawn(String id, String kind, String home) {}
