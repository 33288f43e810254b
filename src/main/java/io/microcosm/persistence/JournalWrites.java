package io.microcosm.persistence;

import io.prometheus.client.Histogram;
import scala.collection.immutable.Seq;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;
import scala.util.Try;

/**
 * How long the journal takes to write a batch of events, whichever store it is: the timed journal
 * plugins of this package observe each write here, and {@code /metrics} serves it as
 * {@code microcosm_journal_write_seconds}. The time runs from the plugin being handed the batch to
 * the store confirming it, so it includes the wait for the store under load.
 */
public final class JournalWrites {

  /** One histogram per JVM, as there is one journal per actor system (tests that run several share it). */
  public static final Histogram SECONDS = Histogram.build("microcosm_journal_write_seconds",
          "Time for the journal to write a batch of events, by store.")
      .labelNames("store").buckets(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
      .create();

  private JournalWrites() {}

  static <T> Future<Seq<Try<T>>> timed(String store, Future<Seq<Try<T>>> write) {
    long start = System.nanoTime();
    FutureConverters.asJava(write).whenComplete((done, failure) ->
        SECONDS.labels(store).observe((System.nanoTime() - start) / 1e9));
    return write;
  }
}
