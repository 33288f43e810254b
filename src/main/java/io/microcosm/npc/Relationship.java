package io.microcosm.npc;

import io.microcosm.entity.CborSerializable;

/**
 * How an NPC regards another character.
 *
 * @param affinity liking, -100 to 100
 * @param trust 0 to 100
 * @param rivalry 0 to 100
 */
public record Relationship(int affinity, int trust, int rivalry) implements CborSerializable {

  public static final Relationship NEUTRAL = new Relationship(0, 20, 0);

  public Relationship changed(int dAffinity, int dTrust, int dRivalry) {
    return new Relationship(clamp(affinity + dAffinity, -100, 100), clamp(trust + dTrust, 0, 100),
        clamp(rivalry + dRivalry, 0, 100));
  }

  /** A friend is liked and trusted. */
  public boolean friend() {
    return affinity >= 40 && trust >= 30;
  }

  public boolean rival() {
    return rivalry >= 40 || affinity <= -40;
  }

  /** One number for decisions: how much it wants this one's company, -1 to 1. */
  public double warmth() {
    return (affinity - rivalry / 2.0) / 100.0;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
