package io.microcosm.world;

import java.util.List;

/** What consuming one unit of an item does: points restored at once and effects applied. */
public record UseDef(int hp, int mp, int sp, List<EffectGrant> effects) {

  public UseDef {
    effects = List.copyOf(effects);
  }
}
