package io.microcosm.world;

import java.util.List;

/** A crafting station found at some locations: a forge, a workbench, an alchemy table. */
public record StationDef(String id, String name, List<String> aliases, String description) {

  public StationDef {
    aliases = List.copyOf(aliases);
  }
}
