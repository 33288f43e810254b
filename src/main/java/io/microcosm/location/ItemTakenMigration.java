package io.microcosm.location;

import akka.serialization.jackson.JacksonMigration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads {@link LocationEntity.ItemTaken} events written before version 2, which did not record the
 * world tick of the grant. Left alone, Jackson would read the missing {@code tick} as 0, a real tick
 * (2026-01-01T00:00Z), and a replay "at tick N" would place every old take at the world's
 * beginning. The migration marks it unknown (-1) instead; the replay then falls back to the tick of
 * the event's write time.
 *
 * <p>Registered in {@code application.conf} under {@code akka.serialization.jackson.migrations}.
 * Events written from version 2 on carry the version in their manifest ({@code ...$ItemTaken#2}).
 */
public final class ItemTakenMigration extends JacksonMigration {

  /** Version 1: no tick. Version 2: {@code tick} added. */
  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    if (fromVersion < 2 && json instanceof ObjectNode event && !event.has("tick")) {
      event.put("tick", -1L);
    }
    return json;
  }
}
