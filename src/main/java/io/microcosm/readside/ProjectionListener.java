package io.microcosm.readside;

import akka.projection.eventsourced.EventEnvelope;
import java.util.List;

/**
 * Told of every batch of events a read-side projection on this node has applied to the read models
 * (telemetry is one; a benchmark measuring projection lag is another). Called on the projection's
 * thread, so it must be quick. A batch may be told again after a failure or restart.
 */
@FunctionalInterface
public interface ProjectionListener {

  /** @param tag the projection's tag, e.g. {@code player-2} */
  void projected(String tag, List<EventEnvelope<Object>> envelopes);
}
