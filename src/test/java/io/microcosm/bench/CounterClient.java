package io.microcosm.bench;

import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityRef;

/** One closed-loop client of the baseline: adds 1 to its own counter, again as soon as it is answered. */
final class CounterClient extends AbstractBehavior<CounterClient.Message> {

  static final String VERB = "add";

  sealed interface Message permits Start, Answered {}

  enum Start implements Message { INSTANCE }

  private record Answered(CounterEntity.Total reply, Throwable failure, long sentNanos) implements Message {}

  private final EntityRef<CounterEntity.Command> counter;
  private final LoadControl control;

  private CounterClient(ActorContext<Message> context, EntityRef<CounterEntity.Command> counter, LoadControl control) {
    super(context);
    this.counter = counter;
    this.control = control;
  }

  static Behavior<Message> create(ClusterSharding sharding, String counterId, LoadControl control) {
    return Behaviors.setup(ctx -> new CounterClient(ctx, sharding.entityRefFor(CounterEntity.ENTITY_KEY, counterId), control));
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, s -> sendNext())
        .onMessage(Answered.class, this::onAnswered)
        .build();
  }

  private Behavior<Message> onAnswered(Answered answered) {
    if (answered.failure() != null) {
      control.failed(VERB, answered.failure());
    } else {
      control.answered(VERB, Tally.ACCEPTED, answered.sentNanos());
    }
    return sendNext();
  }

  private Behavior<Message> sendNext() {
    if (control.stopping()) {
      control.clientStopped();
      return Behaviors.stopped();
    }
    long sent = System.nanoTime();
    AskToSelf.<CounterEntity.Command, CounterEntity.Total, Message>ask(getContext(), counter, control.askTimeout(),
        replyTo -> new CounterEntity.Add(1, replyTo),
        (reply, failure) -> new Answered(reply, failure, sent));
    return this;
  }
}
