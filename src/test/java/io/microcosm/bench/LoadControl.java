package io.microcosm.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shared by the benchmark's main thread and the client actors of one workload: which tally the
 * clients write to, when they must stop, and the error budget.
 */
final class LoadControl {

  private final AtomicReference<Tally> tally = new AtomicReference<>(new Tally());
  private final AtomicLong failures = new AtomicLong();
  private final ConcurrentHashMap<String, String> whereClientsAre = new ConcurrentHashMap<>();
  private final CountDownLatch clientsStopped;
  private final long maxErrors;
  private final Duration askTimeout;
  private volatile boolean stopping;
  private volatile String abortReason;

  LoadControl(int clients, long maxErrors, Duration askTimeout) {
    this.clientsStopped = new CountDownLatch(clients);
    this.maxErrors = maxErrors;
    this.askTimeout = askTimeout;
  }

  Duration askTimeout() {
    return askTimeout;
  }

  /** Starts a new phase; returns the tally of the one that ended. */
  Tally nextPhase() {
    return tally.getAndSet(new Tally());
  }

  void answered(String verb, String result, long sentNanos) {
    tally.get().answered(verb, result, (System.nanoTime() - sentNanos) / 1_000);
  }

  void sent(String verb) {
    tally.get().sent(verb);
  }

  void happened(String what) {
    tally.get().happened(what, 1);
  }

  void happened(String what, long count) {
    tally.get().happened(what, count);
  }

  void failed(String verb, Throwable cause) {
    tally.get().failed(verb, cause);
    long total = failures.incrementAndGet();
    if (total > maxErrors && abortReason == null) {
      abortReason = total + " commands got no answer (limit " + maxErrors + "); last: " + verb + " " + cause;
      stopping = true;
    }
  }

  /** Where a client's latest answer placed it, so the report can show how crowded places were. */
  void clientIsAt(String client, String place) {
    whereClientsAre.put(client, place);
  }

  Map<String, Long> clientsByPlace() {
    Map<String, Long> counts = new TreeMap<>();
    whereClientsAre.values().forEach(place -> counts.merge(place, 1L, Long::sum));
    return counts;
  }

  boolean stopping() {
    return stopping;
  }

  /** Clients finish the command in flight and stop. */
  void stop() {
    stopping = true;
  }

  /** Why the workload was cut short, or null. */
  String abortReason() {
    return abortReason;
  }

  void clientStopped() {
    clientsStopped.countDown();
  }

  boolean awaitClients(Duration timeout) throws InterruptedException {
    return clientsStopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  long clientsRunning() {
    return clientsStopped.getCount();
  }
}
