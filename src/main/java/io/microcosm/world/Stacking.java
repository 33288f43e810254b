package io.microcosm.world;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What happens when an effect is applied to someone who already has it. */
public enum Stacking {
  /** The duration is renewed (never shortened); the stronger magnitude is kept. */
  REFRESH,
  /** Another stack is added (up to the effect's maximum) and the duration is renewed. */
  STACK,
  /** A stronger application replaces the effect, an equal one extends it, a weaker one is ignored. */
  STRONGEST;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Stacking> parse(String text) {
    return Arrays.stream(values()).filter(s -> s.label().equals(text)).findFirst();
  }

  public static String allowedValues() {
    return Arrays.stream(values()).map(Stacking::label).collect(Collectors.joining(", "));
  }
}
