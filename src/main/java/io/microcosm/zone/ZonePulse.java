package io.microcosm.zone;

import io.microcosm.clock.Conditions;
import io.microcosm.entity.CommandMeta;
import java.util.List;
import java.util.Map;

/**
 * What a zone tells its residents when ticks pass.
 *
 * @param meta the zone's command metadata for this pulse (its commandId is derived from the zone and
 *     {@code toTick}, so a resident's events caused by it are traceable and retries dedup)
 * @param fromTick the first tick not yet lived by this kind of resident
 * @param toTick the current tick
 * @param now the zone's conditions at {@code toTick}
 * @param players the players in the zone at {@code toTick}, by location (locations without players
 *     are absent)
 */
public record ZonePulse(
    CommandMeta meta, String zone, long fromTick, long toTick, Conditions now, Map<String, List<String>> players) {

  public ZonePulse {
    players = Map.copyOf(players);
  }

  public boolean playersPresent() {
    return !players.isEmpty();
  }
}
