package io.microcosm.world;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What sort of thing an item is; decides nothing by itself, but helps players and validation. */
public enum ItemKind {
  MATERIAL, WEAPON, ARMOUR, TOOL, POTION, FOOD, MISC;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ItemKind> parse(String text) {
    return Arrays.stream(values()).filter(k -> k.label().equals(text)).findFirst();
  }

  public static String allowedValues() {
    return Arrays.stream(values()).map(ItemKind::label).collect(Collectors.joining(", "));
  }
}
