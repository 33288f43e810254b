package io.microcosm.gateway;

import io.microcosm.clock.WorldClock;
import java.util.concurrent.CompletionStage;

/** Where {@code GET /api/world/time} gets the world's time: the world clock, in production. */
@FunctionalInterface
public interface WorldTimeSource {

  CompletionStage<WorldClock.TimeView> now();
}
