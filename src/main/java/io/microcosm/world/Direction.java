package io.microcosm.world;

import java.util.Locale;
import java.util.Optional;

/** The ways out of a location, with the short forms players type. */
public enum Direction {
  NORTH("n"), SOUTH("s"), EAST("e"), WEST("w"),
  NORTHEAST("ne"), NORTHWEST("nw"), SOUTHEAST("se"), SOUTHWEST("sw"),
  UP("u"), DOWN("d"), IN("in"), OUT("out");

  private final String abbreviation;

  Direction(String abbreviation) {
    this.abbreviation = abbreviation;
  }

  public String abbreviation() {
    return abbreviation;
  }

  /** The lower-case name used in data files and messages ({@code north}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Direction opposite() {
    return switch (this) {
      case NORTH -> SOUTH;
      case SOUTH -> NORTH;
      case EAST -> WEST;
      case WEST -> EAST;
      case NORTHEAST -> SOUTHWEST;
      case SOUTHWEST -> NORTHEAST;
      case NORTHWEST -> SOUTHEAST;
      case SOUTHEAST -> NORTHWEST;
      case UP -> DOWN;
      case DOWN -> UP;
      case IN -> OUT;
      case OUT -> IN;
    };
  }

  /** Parses a full name or abbreviation, ignoring case and surrounding blanks. */
  public static Optional<Direction> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Direction d : values()) {
      if (d.label().equals(t) || d.abbreviation.equals(t)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** For messages listing the allowed values. */
  public static String allowedValues() {
    StringBuilder sb = new StringBuilder();
    for (Direction d : values()) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append(d.label());
    }
    return sb.toString();
  }
}
