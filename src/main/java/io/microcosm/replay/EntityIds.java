package io.microcosm.replay;

import io.microcosm.entity.EntityKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Turns what a user typed ({@code Player|ann}, or just {@code ann}) into one persistence id. */
final class EntityIds {

  private EntityIds() {}

  /** @throws ReplayException when no entity or more than one has events under that id */
  static String resolve(JournalReader reader, String typed) {
    if (typed.contains("|")) {
      if (!hasEvents(reader, typed)) {
        throw new ReplayException("The journal has no events of " + typed + ".");
      }
      return typed;
    }
    List<String> found = new ArrayList<>();
    for (EntityKind kind : EntityKind.values()) {
      String pid = kind.typeName() + "|" + typed;
      if (hasEvents(reader, pid)) {
        found.add(pid);
      }
    }
    if (found.isEmpty()) {
      throw new ReplayException("The journal has no events of an entity '" + typed + "' (tried the kinds "
          + Arrays.stream(EntityKind.values()).map(EntityKind::typeName).toList() + "; or give Kind|id).");
    }
    if (found.size() > 1) {
      throw new ReplayException("'" + typed + "' names more than one entity: " + String.join(", ", found)
          + ". Give one of them.");
    }
    return found.get(0);
  }

  private static boolean hasEvents(JournalReader reader, String persistenceId) {
    return reader.hasEvents(persistenceId);
  }
}
