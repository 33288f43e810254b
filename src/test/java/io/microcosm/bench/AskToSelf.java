package io.microcosm.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.AskPattern;
import akka.japi.function.Function;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * Asks and delivers the answer to the asking actor as a message, the way {@code ActorContext.ask}
 * means to, without its cost here: the stage Akka's Java ask returns is Scala's future converter,
 * whose {@code whenComplete} (which {@code pipeToSelf} and {@code ActorContext.ask} use) runs on the
 * JDK's async pool, and with fewer than three cores that pool starts a new thread per callback.
 * Here the callback only enqueues the answer, so it runs on the thread that completed the ask.
 */
final class AskToSelf {

  private static final Executor COMPLETING_THREAD = Runnable::run;

  private AskToSelf() {}

  static <Req, Res, M> void ask(ActorContext<M> context, RecipientRef<Req> target, Duration timeout,
      Function<ActorRef<Res>, Req> request, BiFunction<Res, Throwable, M> toMessage) {
    ActorRef<M> self = context.getSelf();
    AskPattern.ask(target, request, timeout, context.getSystem().scheduler())
        .whenCompleteAsync((reply, failure) -> self.tell(toMessage.apply(reply, failure)), COMPLETING_THREAD);
  }
}
