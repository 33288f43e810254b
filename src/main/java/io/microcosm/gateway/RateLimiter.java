package io.microcosm.gateway;

import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Token buckets by key: one per player for commands, one per remote address for new connections.
 * A bucket holds up to {@code burst} tokens and regains {@code refillPerMinute} per minute; each
 * acquisition takes one, and an empty bucket answers how long until the next token.
 *
 * <p>Abuse: a key refused {@code abuseRefusals} times within {@code abuseWindow} gets a
 * {@link Disconnect} verdict instead of another {@link Limited}: a client that keeps sending while
 * told to wait is not a person typing.
 *
 * <p>Memory is bounded: a bucket that has refilled and has no recent refusals is the same as a new
 * one, so it is forgotten (checked a few buckets at a time, least recently used first); beyond
 * {@code maxTracked} keys the least recently used is forgotten even if not idle yet.
 *
 * <p>Pure and thread-safe: the clock comes in with each call (or from the {@link Clock} given), and
 * methods are synchronized, since each call is a few arithmetic operations.
 */
public final class RateLimiter {

  /**
   * @param burst the bucket's capacity: how many may be taken at once after a quiet spell
   * @param refillPerMinute tokens regained per minute
   * @param abuseRefusals refusals within {@code abuseWindow} that earn a disconnect; 0 for never
   * @param abuseWindow see above
   * @param maxTracked the most keys remembered at once
   */
  public record Settings(int burst, double refillPerMinute, int abuseRefusals, Duration abuseWindow, int maxTracked) {
    public Settings {
      if (burst < 1) {
        throw new IllegalArgumentException("burst must be >= 1, was " + burst);
      }
      if (!(refillPerMinute > 0)) {
        throw new IllegalArgumentException("refill-per-minute must be positive, was " + refillPerMinute);
      }
      if (abuseRefusals < 0) {
        throw new IllegalArgumentException("abuse refusals must be >= 0 (0 turns the check off), was " + abuseRefusals);
      }
      Objects.requireNonNull(abuseWindow, "abuseWindow");
      if (abuseRefusals > 0 && (abuseWindow.isNegative() || abuseWindow.isZero())) {
        throw new IllegalArgumentException("the abuse window must be positive, was " + abuseWindow);
      }
      if (maxTracked < 1) {
        throw new IllegalArgumentException("max-tracked must be >= 1, was " + maxTracked);
      }
    }

    /** Commands per player, from {@code microcosm.limits.commands}, {@code .abuse} and {@code .max-tracked}. */
    public static Settings commands(Config config) {
      Config c = config.getConfig("microcosm.limits");
      return new Settings(c.getInt("commands.burst"), c.getDouble("commands.refill-per-minute"),
          c.getInt("abuse.refusals"), c.getDuration("abuse.window"), c.getInt("max-tracked"));
    }

    /** New connections per remote address, from {@code microcosm.limits.connections}; no abuse verdicts. */
    public static Settings connections(Config config) {
      Config c = config.getConfig("microcosm.limits");
      return new Settings(c.getInt("connections.burst"), c.getDouble("connections.refill-per-minute"),
          0, Duration.ZERO, c.getInt("max-tracked"));
    }
  }

  public sealed interface Verdict permits Allowed, Limited, Disconnect {}

  /** @param remaining tokens left after this one */
  public record Allowed(int remaining) implements Verdict {}

  /** Refused; the next token comes after {@code retryAfter}. */
  public record Limited(Duration retryAfter) implements Verdict {}

  /** Refused, and refused so often lately that the connection should be closed. */
  public record Disconnect(Duration retryAfter, int refusals, Duration window) implements Verdict {}

  /** How many buckets each call examines for idleness, so no call does unbounded work. */
  private static final int SWEEP_PER_CALL = 4;

  private final Settings settings;
  private final Clock clock;
  private final double millisPerToken;
  private final long abuseWindowMillis;
  /** In access order: the least recently used bucket first. */
  private final LinkedHashMap<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true);

  public RateLimiter(Settings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.millisPerToken = 60_000.0 / settings.refillPerMinute();
    this.abuseWindowMillis = settings.abuseWindow().toMillis();
  }

  public static RateLimiter forCommands(Config config, Clock clock) {
    return new RateLimiter(Settings.commands(config), clock);
  }

  public static RateLimiter forConnections(Config config, Clock clock) {
    return new RateLimiter(Settings.connections(config), clock);
  }

  public Settings settings() {
    return settings;
  }

  /** Takes a token for {@code key} now, by the limiter's clock. */
  public Verdict tryAcquire(String key) {
    return tryAcquire(key, clock.instant());
  }

  public synchronized Verdict tryAcquire(String key, Instant now) {
    long at = now.toEpochMilli();
    sweep(at);
    Bucket bucket = buckets.get(key);
    if (bucket == null) {
      bucket = new Bucket(settings.burst(), at);
      buckets.put(key, bucket);
      trim();
    }
    bucket.refill(at);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return new Allowed((int) bucket.tokens);
    }
    Duration retryAfter = Duration.ofMillis(millisUntil(1 - bucket.tokens));
    if (settings.abuseRefusals() > 0 && bucket.refused(at) >= settings.abuseRefusals()) {
      bucket.forgiveRefusals();
      return new Disconnect(retryAfter, settings.abuseRefusals(), settings.abuseWindow());
    }
    return new Limited(retryAfter);
  }

  /** How many keys are remembered. */
  public synchronized int tracked() {
    return buckets.size();
  }

  /** Forgets idle buckets now, however many there are (for a periodic clean-up, and tests). */
  public synchronized void evictIdle(Instant now) {
    long at = now.toEpochMilli();
    buckets.values().removeIf(b -> b.idleAt(at) <= at);
  }

  /** Milliseconds until {@code tokens} more have been refilled (rounding noise is not a millisecond). */
  private long millisUntil(double tokens) {
    return (long) Math.ceil(tokens * millisPerToken - 1e-6);
  }

  private void sweep(long now) {
    Iterator<Bucket> it = buckets.values().iterator();
    for (int i = 0; i < SWEEP_PER_CALL && it.hasNext(); i++) {
      if (it.next().idleAt(now) <= now) {
        it.remove();
      } else {
        // The rest were used more recently; they will come to the front in time.
        return;
      }
    }
  }

  private void trim() {
    Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator();
    while (buckets.size() > settings.maxTracked() && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  private final class Bucket {
    double tokens;
    long updatedAt;
    /** Times of the latest refusals, a ring of {@code abuseRefusals}; allocated at the first refusal. */
    long[] refusals;
    int nextRefusal;
    int refusalCount;
    long lastRefusal = Long.MIN_VALUE;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.updatedAt = now;
    }

    void refill(long now) {
      if (now > updatedAt) {
        tokens = Math.min(settings.burst(), tokens + (now - updatedAt) / millisPerToken);
        updatedAt = now;
      }
    }

    /** Records a refusal; returns how many refusals fall within the abuse window, this one included. */
    int refused(long now) {
      lastRefusal = now;
      if (settings.abuseRefusals() == 0) {
        return 0;
      }
      if (refusals == null) {
        refusals = new long[settings.abuseRefusals()];
      }
      refusals[nextRefusal] = now;
      nextRefusal = (nextRefusal + 1) % refusals.length;
      refusalCount = Math.min(refusalCount + 1, refusals.length);
      int within = 0;
      for (int i = 0; i < refusalCount; i++) {
        if (now - refusals[i] < abuseWindowMillis) {
          within++;
        }
      }
      return within;
    }

    void forgiveRefusals() {
      refusalCount = 0;
      nextRefusal = 0;
    }

    /** When this bucket becomes indistinguishable from a new one: full, and no refusal in the window. */
    long idleAt(long now) {
      refill(now);
      long full = updatedAt + millisUntil(settings.burst() - tokens);
      long quiet = lastRefusal == Long.MIN_VALUE ? Long.MIN_VALUE : lastRefusal + abuseWindowMillis;
      return Math.max(full, quiet);
    }
  }
}
