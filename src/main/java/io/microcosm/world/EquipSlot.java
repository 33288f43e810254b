package io.microcosm.world;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where an item is worn or held. Data files spell them in lower case with '-' ("main-hand"). */
public enum EquipSlot {
  MAIN_HAND, OFF_HAND, HEAD, BODY, LEGS, HANDS, FEET, TOOL;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Accepts "main-hand", "main hand" and "main_hand", any case. */
  public static Optional<EquipSlot> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
    return Arrays.stream(values()).filter(s -> s.label().equals(wanted)).findFirst();
  }

  public static String allowedValues() {
    return Arrays.stream(values()).map(EquipSlot::label).collect(Collectors.joining(", "));
  }
}
