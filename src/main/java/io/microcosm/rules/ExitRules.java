package io.microcosm.rules;

import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.world.Direction;
import io.microcosm.world.ExitDef;
import io.microcosm.world.LocationDef;
import java.util.Optional;

/**
 * Whether one can leave a place a given way. Exits, and whether they are blocked or locked, are
 * world data that no entity changes, so a player decides this itself instead of asking the
 * location (which may be busy recording arrivals); should doors ever open and close in play, this
 * becomes the location's answer again.
 */
public final class ExitRules {

  private ExitRules() {}

  /** Why one cannot leave {@code from} going {@code direction}, or empty when that way is open. */
  public static Optional<Rejection> refusal(LocationDef from, Direction direction) {
    ExitDef exit = from.exits().get(direction);
    if (exit == null) {
      return Optional.of(Rejection.of(Code.NO_EXIT, "You cannot go " + direction.label() + " from " + from.name() + "."));
    }
    if (exit.blocked() != null) {
      return Optional.of(Rejection.of(Code.EXIT_BLOCKED, exit.blocked()));
    }
    if (exit.locked() != null) {
      return Optional.of(Rejection.of(Code.EXIT_LOCKED, exit.locked()));
    }
    return Optional.empty();
  }
}
