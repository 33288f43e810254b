package io.microcosm.world;

/**
 * A buff or debuff.
 *
 * @param harmful a debuff (poisoned, bleeding) rather than a buff
 * @param maxStacks how many stacks {@link Stacking#STACK} allows (1 for the other rules)
 * @param bonus added to derived statistics for each unit of magnitude (times stacks)
 * @param hpPerTick hit points gained (negative: lost) every tick, for each unit of magnitude
 * @param spPerTick stamina gained or lost every tick, for each unit of magnitude
 */
public record EffectDef(
    String id, String name, String description, boolean harmful, Stacking stacking, int maxStacks,
    StatBonus bonus, int hpPerTick, int spPerTick) {

  public boolean periodic() {
    return hpPerTick != 0 || spPerTick != 0;
  }
}
