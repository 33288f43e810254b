package io.microcosm.replay;

import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import io.microcosm.account.AccountEntity;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.entity.EntityKind;
import io.microcosm.entity.EntitySettings;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.world.World;
import java.util.Optional;

/**
 * Rebuilds an entity's state from its events with the entity's own empty state and event handler,
 * exactly as recovery does (but from the first event, never from a snapshot).
 */
public final class EntityReplays {

  /** An entity's state as its events are applied one by one. Not thread-safe. */
  public static final class Replay {
    private final EventHandler<Object, Object> handler;
    private Object state;
    private long applied;

    @SuppressWarnings("unchecked")
    private <S, E> Replay(EventSourcedBehavior<?, E, S> entity) {
      this.handler = (EventHandler<Object, Object>) (EventHandler<?, ?>) entity.eventHandler();
      this.state = entity.emptyState();
    }

    /** @throws RuntimeException whatever the entity's handler throws for this event */
    public Object apply(Object event) {
      state = handler.apply(state, event);
      applied++;
      return state;
    }

    public Object state() {
      return state;
    }

    public long applied() {
      return applied;
    }
  }

  private final World world;
  private final EntitySettings settings;

  public EntityReplays(World world, EntitySettings settings) {
    this.world = world;
    this.settings = settings;
  }

  /**
   * A fresh replay of entity {@code entityId} of kind {@code kind} (a type name such as
   * {@code Player}), or empty for kinds this tool cannot rebuild.
   *
   * @throws ReplayException if the kind is known but the world does not define the entity
   */
  public Optional<Replay> start(String kind, String entityId) {
    try {
      if (kind.equals(EntityKind.LOCATION.typeName())) {
        return Optional.of(new Replay(LocationEntity.forReplay(entityId, world, settings)));
      } else if (kind.equals(EntityKind.PLAYER.typeName())) {
        return Optional.of(new Replay(PlayerEntity.forReplay(entityId, world, settings)));
      } else if (kind.equals(EntityKind.CREATURE.typeName())) {
        return Optional.of(new Replay(CreatureEntity.forReplay(entityId, world, settings)));
      } else if (kind.equals(EntityKind.ACCOUNT.typeName())) {
        return Optional.of(new Replay(AccountEntity.forReplay(entityId, settings)));
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      throw new ReplayException("Cannot rebuild " + kind + "|" + entityId + ": " + e.getMessage(), e);
    }
  }
}
