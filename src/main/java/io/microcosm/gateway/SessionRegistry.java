package io.microcosm.gateway;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.Behaviors;
import io.microcosm.account.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The play sessions of this gateway node, one per character. Connections reach their session
 * through here; a session that outlived its resume window stops and is forgotten.
 */
public final class SessionRegistry {

  /** A message for the session of {@code principal}'s character; an Attach starts one if needed. */
  public record ToSession(Principal principal, PlaySession.Message message) {}

  /**
   * The node is shutting down: every session tells its client {@code text} and ends; {@code replyTo}
   * hears Done once all have ended. Connections attaching afterwards are told the same at once.
   */
  public record Drain(String text, ActorRef<Done> replyTo) {}

  private SessionRegistry() {}

  public static Behavior<Object> create(Gateway gateway) {
    return Behaviors.setup(context -> {
      Map<String, ActorRef<PlaySession.Message>> sessions = new HashMap<>();
      // Set once the node drains: the shutdown text, and who waits for the last session to end.
      String[] drainText = {null};
      List<ActorRef<Done>> drainWaiters = new ArrayList<>();
      return Behaviors.receive(Object.class)
          .onMessage(ToSession.class, m -> {
            String character = m.principal().character();
            ActorRef<PlaySession.Message> session = sessions.get(character);
            if (session == null) {
              if (!(m.message() instanceof PlaySession.Attach)) {
                // No session to give it to: a frame after the session expired, or a kick of no one.
                return Behaviors.same();
              }
              session = context.spawn(PlaySession.create(m.principal(), gateway), "session-" + sessions.size() + "-"
                  + character.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + System.nanoTime());
              context.watch(session);
              sessions.put(character, session);
              gateway.metrics().sessions(sessions.size());
            }
            session.tell(m.message());
            if (drainText[0] != null && m.message() instanceof PlaySession.Attach) {
              session.tell(new PlaySession.ShuttingDown(drainText[0]));
            }
            return Behaviors.same();
          })
          .onMessage(Drain.class, d -> {
            drainText[0] = d.text();
            sessions.values().forEach(session -> session.tell(new PlaySession.ShuttingDown(d.text())));
            if (sessions.isEmpty()) {
              d.replyTo().tell(Done.getInstance());
            } else {
              drainWaiters.add(d.replyTo());
            }
            return Behaviors.same();
          })
          .onSignal(Terminated.class, t -> {
            sessions.values().remove(t.getRef());
            gateway.metrics().sessions(sessions.size());
            if (sessions.isEmpty()) {
              drainWaiters.forEach(w -> w.tell(Done.getInstance()));
              drainWaiters.clear();
            }
            return Behaviors.same();
          })
          .build();
    });
  }
}
