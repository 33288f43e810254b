package io.microcosm.clock;

import io.microcosm.entity.CborSerializable;
import java.util.List;
import java.util.Set;

/**
 * What the world is like in one zone at one tick: the time, the weather and the world events under
 * way, and what together they do to gathering and to creatures.
 *
 * @param events ids of the world events under way here
 * @param gatherPercent added to gathering yields
 * @param aggressiveKinds creature kinds made aggressive by an event
 * @param roamPercent added to creatures' chance to wander each tick
 */
public record Conditions(
    String zone, WorldTime time, Weather weather, List<String> events, int gatherPercent, Set<String> aggressiveKinds,
    int roamPercent) implements CborSerializable {

  public Conditions {
    events = List.copyOf(events);
    aggressiveKinds = Set.copyOf(aggressiveKinds);
  }
}
