package io.microcosm.bench;

import akka.actor.typed.ActorRef;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import io.microcosm.entity.CborSerializable;

/**
 * The baseline the game entities are compared with: the least a sharded event-sourced entity can
 * do per command on the same journal (persist one event, reply). No tags, no snapshots, no MDC.
 */
public final class CounterEntity
    extends EventSourcedBehaviorWithEnforcedReplies<CounterEntity.Command, CounterEntity.Event, CounterEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY = EntityTypeKey.create(Command.class, "BenchCounter");

  public sealed interface Command extends CborSerializable permits Add {}

  public record Add(int amount, ActorRef<Total> replyTo) implements Command {}

  public record Total(long value) implements CborSerializable {}

  public sealed interface Event extends CborSerializable permits Added {}

  public record Added(int amount) implements Event {}

  public record State(long total) implements CborSerializable {}

  private CounterEntity(PersistenceId persistenceId) {
    super(persistenceId);
  }

  /** Registered with the default hash-based shard placement, unlike the game's own entity kinds. */
  public static void init(ClusterSharding sharding) {
    sharding.init(Entity.of(ENTITY_KEY, ctx -> new CounterEntity(PersistenceId.of(ENTITY_KEY.name(), ctx.getEntityId()))));
  }

  @Override
  public State emptyState() {
    return new State(0);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Add.class, (state, cmd) -> Effect()
            .persist(new Added(cmd.amount()))
            .thenReply(cmd.replyTo(), after -> new Total(after.total())))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Added.class, (state, event) -> new State(state.total() + event.amount()))
        .build();
  }
}
