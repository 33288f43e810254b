package io.microcosm.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import io.microcosm.clock.WorldClock.Advance;
import io.microcosm.clock.WorldClock.AdvanceReply;
import io.microcosm.clock.WorldClock.Advanced;
import io.microcosm.clock.WorldClock.Command;
import io.microcosm.clock.WorldClock.Event;
import io.microcosm.clock.WorldClock.Held;
import io.microcosm.clock.WorldClock.State;
import io.microcosm.clock.WorldClock.TicksPassed;
import io.microcosm.clock.WorldClock.TimeView;
import io.microcosm.entity.TickClock;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.ManualClock;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.world.WorldLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WorldClockTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  private static final Duration SECOND = Duration.ofSeconds(1);

  /** The time base: ticks of one second since the epoch, by a clock the test moves. */
  private final ManualClock wall = ManualClock.at("2026-03-01T10:00:00Z");
  private final TickClock timeBase = TickClock.of(wall, SECOND);
  private final Almanac almanac = Almanac.calm(WorldLoader.load("vale"));
  private final List<long[]> heard = new ArrayList<>();
  private EventSourcedBehaviorTestKit<Command, Event, State> clock;

  @BeforeEach
  void setUp() {
    heard.clear();
    // Interval zero: no timer; the test sends Advance itself and never waits.
    clock = EventSourcedBehaviorTestKit.create(kit.testKit().system(),
        WorldClock.create("vale", timeBase, almanac, Set.of("vale", "mines"), (from, to) -> heard.add(new long[] {from, to}),
            Duration.ZERO, 100),
        EventSourcedBehaviorTestKit.enabledSerializationSettings());
    clock.clear();
  }

  private AdvanceReply advance() {
    return clock.<AdvanceReply>runCommand(Advance::new).reply();
  }

  @Test
  void a_new_world_starts_at_the_current_tick_and_then_announces_every_tick_once_in_order() {
    long start = timeBase.now();
    assertEquals(new Advanced(start, start), advance());
    assertEquals(new Held(start), advance(), "nothing new in the same second");
    for (int i = 0; i < 3_000; i++) {
      wall.advance(SECOND);
      assertEquals(new Advanced(start + i + 1, start + i + 1), advance());
    }
    wall.advance(Duration.ofSeconds(90));
    assertEquals(new Advanced(start + 3_001, start + 3_090), advance(), "a late timer catches up on all it missed");
    long expected = start;
    for (long[] range : heard) {
      assertEquals(expected, range[0], "no tick skipped or repeated");
      expected = range[1] + 1;
    }
    assertEquals(start + 3_091, expected);
    assertEquals(start + 3_090, clock.getState().tick());
  }

  @Test
  void after_a_restart_the_clock_resumes_where_it_was_and_never_goes_back() {
    long start = timeBase.now();
    advance();
    for (int i = 0; i < 1_500; i++) {
      wall.advance(SECOND);
      advance();
    }
    long reached = start + 1_500;
    clock.restart();
    assertEquals(reached, clock.getState().tick(), "recovered from the journal (and its snapshots)");

    // The singleton moved to a node whose clock is two minutes behind: it holds rather than go back.
    wall.advance(Duration.ofSeconds(-120));
    for (int i = 0; i < 119; i++) {
      wall.advance(SECOND);
      assertEquals(new Held(reached), advance());
    }
    TimeView held = clock.<TimeView>runCommand(WorldClock.GetTime::new).reply();
    assertEquals(reached, held.tick());
    wall.advance(Duration.ofSeconds(2));
    assertEquals(new Advanced(reached + 1, reached + 1), advance(), "it goes on from the next tick, none twice");

    // The world was down for an hour: the whole hour passes at once when it is back.
    clock.restart();
    wall.advance(Duration.ofHours(1));
    AdvanceReply after = advance();
    assertEquals(new Advanced(reached + 2, reached + 1 + 3_600), after);
    assertEquals(reached + 1 + 3_600, clock.getState().tick());
  }

  @Test
  void the_time_tells_the_calendar_and_each_zones_conditions() {
    advance();
    TimeView view = clock.<TimeView>runCommand(WorldClock.GetTime::new).reply();
    long tick = timeBase.now();
    assertEquals(tick, view.tick());
    assertEquals(almanac.time(tick), view.time());
    assertEquals(List.of("mines", "vale"), List.copyOf(view.zones().keySet()));
    assertEquals(almanac.conditions("vale", tick), view.zones().get("vale"));
    wall.advance(SECOND);
    assertEquals(List.of(new TicksPassed(tick + 1, tick + 1)), clock.<AdvanceReply>runCommand(Advance::new).events());
  }
}
