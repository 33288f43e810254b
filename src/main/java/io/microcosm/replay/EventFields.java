package io.microcosm.replay;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.UUID;

/**
 * Reads the fields every Microcosm event carries ({@code lamport}, {@code commandId} and, for most
 * kinds, {@code tick}) from any event record, whatever entity it belongs to, so event kinds added
 * later replay without changes here. Accessors are looked up once per class.
 */
final class EventFields {

  private record Accessors(Method lamport, Method commandId, Method tick) {}

  private static final ClassValue<Accessors> ACCESSORS = new ClassValue<>() {
    @Override
    protected Accessors computeValue(Class<?> type) {
      Method lamport = null;
      Method commandId = null;
      Method tick = null;
      RecordComponent[] components = type.getRecordComponents();
      if (components != null) {
        for (RecordComponent c : components) {
          if (c.getName().equals("lamport") && c.getType() == long.class) {
            lamport = c.getAccessor();
          } else if (c.getName().equals("commandId") && c.getType() == UUID.class) {
            commandId = c.getAccessor();
          } else if (c.getName().equals("tick") && c.getType() == long.class) {
            tick = c.getAccessor();
          }
        }
      }
      return new Accessors(lamport, commandId, tick);
    }
  };

  private EventFields() {}

  static long lamport(Object event) {
    Method m = ACCESSORS.get(event.getClass()).lamport();
    return m == null ? -1 : (long) invoke(m, event);
  }

  static UUID commandId(Object event) {
    Method m = ACCESSORS.get(event.getClass()).commandId();
    return m == null ? null : (UUID) invoke(m, event);
  }

  /** The event's own tick, or -1 when it records none (or recorded it before it had one). */
  static long tick(Object event) {
    Method m = ACCESSORS.get(event.getClass()).tick();
    return m == null ? -1 : (long) invoke(m, event);
  }

  private static Object invoke(Method accessor, Object event) {
    try {
      return accessor.invoke(event);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + accessor.getName() + " of " + event.getClass().getName(), e);
    }
  }
}
