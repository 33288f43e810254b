package io.microcosm.replay;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
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
final class JournalWriter extends EventSourcedBehavior<JournalWriter.Append, Object, Long> {

  record Append(List<?> events, ActorRef<Done> replyTo) {}

  private final Set<String> tags;

  private JournalWriter(EntityKind kind, String entityId, EntitySettings settings) {
    super(PersistenceId.of(kind.typeName(), entityId));
    this.tags = settings.tagsFor(kind, PersistenceId.of(kind.typeName(), entityId));
  }

  static Behavior<Append> create(EntityKind kind, String entityId, EntitySettings settings) {
    return new JournalWriter(kind, entityId, settings);
  }

  /** Spawns a writer for the entity, which appends {@code events} in one atomic write and stops. */
  static CompletionStage<Done> append(
      ActorSystem<?> system, EntitySettings settings, EntityKind kind, String entityId, List<?> events) {
    ActorRef<Append> writer = system.systemActorOf(create(kind, entityId, settings),
        "journal-writer-" + UUID.randomUUID(), Props.empty());
    return AskPattern.ask(writer, r -> new Append(events, r), Duration.ofSeconds(60), system.scheduler());
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
  public CommandHandler<Append, Object, Long> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Append.class, (state, cmd) -> Effect().persist(List.<Object>copyOf(cmd.events()))
            .thenRun(s -> cmd.replyTo().tell(Done.getInstance()))
            .thenStop())
        .build();
  }

  @Override
  public EventHandler<Long, Object> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((count, event) -> count + 1);
  }
}
