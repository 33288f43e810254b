package io.microcosm.clock;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The four seasons, in the order a year passes through them (a world begins in spring). */
public enum Season {
  SPRING, SUMMER, AUTUMN, WINTER;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Season> parse(String text) {
    return Arrays.stream(values()).filter(s -> s.label().equals(text)).findFirst();
  }

  public static String allowedValues() {
    return Arrays.stream(values()).map(Season::label).collect(Collectors.joining(", "));
  }
}
