package io.microcosm.world;

import java.util.List;

/**
 * An item kind from world data.
 *
 * @param weightGrams weight of one unit; data files give kilograms, kept here as whole grams so sums
 *     never drift
 * @param stackLimit how many units share one inventory slot (1 = each unit takes a slot)
 */
public record ItemDef(String id, String name, List<String> aliases, int weightGrams, int stackLimit, String description) {

  public ItemDef {
    aliases = List.copyOf(aliases);
  }
}
