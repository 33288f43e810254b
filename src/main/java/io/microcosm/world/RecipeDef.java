package io.microcosm.world;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to make something. One craft consumes all inputs and produces all outputs; crafting several
 * multiplies both.
 *
 * @param station the station that must be at the crafter's location, or null
 * @param stamina stamina spent per craft
 * @param exp experience per craft
 */
public record RecipeDef(
    String id, String name, List<String> aliases, Map<String, Integer> inputs, Map<String, Integer> outputs,
    String station, int minLevel, int stamina, int exp) {

  public RecipeDef {
    aliases = List.copyOf(aliases);
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }
}
