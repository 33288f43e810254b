package io.microcosm.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the clients saw during one phase: the latency of every answered command and how each verb
 * was answered. Written by many client actors at once, read once when the phase is over.
 */
final class Tally {

  static final String ACCEPTED = "ok";

  /** Auto-resizing, so a stall of any length is recorded rather than clipped. */
  private final Recorder latencyMicros = new Recorder(3);
  private final ConcurrentHashMap<String, Recorder> latencyMicrosByVerb = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Outcome, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> sent = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> happenings = new ConcurrentHashMap<>();

  /** @param result {@link #ACCEPTED} or the rejection code */
  record Outcome(String verb, String result) implements Comparable<Outcome> {
    boolean accepted() {
      return result.equals(ACCEPTED);
    }

    @Override
    public int compareTo(Outcome o) {
      int byVerb = verb.compareTo(o.verb);
      return byVerb != 0 ? byVerb : result.compareTo(o.result);
    }
  }

  void answered(String verb, String result, long micros) {
    long value = Math.max(0, micros);
    latencyMicros.recordValue(value);
    latencyMicrosByVerb.computeIfAbsent(verb, v -> new Recorder(3)).recordValue(value);
    outcomes.computeIfAbsent(new Outcome(verb, result), k -> new LongAdder()).increment();
  }

  /** A command that got no answer (a timeout): not a command served, so no latency either. */
  void failed(String verb, Throwable cause) {
    failures.computeIfAbsent(verb + ": " + cause.getClass().getSimpleName(), k -> new LongAdder()).increment();
  }

  /** A command sent, answered or not (clients that report what they send). */
  void sent(String verb) {
    sent.computeIfAbsent(verb, k -> new LongAdder()).increment();
  }

  /** Something that happened in the game, such as a kill or a death, {@code count} times. */
  void happened(String what, long count) {
    happenings.computeIfAbsent(what, k -> new LongAdder()).add(count);
  }

  /** Call once, after the phase ended and writers have moved on to the next tally. */
  Histogram latencies() {
    return latencyMicros.getIntervalHistogram();
  }

  /** Like {@link #latencies()}, one histogram per verb. */
  Map<String, Histogram> latenciesByVerb() {
    Map<String, Histogram> sorted = new TreeMap<>();
    latencyMicrosByVerb.forEach((verb, recorder) -> sorted.put(verb, recorder.getIntervalHistogram()));
    return sorted;
  }

  Map<Outcome, Long> outcomes() {
    Map<Outcome, Long> sorted = new TreeMap<>();
    outcomes.forEach((k, v) -> sorted.put(k, v.sum()));
    return sorted;
  }

  Map<String, Long> failures() {
    return sums(failures);
  }

  Map<String, Long> sent() {
    return sums(sent);
  }

  Map<String, Long> happenings() {
    return sums(happenings);
  }

  private static Map<String, Long> sums(ConcurrentHashMap<String, LongAdder> counters) {
    Map<String, Long> sorted = new TreeMap<>();
    counters.forEach((k, v) -> sorted.put(k, v.sum()));
    return sorted;
  }
}
