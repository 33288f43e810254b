package io.microcosm.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorSystem;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.persistence.testkit.PersistenceTestKitPlugin;
import akka.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.entity.EntitySettings;
import io.microcosm.testkit.ActorTestKitExtension;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accounts the way a node runs them: sharded, on their own dispatcher, with every message
 * serialized (as between nodes) so CBOR is exercised end to end.
 */
class AccountsShardedTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(AccountsShardedTest::config);

  private static Config config() {
    return ConfigFactory.parseString("""
            akka.remote.artery.canonical.port = 0
            akka.coordinated-shutdown.exit-jvm = off
            akka.loglevel = WARNING
            akka.actor.serialize-messages = on
            microcosm.auth.bcrypt-cost = 4
            microcosm.auth.admin-user = "keeper"
            microcosm.auth.admin-password = "keeper of the keys"
            """)
        .withFallback(PersistenceTestKitPlugin.getInstance().config())
        .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
        .withFallback(MicrocosmConfig.load());
  }

  @Test
  void register_login_and_admin_bootstrap_through_sharding() {
    ActorSystem<Void> system = kit.testKit().system();
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    TestProbe.create(system).awaitAssert(Duration.ofSeconds(20), () -> {
      assertEquals(MemberStatus.up(), cluster.selfMember().status());
      return null;
    });

    Config config = system.settings().config();
    EntitySettings settings = EntitySettings.fromConfig(config);
    AuthSettings auth = AuthSettings.fromConfig(config);
    ClusterSharding sharding = ClusterSharding.get(system);
    AccountEntity.init(sharding, settings, auth);
    Accounts accounts = Accounts.create(system, sharding, settings, auth);

    assertEquals(Accounts.AdminBootstrap.CREATED, await(accounts.bootstrapAdmin()));
    assertEquals(Accounts.AdminBootstrap.ALREADY_PRESENT, await(accounts.bootstrapAdmin()));
    assertInstanceOf(Accounts.Ok.class, await(accounts.register("Wanderer", "a long walk home")));
    var login = assertInstanceOf(Accounts.Ok.class, await(accounts.login("wanderer", "a long walk home")));
    Principal principal = ((Accounts.Session) login.value()).principal();
    assertEquals("wanderer", principal.character());
    Principal keeper = ((Accounts.Session) ((Accounts.Ok<?>) await(accounts.login("keeper", "keeper of the keys"))).value())
        .principal();
    assertTrue(keeper.isAdmin());
    assertInstanceOf(Accounts.Refused.class, await(accounts.login("wanderer", "a short walk home")));
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer", e);
    }
  }
}
