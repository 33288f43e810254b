package io.microcosm.entity;

/**
 * The kinds of sharded entity and how each is placed. World entities carry their zone in their id
 * and live in their zone's shard (a microcosm is a shard); players and accounts travel or belong to
 * no zone, so they are spread by a hash of their id.
 */
public enum EntityKind {
  LOCATION("Location", Placement.BY_ZONE),
  NPC("Npc", Placement.BY_ZONE),
  CREATURE("Creature", Placement.BY_ZONE),
  ZONE("Zone", Placement.BY_ZONE),
  PLAYER("Player", Placement.BY_HASH),
  ACCOUNT("Account", Placement.BY_HASH);

  public enum Placement { BY_ZONE, BY_HASH }

  private final String typeName;
  private final Placement placement;

  EntityKind(String typeName, Placement placement) {
    this.typeName = typeName;
    this.placement = placement;
  }

  /** The sharding type name and persistence-id prefix, e.g. {@code Location|vale.square}. */
  public String typeName() {
    return typeName;
  }

  public Placement placement() {
    return placement;
  }

  /** The tag prefix for this kind's events, e.g. {@code location}. */
  public String tagPrefix() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
