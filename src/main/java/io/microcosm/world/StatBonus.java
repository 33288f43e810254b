package io.microcosm.world;

import io.microcosm.entity.CborSerializable;

/**
 * Additions to a character's derived statistics, from an item worn or an effect. All fields may be
 * negative (a debuff); data files omit the zero ones.
 *
 * @param carryGrams extra carrying capacity
 * @param gather added to gathering power
 * @param critPercent added to the chance of a critical hit, in percent
 */
public record StatBonus(int attack, int defense, int hpMax, int mpMax, int spMax, int carryGrams, int gather, int critPercent)
    implements CborSerializable {

  public static final StatBonus NONE = new StatBonus(0, 0, 0, 0, 0, 0, 0, 0);

  public StatBonus plus(StatBonus o) {
    return new StatBonus(attack + o.attack, defense + o.defense, hpMax + o.hpMax, mpMax + o.mpMax, spMax + o.spMax,
        carryGrams + o.carryGrams, gather + o.gather, critPercent + o.critPercent);
  }

  public StatBonus times(int factor) {
    return new StatBonus(attack * factor, defense * factor, hpMax * factor, mpMax * factor, spMax * factor,
        carryGrams * factor, gather * factor, critPercent * factor);
  }
}
