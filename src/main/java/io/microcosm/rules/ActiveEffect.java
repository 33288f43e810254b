package io.microcosm.rules;

import io.microcosm.entity.CborSerializable;

/**
 * An effect someone is under: active from tick {@code since} until just before tick {@code until}
 * (at tick {@code until} it has expired).
 */
public record ActiveEffect(String effect, int magnitude, int stacks, long since, long until) implements CborSerializable {

  public boolean activeAt(long tick) {
    return since <= tick && tick < until;
  }

  /** The effect's strength: magnitude times stacks. */
  public int strength() {
    return magnitude * stacks;
  }
}
