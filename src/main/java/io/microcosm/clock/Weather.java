package io.microcosm.clock;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The weather over a zone and what it does to the world.
 *
 * @param gatherPercent added to every gathering yield (see {@code GatherRules.yield})
 * @param roamPercent how much of their usual wandering creatures still do (0: they shelter)
 * @param ambushPercent added to the chance that an aggressive creature attacks a player in reach
 */
public enum Weather {
  CLEAR(0, 100, 0),
  CLOUDY(0, 100, 0),
  FOG(-10, 100, 25),
  RAIN(-15, 60, 0),
  STORM(-40, 0, -25),
  SNOW(-25, 40, 0);

  private final int gatherPercent;
  private final int roamPercent;
  private final int ambushPercent;

  Weather(int gatherPercent, int roamPercent, int ambushPercent) {
    this.gatherPercent = gatherPercent;
    this.roamPercent = roamPercent;
    this.ambushPercent = ambushPercent;
  }

  public int gatherPercent() {
    return gatherPercent;
  }

  public int roamPercent() {
    return roamPercent;
  }

  public int ambushPercent() {
    return ambushPercent;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Weather> parse(String text) {
    return Arrays.stream(values()).filter(w -> w.label().equals(text)).findFirst();
  }

  public static String allowedValues() {
    return Arrays.stream(values()).map(Weather::label).collect(Collectors.joining(", "));
  }
}
