package io.microcosm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.microcosm.MicrocosmConfig;
import io.microcosm.gateway.RateLimiter.Allowed;
import io.microcosm.gateway.RateLimiter.Disconnect;
import io.microcosm.gateway.RateLimiter.Limited;
import io.microcosm.gateway.RateLimiter.Settings;
import io.microcosm.gateway.RateLimiter.Verdict;
import io.microcosm.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  private final ManualClock clock = ManualClock.at("2026-03-01T10:00:00Z");

  /** 200 at once, 100 a minute (one per 600 ms), disconnect after 5 refusals within 10 s. */
  private RateLimiter limiter(int maxTracked) {
    return new RateLimiter(new Settings(200, 100, 5, Duration.ofSeconds(10), maxTracked), clock);
  }

  private static void drain(RateLimiter limiter, String key, int times) {
    for (int i = 0; i < times; i++) {
      assertInstanceOf(Allowed.class, limiter.tryAcquire(key), "token " + (i + 1));
    }
  }

  @Test
  void a_full_bucket_allows_a_burst_then_says_when_to_retry() {
    RateLimiter limiter = limiter(100);
    assertEquals(new Allowed(199), limiter.tryAcquire("ann"));
    drain(limiter, "ann", 199);
    assertEquals(new Limited(Duration.ofMillis(600)), limiter.tryAcquire("ann"));
    clock.advance(Duration.ofMillis(250));
    assertEquals(new Limited(Duration.ofMillis(350)), limiter.tryAcquire("ann"), "the wait shrinks as time passes");
    assertInstanceOf(Allowed.class, limiter.tryAcquire("bob"), "each key has its own bucket");
  }

  @Test
  void the_bucket_refills_at_the_configured_rate_up_to_its_capacity() {
    RateLimiter limiter = limiter(100);
    drain(limiter, "ann", 200);
    clock.advance(Duration.ofMillis(600));
    assertEquals(new Allowed(0), limiter.tryAcquire("ann"));
    assertInstanceOf(Limited.class, limiter.tryAcquire("ann"));
    clock.advance(Duration.ofMinutes(1));
    drain(limiter, "ann", 100);
    assertInstanceOf(Limited.class, limiter.tryAcquire("ann"), "a minute brings 100");
    clock.advance(Duration.ofHours(1));
    drain(limiter, "ann", 200);
    assertInstanceOf(Limited.class, limiter.tryAcquire("ann"), "never more than the burst");
  }

  @Test
  void a_clock_going_backwards_gives_nothing_for_free() {
    RateLimiter limiter = limiter(100);
    drain(limiter, "ann", 200);
    Instant now = clock.instant();
    assertInstanceOf(Limited.class, limiter.tryAcquire("ann", now.minusSeconds(30)));
    assertInstanceOf(Limited.class, limiter.tryAcquire("ann", now));
  }

  @Test
  void too_many_refusals_within_the_window_earn_a_disconnect() {
    RateLimiter limiter = limiter(100);
    drain(limiter, "spam", 200);
    for (int i = 0; i < 4; i++) {
      assertInstanceOf(Limited.class, limiter.tryAcquire("spam"));
      clock.advance(Duration.ofMillis(100));
    }
    Disconnect verdict = assertInstanceOf(Disconnect.class, limiter.tryAcquire("spam"));
    assertEquals(5, verdict.refusals());
    assertEquals(Duration.ofSeconds(10), verdict.window());
    assertInstanceOf(Limited.class, limiter.tryAcquire("spam"), "the count starts again after a disconnect");
  }

  @Test
  void refusals_spread_wider_than_the_window_are_only_limited() {
    RateLimiter limiter = limiter(100);
    drain(limiter, "slow", 200);
    // One refusal every 3 s: any five of them span 12 s, more than the 10 s window.
    for (int i = 0; i < 20; i++) {
      Verdict verdict;
      do {
        verdict = limiter.tryAcquire("slow");
      } while (verdict instanceof Allowed);
      assertInstanceOf(Limited.class, verdict, "refusal " + i);
      clock.advance(Duration.ofSeconds(3));
    }
  }

  @Test
  void idle_buckets_are_forgotten_once_they_are_full_again() {
    RateLimiter limiter = limiter(1_000);
    for (int i = 0; i < 50; i++) {
      limiter.tryAcquire("player-" + i);
    }
    drain(limiter, "busy", 200);
    assertEquals(51, limiter.tracked());
    clock.advance(Duration.ofSeconds(1));
    limiter.evictIdle(clock.instant());
    assertEquals(1, limiter.tracked(), "one token back after 600 ms: the others are full, the drained one is not");

    clock.advance(Duration.ofMinutes(2));
    limiter.evictIdle(clock.instant());
    assertEquals(0, limiter.tracked(), "full after two minutes: nothing is lost by forgetting it");
  }

  @Test
  void ordinary_use_sweeps_idle_buckets_without_an_explicit_call() {
    RateLimiter limiter = limiter(1_000);
    for (int i = 0; i < 40; i++) {
      limiter.tryAcquire("player-" + i);
    }
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 20; i++) {
      limiter.tryAcquire("active");
    }
    assertEquals(1, limiter.tracked(), "a few idle buckets go with every call");
  }

  @Test
  void a_refused_bucket_is_kept_until_its_abuse_window_has_passed() {
    RateLimiter limiter = new RateLimiter(new Settings(1, 6_000, 5, Duration.ofSeconds(10), 100), clock);
    limiter.tryAcquire("ann");
    assertInstanceOf(Limited.class, limiter.tryAcquire("ann"));
    clock.advance(Duration.ofSeconds(5));
    limiter.evictIdle(clock.instant());
    assertEquals(1, limiter.tracked(), "refilled long ago, but its refusal still counts");
    clock.advance(Duration.ofSeconds(6));
    limiter.evictIdle(clock.instant());
    assertEquals(0, limiter.tracked());
  }

  @Test
  void memory_is_capped_by_forgetting_the_least_recently_used() {
    RateLimiter limiter = limiter(3);
    drain(limiter, "a", 200);
    drain(limiter, "b", 1);
    drain(limiter, "c", 1);
    limiter.tryAcquire("a");
    limiter.tryAcquire("d");
    assertEquals(3, limiter.tracked());
    assertEquals(new Allowed(199), limiter.tryAcquire("b"), "b was least recently used, forgotten and starts full");
    assertInstanceOf(Limited.class, limiter.tryAcquire("a"), "a was used recently and is still empty");
  }

  @Test
  void connections_are_limited_per_address_from_the_configuration() {
    RateLimiter connections = RateLimiter.forConnections(MicrocosmConfig.load(), clock);
    assertEquals(20, connections.settings().burst());
    drain(connections, "10.0.0.1", 20);
    assertEquals(new Limited(Duration.ofSeconds(2)), connections.tryAcquire("10.0.0.1"));
    for (int i = 0; i < 100; i++) {
      assertInstanceOf(Limited.class, connections.tryAcquire("10.0.0.1"), "connections are never disconnect verdicts");
    }
    assertInstanceOf(Allowed.class, connections.tryAcquire("10.0.0.2"));
  }

  @Test
  void command_limits_come_from_the_configuration() {
    Settings settings = RateLimiter.forCommands(MicrocosmConfig.load(), clock).settings();
    assertEquals(new Settings(200, 100, 50, Duration.ofMinutes(1), 100_000), settings);
  }

  @Test
  void nonsensical_settings_are_refused() {
    assertThrows(IllegalArgumentException.class, () -> new Settings(0, 100, 5, Duration.ofSeconds(10), 10));
    assertThrows(IllegalArgumentException.class, () -> new Settings(10, 0, 5, Duration.ofSeconds(10), 10));
    assertThrows(IllegalArgumentException.class, () -> new Settings(10, 100, 5, Duration.ZERO, 10));
    assertThrows(IllegalArgumentException.class, () -> new Settings(10, 100, -1, Duration.ofSeconds(1), 10));
    assertThrows(IllegalArgumentException.class, () -> new Settings(10, 100, 5, Duration.ofSeconds(1), 0));
  }
}
