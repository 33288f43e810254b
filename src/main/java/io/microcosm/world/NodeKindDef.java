package io.microcosm.world;

import java.util.List;

/**
 * A kind of resource node: an ore vein, a tree, a herb patch, a fishing spot.
 *
 * @param verb what one does to it ("mine", "chop", "pick", "fish"), for players and the interpreter
 * @param item what it yields
 * @param tool the tool kind it needs, or null if bare hands do
 * @param max how many units it holds when full
 * @param regrowTicks one unit grows back every this many ticks
 * @param stamina stamina spent per gathering attempt
 * @param exp experience per unit gathered
 * @param minLevel the level a character needs to work it
 */
public record NodeKindDef(
    String id, String name, List<String> aliases, String description, String verb, String item, String tool,
    int max, int regrowTicks, int stamina, int exp, int minLevel) {

  public NodeKindDef {
    aliases = List.copyOf(aliases);
  }
}
