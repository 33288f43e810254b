package io.microcosm.world;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an NPC is doing; a daily schedule is a list of these by hour. */
public enum NpcActivity {
  SLEEP, EAT, WORK, SOCIALISE, IDLE,
  /** Getting away from danger, home. Needs and events choose it; a schedule does not. */
  SEEK_SAFETY;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<NpcActivity> parse(String text) {
    return Arrays.stream(values()).filter(a -> a.label().equals(text)).findFirst();
  }

  /** The activities a schedule may name. */
  public static String scheduleValues() {
    return Arrays.stream(values()).filter(a -> a != SEEK_SAFETY).map(NpcActivity::label).collect(Collectors.joining(", "));
  }
}
