package io.microcosm.location;

import static io.microcosm.testkit.TestWorlds.HALL;
import static io.microcosm.testkit.TestWorlds.YARD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.persistence.testkit.JournalOperation;
import akka.persistence.testkit.ProcessingPolicy;
import akka.persistence.testkit.ProcessingResult;
import akka.persistence.testkit.ProcessingSuccess;
import akka.persistence.testkit.WriteEvents;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import io.microcosm.entity.CommandMeta;
import io.microcosm.location.LocationEntity.*;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.TestWorlds;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A look is answered at once even while the location is busy writing an arrival. */
class LookDuringWriteTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  @Test
  void a_look_does_not_wait_for_a_write_in_progress() throws Exception {
    PersistenceTestKit journal = PersistenceTestKit.create(kit.testKit().system());
    ActorRef<Command> hall = kit.testKit().spawn(
        LocationEntity.create(HALL, TestWorlds.keep(), TestWorlds.settings(), () -> 1_000L));
    TestProbe<LookReply> looks = kit.testKit().createTestProbe();
    hall.tell(new Look(CommandMeta.fresh("test"), looks.ref()));
    assertInstanceOf(Seen.class, looks.receiveMessage(), "recovered and answering");

    CountDownLatch release = new CountDownLatch(1);
    journal.withPolicy(new ProcessingPolicy<JournalOperation>() {
      @Override
      public ProcessingResult tryProcess(String persistenceId, JournalOperation operation) {
        if (operation instanceof WriteEvents) {
          try {
            release.await(10, TimeUnit.SECONDS); // the journal is slow to write
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return ProcessingSuccess.getInstance();
      }
    });
    try {
      TestProbe<EnterReply> entries = kit.testKit().createTestProbe();
      hall.tell(new Enter(CommandMeta.fresh("ann"), "ann", YARD, entries.ref()));
      hall.tell(new Look(CommandMeta.fresh("bob"), looks.ref()));
      Seen seen = assertInstanceOf(Seen.class, looks.receiveMessage(Duration.ofSeconds(3)),
          "answered while the arrival is still being written");
      entries.expectNoMessage(Duration.ofMillis(100));
      release.countDown();
      Entered entered = assertInstanceOf(Entered.class, entries.receiveMessage(Duration.ofSeconds(5)));
      assertTrue(entered.view().occupants().contains("ann"));
      assertEquals(seen.view().occupants().size(), seen.view().present(), "a whole state, not half of one");
    } finally {
      release.countDown();
      journal.resetPolicy();
    }
  }
}
