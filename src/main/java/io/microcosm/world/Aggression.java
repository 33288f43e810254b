package io.microcosm.world;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a creature treats people. */
public enum Aggression {
  /** Never fights back. */
  PASSIVE,
  /** Strikes back when attacked. */
  DEFENSIVE,
  /** Strikes back, and attacks on its own on world ticks. */
  AGGRESSIVE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Aggression> parse(String text) {
    return Arrays.stream(values()).filter(a -> a.label().equals(text)).findFirst();
  }

  public static String allowedValues() {
    return Arrays.stream(values()).map(Aggression::label).collect(Collectors.joining(", "));
  }
}
