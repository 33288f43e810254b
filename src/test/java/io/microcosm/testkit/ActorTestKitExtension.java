package io.microcosm.testkit;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.Config;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Akka's {@link ActorTestKit} for JUnit 5 (Akka 2.8 ships only a JUnit 4 rule): one actor system per
 * test class, shut down after its last test. Use as {@code @RegisterExtension static final}.
 */
public final class ActorTestKitExtension implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<Config> config;
  private ActorTestKit testKit;

  public ActorTestKitExtension(Supplier<Config> config) {
    this.config = config;
  }

  public ActorTestKitExtension(Config config) {
    this(() -> config);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    testKit = ActorTestKit.create(context.getRequiredTestClass().getSimpleName(), config.get());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (testKit != null) {
      testKit.shutdownTestKit();
    }
  }

  public ActorTestKit testKit() {
    if (testKit == null) {
      throw new IllegalStateException("the actor system starts before the first test; register the extension as static");
    }
    return testKit;
  }
}
