package io.microcosm.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the WebSocket bots saw during one phase: the round trip of every answered command, how each
 * capability was answered, what went wrong and what the server pushed unasked. Written by many
 * listener threads at once, read once when the phase is over.
 */
final class WsTally {

  /** Auto-resizing, so a stall of any length is recorded rather than clipped. */
  private final Recorder roundTripMicros = new Recorder(3);
  private final ConcurrentHashMap<String, Recorder> byCapability = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> sent = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> received = new ConcurrentHashMap<>();
  private final LongAdder waiting = new LongAdder();
  private final LongAdder late = new LongAdder();

  /** A command answered within the timeout; {@code outcome} is ok, a rejection code or "error CODE". */
  void answered(String capability, String outcome, long micros) {
    long value = Math.max(0, micros);
    roundTripMicros.recordValue(value);
    byCapability.computeIfAbsent(capability, c -> new Recorder(3)).recordValue(value);
    count(outcomes, capability + " " + outcome);
  }

  /** Something that went wrong, by kind: "error CODE", "timeout", "closed ...", "unmatched ...". */
  void error(String kind) {
    count(errors, kind);
  }

  void sent(String capability) {
    count(sent, capability);
  }

  /** A message from the server, by type, answer or not. */
  void received(String type) {
    count(received, type);
  }

  /** A bot's turn came while its last command was still unanswered, so it sent nothing. */
  void stillWaiting() {
    waiting.increment();
  }

  /** An answer to a command that had already timed out. */
  void late() {
    late.increment();
  }

  /** Call once, after the phase ended and writers have moved on to the next tally. */
  Histogram roundTrips() {
    return roundTripMicros.getIntervalHistogram();
  }

  Map<String, Histogram> roundTripsByCapability() {
    Map<String, Histogram> sorted = new TreeMap<>();
    byCapability.forEach((c, r) -> sorted.put(c, r.getIntervalHistogram()));
    return sorted;
  }

  Map<String, Long> outcomes() {
    return sums(outcomes);
  }

  Map<String, Long> errors() {
    return sums(errors);
  }

  Map<String, Long> sent() {
    return sums(sent);
  }

  Map<String, Long> received() {
    return sums(received);
  }

  long waitingTurns() {
    return waiting.sum();
  }

  long lateAnswers() {
    return late.sum();
  }

  private static void count(ConcurrentHashMap<String, LongAdder> counters, String key) {
    counters.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static Map<String, Long> sums(ConcurrentHashMap<String, LongAdder> counters) {
    Map<String, Long> sorted = new TreeMap<>();
    counters.forEach((k, v) -> sorted.put(k, v.sum()));
    return sorted;
  }
}
