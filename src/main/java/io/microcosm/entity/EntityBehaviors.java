package io.microcosm.entity;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import java.util.Map;

/** What every entity behaviour gets around it, whatever its kind. */
public final class EntityBehaviors {

  private EntityBehaviors() {}

  /** Puts the entity id and the current command's id and originator into the logging MDC. */
  public static <C extends EntityCommand> Behavior<C> withMdc(
      Class<C> commandClass, EntityKind kind, String entityId, Behavior<C> behavior) {
    return Behaviors.withMdc(
        commandClass,
        Map.of("entityKind", kind.typeName(), "entityId", entityId),
        command -> Map.of(
            "commandId", command.meta().commandId().toString(),
            "originator", command.meta().originator()),
        behavior);
  }
}
