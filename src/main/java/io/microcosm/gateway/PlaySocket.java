package io.microcosm.gateway;

import akka.NotUsed;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.model.ws.Message;
import akka.http.javadsl.model.ws.TextMessage;
import akka.japi.Pair;
import akka.stream.Materializer;
import akka.stream.OverflowStrategy;
import akka.stream.javadsl.Flow;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.stream.typed.javadsl.ActorSink;
import akka.stream.typed.javadsl.ActorSource;
import io.microcosm.account.Principal;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The stream of one {@code /ws/play} connection: frames in, bounded to {@code max-frame-chars}, go to
 * the character's session; JSON messages out come from a bounded buffer. A client too slow to take
 * its messages overflows that buffer and is disconnected; it can reconnect and resume by seq, so it
 * loses nothing within the resume window, and the world never waits for it.
 */
final class PlaySocket {

  private PlaySocket() {}

  static Flow<Message, Message, NotUsed> flow(
      ActorSystem<?> system, Gateway gateway, ActorRef<Object> registry, Principal principal, long since) {
    String connection = UUID.randomUUID().toString();
    Materializer materializer = Materializer.matFromSystem(system);
    Pair<ActorRef<PlaySession.Outgoing>, Source<PlaySession.Outgoing, NotUsed>> out =
        ActorSource.<PlaySession.Outgoing>actorRef(o -> false, o -> Optional.empty(), gateway.outBuffer(),
            OverflowStrategy.fail()).preMaterialize(materializer);
    Source<Message, NotUsed> toClient = out.second()
        .takeWhile(o -> !o.close(), true)
        .map(o -> (Message) TextMessage.create(o.json()));
    Sink<Message, NotUsed> fromClient = Flow.<Message>create()
        .mapAsync(1, m -> read(m, connection, gateway.maxFrameChars(), materializer))
        .map(frame -> (Object) new SessionRegistry.ToSession(principal, frame))
        .to(ActorSink.actorRef(registry, new SessionRegistry.ToSession(principal, new PlaySession.Detach(connection)),
            failure -> new SessionRegistry.ToSession(principal, new PlaySession.Detach(connection))));
    registry.tell(new SessionRegistry.ToSession(principal, new PlaySession.Attach(connection, out.first(), since)));
    gateway.metrics().connection(1);
    return Flow.fromSinkAndSourceCoupled(fromClient, toClient)
        .watchTermination((notUsed, done) -> {
          done.whenComplete((d, e) -> gateway.metrics().connection(-1));
          return NotUsed.getInstance();
        });
  }

  /** A frame as text, or a refusal when it is binary or longer than {@code max} characters. */
  private static CompletionStage<PlaySession.Message> read(Message m, String connection, int max, Materializer mat) {
    if (!m.isText()) {
      return m.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), mat).thenApply(done ->
          new PlaySession.BadFrame(connection, "BAD_FRAME", "Send text frames: a line to type, or a JSON message."));
    }
    TextMessage text = m.asTextMessage();
    if (text.isStrict()) {
      return CompletableFuture.completedFuture(bounded(text.getStrictText(), connection, max));
    }
    return text.getStreamedText()
        .runFold(new StringBuilder(), (sb, part) -> sb.length() > max ? sb : sb.append(part), mat)
        .thenApply(sb -> bounded(sb.toString(), connection, max));
  }

  private static PlaySession.Message bounded(String text, String connection, int max) {
    if (text.length() > max) {
      return new PlaySession.BadFrame(connection, "TOO_LARGE",
          "That message is too long: at most " + max + " characters are read.");
    }
    return new PlaySession.Frame(connection, text);
  }
}
