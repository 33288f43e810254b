package io.microcosm.world;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A faction from world data.
 *
 * @param relations how this faction regards others, by faction id, -100 (war) to 100 (allies)
 * @param standing the standing a newcomer starts with, -100 to 100
 */
public record FactionDef(String id, String name, String description, Map<String, Integer> relations, int standing) {

  public FactionDef {
    relations = Collections.unmodifiableMap(new LinkedHashMap<>(relations));
  }
}
