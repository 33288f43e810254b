package io.microcosm.npc;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum MemoryType {
  OBSERVATION, DIALOGUE, REFLECTION;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<MemoryType> parse(String text) {
    return Arrays.stream(values()).filter(t -> t.label().equals(text)).findFirst();
  }
}
