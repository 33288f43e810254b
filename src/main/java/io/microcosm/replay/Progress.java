package io.microcosm.replay;

import java.io.PrintStream;

/**
 * Progress of a long read on stderr: events, events per second, elapsed time and, from the share of
 * entities done, the time left. Quiet for the first two seconds, so short reads print nothing.
 */
final class Progress {

  private static final long FIRST_REPORT_NANOS = 2_000_000_000L;
  private static final long EVERY_NANOS = 2_000_000_000L;

  private final String what;
  private final int entities;
  private final boolean enabled;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private long nextReport = start + FIRST_REPORT_NANOS;
  private long events;
  private int entitiesDone;
  private boolean reported;

  Progress(String what, int entities, boolean enabled) {
    this(what, entities, enabled, System.err);
  }

  Progress(String what, int entities, boolean enabled, PrintStream out) {
    this.what = what;
    this.entities = entities;
    this.enabled = enabled;
    this.out = out;
  }

  void event() {
    events++;
    if (enabled && (events & 0x3FF) == 0) {
      long now = System.nanoTime();
      if (now >= nextReport) {
        nextReport = now + EVERY_NANOS;
        report(now, false);
      }
    }
  }

  void entityDone() {
    entitiesDone++;
  }

  long events() {
    return events;
  }

  double seconds() {
    return (System.nanoTime() - start) / 1e9;
  }

  /** A last line with the totals, if anything was reported before. */
  void finish() {
    if (enabled && reported) {
      report(System.nanoTime(), true);
    }
  }

  private void report(long now, boolean last) {
    reported = true;
    double elapsed = (now - start) / 1e9;
    StringBuilder line = new StringBuilder(String.format("%s: %,d events, %,d/%,d entities, %,.0f events/s, %s elapsed",
        what, events, entitiesDone, entities, events / Math.max(elapsed, 1e-9), clock(elapsed)));
    if (!last && entitiesDone > 0 && entitiesDone < entities) {
      double left = elapsed * (entities - entitiesDone) / entitiesDone;
      line.append(", about ").append(clock(left)).append(" left");
    } else if (last) {
      line.append(", done");
    }
    out.println(line);
    out.flush();
  }

  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String.format("%d:%02d", s / 60, s % 60);
  }
}
