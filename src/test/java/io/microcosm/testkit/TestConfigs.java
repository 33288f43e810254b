package io.microcosm.testkit;

import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** Configurations for tests, always on top of the project's own {@code application.conf}. */
public final class TestConfigs {

  private TestConfigs() {}

  /**
   * For {@link EventSourcedBehaviorTestKit}: the in-memory test journal, a local (not clustered)
   * actor system, and the project's serialization bindings so the serialization checks are real.
   */
  public static Config eventSourcedUnit() {
    return ConfigFactory.parseString("akka.actor.provider = local\nakka.loglevel = WARNING\nakka.coordinated-shutdown.exit-jvm = off")
        .withFallback(EventSourcedBehaviorTestKit.config())
        .withFallback(ConfigFactory.load());
  }
}
