package io.microcosm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicrocosmConfigTest {

  @Test
  void comma_separated_environment_variables_become_lists() {
    Config env = MicrocosmConfig.environment(Map.of(
        "MICROCOSM_CASSANDRA_CONTACT_POINTS", "10.0.0.1:9042, 10.0.0.2:9042",
        "MICROCOSM_BLOCKED_WORDS", " grue ,xyzzy,, plugh "));
    assertEquals(List.of("10.0.0.1:9042", "10.0.0.2:9042"), env.getStringList("microcosm.cassandra.contact-points"));
    assertEquals(List.of("grue", "xyzzy", "plugh"), env.getStringList("microcosm.moderation.blocked-words"));
  }

  @Test
  void unset_or_blank_variables_leave_the_defaults() {
    assertTrue(MicrocosmConfig.environment(Map.of("MICROCOSM_BLOCKED_WORDS", " ")).isEmpty());
    assertTrue(MicrocosmConfig.environment(Map.of()).isEmpty());
  }

  @Test
  void seed_nodes_come_from_a_comma_separated_variable() {
    Config env = MicrocosmConfig.environment(Map.of(
        "MICROCOSM_SEED_NODES", "akka://microcosm@127.0.0.1:25600, akka://microcosm@127.0.0.1:25601"));
    assertEquals(List.of("akka://microcosm@127.0.0.1:25600", "akka://microcosm@127.0.0.1:25601"),
        env.getStringList("akka.cluster.seed-nodes"));
  }

  @Test
  void the_cluster_defaults_are_seed_nodes_keep_majority_and_an_app_version() {
    Config config = MicrocosmConfig.load();
    assertEquals("seed-nodes", config.getString("microcosm.cluster.formation"));
    assertEquals("keep-majority", config.getString("akka.cluster.split-brain-resolver.active-strategy"));
    assertEquals("akka.cluster.sbr.SplitBrainResolverProvider", config.getString("akka.cluster.downing-provider-class"));
    assertFalse(config.getString("akka.cluster.app-version").isBlank());
    assertEquals("akka.discovery", config.getString("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method"),
        "Cluster Bootstrap keeps its own default unless the kubernetes formation is chosen");
  }

  @Test
  void the_kubernetes_formation_discovers_pods_through_the_kubernetes_api() {
    Config config = MicrocosmConfig.load(ConfigFactory.parseString("microcosm.cluster.formation = kubernetes"));
    assertEquals("kubernetes-api", config.getString("akka.management.cluster.bootstrap.contact-point-discovery.discovery-method"));
    assertEquals("microcosm", config.getString("akka.management.cluster.bootstrap.contact-point-discovery.service-name"));
    assertEquals("app.kubernetes.io/name=%s", config.getString("akka.discovery.kubernetes-api.pod-label-selector"));
    assertEquals("0.0.0.0", config.getString("akka.management.http.bind-hostname"));
  }

  @Test
  void an_unknown_formation_or_seeds_with_kubernetes_are_refused_by_name() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> MicrocosmConfig.load(ConfigFactory.parseString("microcosm.cluster.formation = dns")));
    assertTrue(unknown.getMessage().contains("MICROCOSM_CLUSTER_FORMATION"), unknown.getMessage());
    assertTrue(unknown.getMessage().contains("seed-nodes, kubernetes"), unknown.getMessage());
    IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> MicrocosmConfig.load(
        ConfigFactory.parseString("""
            microcosm.cluster.formation = kubernetes
            akka.cluster.seed-nodes = ["akka://microcosm@10.0.0.1:25520"]
            """)));
    assertTrue(both.getMessage().contains("one or the other"), both.getMessage());
  }
}
