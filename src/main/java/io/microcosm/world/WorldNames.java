package io.microcosm.world;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Finding a thing of the world by what someone calls it: its id, its name or one of its aliases. */
public final class WorldNames {

  private WorldNames() {}

  public static boolean matches(String text, String id, String name, List<String> aliases) {
    if (text == null) {
      return false;
    }
    String t = text.trim().toLowerCase(Locale.ROOT);
    return t.equals(id) || t.equals(name.toLowerCase(Locale.ROOT))
        || aliases.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).equals(t));
  }

  /** The first of {@code candidates} (ids into {@code defs}) that {@code text} names; an exact id wins. */
  public static <D> Optional<D> find(
      Collection<String> candidates, Map<String, D> defs, String text, Function<D, String> name,
      Function<D, List<String>> aliases) {
    if (text != null && candidates.contains(text) && defs.containsKey(text)) {
      return Optional.of(defs.get(text));
    }
    return candidates.stream()
        .filter(id -> defs.containsKey(id) && matches(text, id, name.apply(defs.get(id)), aliases.apply(defs.get(id))))
        .map(defs::get)
        .findFirst();
  }
}
