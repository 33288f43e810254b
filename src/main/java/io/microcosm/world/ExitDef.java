package io.microcosm.world;

/**
 * A way out of a location.
 *
 * @param blocked why nobody can pass (a rockfall), or null
 * @param locked why it is shut (a locked gate), or null
 * @param staminaCost stamina spent to go this way
 */
public record ExitDef(Direction direction, String target, String blocked, String locked, int staminaCost) {

  public boolean passable() {
    return blocked == null && locked == null;
  }
}
