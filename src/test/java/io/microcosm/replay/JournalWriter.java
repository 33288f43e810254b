package io.microcosm.replay;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import io.microcosm.entity.EntityKind;
import io.microcosm.entity.EntitySettings;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Appends given events to an entity's journal, tagged as the entity would tag them, through the
 * configured journal plugin: how tests write sequences no entity would (a receipt without its
 * grant, a command applied twice) and how the replay benchmark writes a large journal quickly.
 */
final class JournalWriter extends EventSourcedBehavior<JournalWriter.Command, Object, Long> {

  sealed interface Command {}

  /** Appends {@code events} in one atomic write; stops afterwards when {@code last}. */
  record Append(List<?> events, boolean last, ActorRef<Done> replyTo) implements Command {}

  private final Set<String> tags;

  private JournalWriter(EntityKind kind, String entityId, EntitySettings settings) {
    super(PersistenceId.of(kind.typeName(), entityId));
    this.tags = settings.tagsFor(kind, PersistenceId.of(kind.typeName(), entityId));
  }

  /** A writer for the entity (it reads the entity's journal first, to continue its sequence numbers). */
  static ActorRef<Command> spawn(ActorSystem<?> system, EntitySettings settings, EntityKind kind, String entityId) {
    return system.systemActorOf(new JournalWriter(kind, entityId, settings), "journal-writer-" + UUID.randomUUID(),
        Props.empty());
  }

  static CompletionStage<Done> append(ActorSystem<?> system, ActorRef<Command> writer, List<?> events, boolean last) {
    return AskPattern.ask(writer, r -> new Append(events, last, r), Duration.ofSeconds(60), system.scheduler());
  }

  /** Appends {@code events} to the entity's journal in one atomic write. */
  static CompletionStage<Done> append(
      ActorSystem<?> system, EntitySettings settings, EntityKind kind, String entityId, List<?> events) {
    return append(system, spawn(system, settings, kind, entityId), events, true);
  }

  @Override
  public Long emptyState() {
    return 0L;
  }

  @Override
  public Set<String> tagsFor(Object event) {
    return tags;
  }

  @Override
  public CommandHandler<Command, Object, Long> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Append.class, (state, cmd) -> {
          var effect = Effect().persist(List.<Object>copyOf(cmd.events())).thenRun(s -> cmd.replyTo().tell(Done.getInstance()));
          return cmd.last() ? effect.thenStop() : effect;
        })
        .build();
  }

  @Override
  public EventHandler<Long, Object> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((count, event) -> count + 1);
  }
}
