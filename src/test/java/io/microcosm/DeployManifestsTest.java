package io.microcosm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests under {@code deploy/kubernetes} and the Dockerfile, read as data and
 * checked against each other and against the application's own configuration: selectors find the
 * pods, ports and probes are those the node really serves, the secret and config map the pods use
 * exist, and the image runs what the Dockerfile builds. Kubernetes and Docker are not needed.
 */
class DeployManifestsTest {

  private static final Path KUBERNETES = Path.of("deploy/kubernetes");
  private static final Path DOCKERFILE = Path.of("deploy/Dockerfile");
  private static final String NAMESPACE = "microcosm";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Every manifest, by "Kind/name". */
  private static final Map<String, JsonNode> OBJECTS = new HashMap<>();
  private static final Map<String, Path> FILES = new HashMap<>();
  /** The node's configuration as a pod gets it: the kubernetes formation and the Cassandra journal. */
  private static Config node;

  @BeforeAll
  static void read() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(KUBERNETES)) {
      files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no manifests in " + KUBERNETES.toAbsolutePath());
    for (Path file : files) {
      if (file.getFileName().toString().equals("kustomization.yaml")) {
        continue;
      }
      Iterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile());
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isMissingNode() || doc.isEmpty()) {
          continue;
        }
        String kind = text(doc, "kind", file);
        String name = text(doc.path("metadata"), "name", file);
        text(doc, "apiVersion", file);
        String key = kind + "/" + name;
        assertFalse(OBJECTS.containsKey(key), key + " is defined twice (" + FILES.get(key) + ", " + file + ")");
        OBJECTS.put(key, doc);
        FILES.put(key, file);
      }
    }
    node = MicrocosmConfig.load(ConfigFactory.parseString("""
        microcosm.cluster.formation = kubernetes
        microcosm.journal = cassandra
        """));
  }

  private static String text(JsonNode node, String field, Path file) {
    JsonNode v = node.path(field);
    assertTrue(v.isTextual() && !v.asText().isBlank(), file + ": '" + field + "' is missing in " + node);
    return v.asText();
  }

  private static JsonNode object(String key) {
    JsonNode o = OBJECTS.get(key);
    assertNotNull(o, key + " is not among the manifests: " + OBJECTS.keySet());
    return o;
  }

  private static JsonNode deployment() {
    return object("Deployment/microcosm");
  }

  private static JsonNode podSpec() {
    return deployment().path("spec").path("template").path("spec");
  }

  private static JsonNode container() {
    JsonNode containers = podSpec().path("containers");
    assertEquals(1, containers.size(), "one container per Microcosm pod");
    return containers.get(0);
  }

  private static Map<String, String> map(JsonNode node) {
    Map<String, String> m = new HashMap<>();
    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static void assertSelects(JsonNode matchLabels, Map<String, String> labels, String what) {
    Map<String, String> wanted = map(matchLabels);
    assertFalse(wanted.isEmpty(), what + " selects nothing");
    wanted.forEach((k, v) -> assertEquals(v, labels.get(k), what + " wants " + k + "=" + v + "; the pods have " + labels));
  }

  private static int containerPort(JsonNode container, String name) {
    for (JsonNode p : container.path("ports")) {
      if (p.path("name").asText().equals(name)) {
        return p.path("containerPort").asInt();
      }
    }
    fail("container " + container.path("name").asText() + " has no port named '" + name + "'");
    return -1;
  }

  /** The value of an env var set directly or through the container's config map. */
  private static String env(String name) {
    for (JsonNode e : container().path("env")) {
      if (e.path("name").asText().equals(name) && e.has("value")) {
        return e.path("value").asText();
      }
    }
    for (JsonNode from : container().path("envFrom")) {
      JsonNode data = object("ConfigMap/" + from.path("configMapRef").path("name").asText()).path("data");
      if (data.has(name)) {
        return data.path(name).asText();
      }
    }
    return null;
  }

  @Test
  void every_object_is_in_the_microcosm_namespace() {
    object("Namespace/" + NAMESPACE);
    OBJECTS.forEach((key, o) -> {
      if (!key.startsWith("Namespace/")) {
        assertEquals(NAMESPACE, o.path("metadata").path("namespace").asText(), key + " in " + FILES.get(key));
      }
    });
  }

  @Test
  void the_kustomization_lists_every_manifest_but_the_secret_placeholder() throws IOException {
    JsonNode kustomization = YAML.readTree(KUBERNETES.resolve("kustomization.yaml").toFile());
    Set<String> listed = new HashSet<>();
    kustomization.path("resources").forEach(r -> listed.add(r.asText()));
    Set<String> expected = new HashSet<>();
    FILES.values().forEach(f -> expected.add(f.getFileName().toString()));
    expected.remove("secret.yaml");
    assertEquals(expected, listed);
  }

  @Test
  void selectors_match_the_pods_labels() {
    JsonNode deployment = deployment();
    Map<String, String> labels = map(deployment.path("spec").path("template").path("metadata").path("labels"));
    assertSelects(deployment.path("spec").path("selector").path("matchLabels"), labels, "the Deployment's selector");
    assertSelects(object("Service/microcosm").path("spec").path("selector"), labels, "the Service");
    assertSelects(object("PodDisruptionBudget/microcosm").path("spec").path("selector").path("matchLabels"), labels,
        "the PodDisruptionBudget");
    JsonNode antiAffinity = podSpec().path("affinity").path("podAntiAffinity")
        .path("preferredDuringSchedulingIgnoredDuringExecution").path(0).path("podAffinityTerm");
    assertEquals("kubernetes.io/hostname", antiAffinity.path("topologyKey").asText());
    assertSelects(antiAffinity.path("labelSelector").path("matchLabels"), labels, "the anti-affinity");

    // Cluster Bootstrap finds the pods by pod-label-selector filled in with the service name.
    String selector = String.format(node.getString("akka.discovery.kubernetes-api.pod-label-selector"),
        env("MICROCOSM_SERVICE_NAME"));
    String[] kv = selector.split("=", 2);
    assertEquals(kv[1], labels.get(kv[0]), "Cluster Bootstrap looks for pods labelled " + selector);

    JsonNode cassandra = object("StatefulSet/cassandra");
    assertSelects(cassandra.path("spec").path("selector").path("matchLabels"),
        map(cassandra.path("spec").path("template").path("metadata").path("labels")), "the Cassandra StatefulSet");
    assertSelects(object("Service/cassandra").path("spec").path("selector"),
        map(cassandra.path("spec").path("template").path("metadata").path("labels")), "the Cassandra Service");
  }

  @Test
  void ports_are_those_the_node_listens_on() {
    JsonNode c = container();
    assertEquals(node.getInt("microcosm.http.port"), containerPort(c, "http"));
    assertEquals(node.getInt("microcosm.management.port"), containerPort(c, "management"));
    assertEquals(node.getInt("akka.management.http.port"), containerPort(c, "management"));
    assertEquals(node.getInt("akka.remote.artery.canonical.port"), containerPort(c, "remoting"));
    assertEquals("management",
        node.getString("akka.management.cluster.bootstrap.contact-point-discovery.port-name"),
        "Cluster Bootstrap asks the other pods on the port named management");
    assertEquals("0.0.0.0", env("MICROCOSM_HTTP_HOST"), "players reach the pod from outside it");
    assertEquals("0.0.0.0", node.getString("akka.management.http.bind-hostname"), "so do the kubelet's probes");

    JsonNode service = object("Service/microcosm").path("spec").path("ports");
    assertEquals(1, service.size());
    String target = service.get(0).path("targetPort").asText();
    assertEquals("http", target, "the Service sends players to the http port");

    // The Cassandra contact point is the StatefulSet's first pod through its headless Service.
    JsonNode sts = object("StatefulSet/cassandra");
    String headless = sts.path("spec").path("serviceName").asText();
    assertEquals("None", object("Service/" + headless).path("spec").path("clusterIP").asText());
    int cql = containerPort(sts.path("spec").path("template").path("spec").path("containers").get(0), "cql");
    assertEquals("cassandra-0." + headless + "." + NAMESPACE + ".svc.cluster.local:" + cql,
        env("MICROCOSM_CASSANDRA_CONTACT_POINTS"));
    assertEquals(node.getString("microcosm.cassandra.local-datacenter"), env("MICROCOSM_CASSANDRA_DATACENTER"));
  }

  @Test
  void probes_point_at_the_management_health_routes() {
    JsonNode c = container();
    JsonNode readiness = c.path("readinessProbe").path("httpGet");
    JsonNode liveness = c.path("livenessProbe").path("httpGet");
    assertEquals("/" + node.getString("akka.management.health-checks.readiness-path"), readiness.path("path").asText());
    assertEquals("/" + node.getString("akka.management.health-checks.liveness-path"), liveness.path("path").asText());
    assertEquals("management", readiness.path("port").asText());
    assertEquals("management", liveness.path("port").asText());
    assertTrue(c.path("livenessProbe").path("initialDelaySeconds").asInt() >= 30,
        "a first start on Cassandra takes a while; liveness must not kill it");
  }

  @Test
  void the_cluster_forms_by_bootstrap_with_a_majority_kept_and_a_graceful_exit() {
    assertEquals("kubernetes", env("MICROCOSM_CLUSTER_FORMATION"));
    assertEquals("cassandra", env("MICROCOSM_JOURNAL"));
    int replicas = deployment().path("spec").path("replicas").asInt();
    assertEquals(3, replicas);
    int required = Integer.parseInt(env("MICROCOSM_REQUIRED_CONTACT_POINTS"));
    assertTrue(required >= 2 && required <= replicas, "bootstrap waits for " + required + " of " + replicas + " pods");
    assertEquals("keep-majority", node.getString("akka.cluster.split-brain-resolver.active-strategy"));

    JsonNode pdb = object("PodDisruptionBudget/microcosm").path("spec");
    assertEquals(1, pdb.path("maxUnavailable").asInt(), "a majority of the 3 nodes stays through voluntary disruptions");
    JsonNode rolling = deployment().path("spec").path("strategy").path("rollingUpdate");
    assertEquals(0, rolling.path("maxUnavailable").asInt());

    assertEquals("sleep", container().path("lifecycle").path("preStop").path("exec").path("command").path(0).asText());
    long shutdown = phaseSeconds("service-unbind") + phaseSeconds("service-requests-done")
        + phaseSeconds("cluster-sharding-shutdown-region") + phaseSeconds("cluster-leave") + phaseSeconds("cluster-exiting");
    assertTrue(podSpec().path("terminationGracePeriodSeconds").asInt() > shutdown + 5,
        "the grace period outlasts preStop and the node's drain, hand-over and exit (" + shutdown + " s)");

    JsonNode resources = container().path("resources");
    assertFalse(resources.path("requests").path("cpu").asText().isEmpty());
    assertFalse(resources.path("requests").path("memory").asText().isEmpty());
    assertFalse(resources.path("limits").path("memory").asText().isEmpty());
  }

  private static long phaseSeconds(String phase) {
    String key = "akka.coordinated-shutdown.phases." + phase + ".timeout";
    return (node.hasPath(key) ? node.getDuration(key) : node.getDuration("akka.coordinated-shutdown.default-phase-timeout"))
        .toSeconds();
  }

  @Test
  void the_pods_may_list_pods_and_nothing_more() {
    String account = podSpec().path("serviceAccountName").asText();
    object("ServiceAccount/" + account);
    JsonNode binding = null;
    for (Map.Entry<String, JsonNode> e : OBJECTS.entrySet()) {
      if (e.getKey().startsWith("RoleBinding/")) {
        for (JsonNode s : e.getValue().path("subjects")) {
          if (s.path("kind").asText().equals("ServiceAccount") && s.path("name").asText().equals(account)) {
            binding = e.getValue();
          }
        }
      }
    }
    assertNotNull(binding, "no RoleBinding for the service account " + account);
    JsonNode role = object("Role/" + binding.path("roleRef").path("name").asText());
    assertEquals(1, role.path("rules").size());
    JsonNode rule = role.path("rules").get(0);
    assertEquals("[\"pods\"]", rule.path("resources").toString());
    Set<String> verbs = new HashSet<>();
    rule.path("verbs").forEach(v -> verbs.add(v.asText()));
    assertEquals(Set.of("get", "watch", "list"), verbs);
  }

  @Test
  void the_secret_and_config_the_pods_use_exist_and_every_variable_is_one_the_node_reads() throws IOException {
    JsonNode secretRef = null;
    for (JsonNode e : container().path("env")) {
      if (e.path("name").asText().equals("MICROCOSM_JWT_SECRET")) {
        secretRef = e.path("valueFrom").path("secretKeyRef");
      }
    }
    assertNotNull(secretRef, "the JWT secret comes from a Secret");
    JsonNode secret = object("Secret/" + secretRef.path("name").asText());
    String placeholder = secret.path("stringData").path(secretRef.path("key").asText()).asText(null);
    assertNotNull(placeholder, "the Secret has the key " + secretRef.path("key").asText());
    assertTrue(placeholder.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32,
        "the placeholder must be one the nodes refuse, so a real secret has to be set");

    Set<String> known = variablesTheNodeReads();
    List<String> unknown = new ArrayList<>();
    for (JsonNode e : container().path("env")) {
      if (!known.contains(e.path("name").asText())) {
        unknown.add(e.path("name").asText());
      }
    }
    for (JsonNode from : container().path("envFrom")) {
      object("ConfigMap/" + from.path("configMapRef").path("name").asText()).path("data").fieldNames()
          .forEachRemaining(name -> {
            if (!known.contains(name)) {
              unknown.add(name);
            }
          });
    }
    assertEquals(List.of(), unknown, "variables no setting reads (a typo would be silently ignored)");
  }

  /** The MICROCOSM_* variables named in application.conf, logback.xml and MicrocosmConfig. */
  private static Set<String> variablesTheNodeReads() throws IOException {
    Set<String> names = new HashSet<>();
    Pattern variable = Pattern.compile("MICROCOSM_[A-Z0-9_]+");
    for (Path source : List.of(Path.of("src/main/resources/application.conf"), Path.of("src/main/resources/logback.xml"),
        Path.of("src/main/java/io/microcosm/MicrocosmConfig.java"))) {
      Matcher m = variable.matcher(Files.readString(source));
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }

  @Test
  void the_image_runs_what_the_dockerfile_builds() throws IOException {
    List<String> lines = Files.readAllLines(DOCKERFILE);
    List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
    assertEquals(2, from.size(), "a build stage and a runtime stage: " + from);
    assertTrue(from.get(0).contains("maven") && from.get(0).contains("17"), "built with Maven on JDK 17: " + from.get(0));
    assertTrue(from.get(1).contains("17-jre"), "runs on a Java 17 JRE: " + from.get(1));

    String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow().substring(5).trim();
    assertTrue(user.matches("[1-9][0-9]*"), "a numeric, non-root user, so runAsNonRoot can check it: " + user);
    assertEquals(Integer.parseInt(user), podSpec().path("securityContext").path("runAsUser").asInt());
    assertTrue(podSpec().path("securityContext").path("runAsNonRoot").asBoolean());

    String expose = lines.stream().filter(l -> l.startsWith("EXPOSE ")).findFirst().orElseThrow();
    Set<Integer> exposed = new HashSet<>();
    for (String p : expose.substring(7).trim().split("\\s+")) {
      exposed.add(Integer.parseInt(p));
    }
    JsonNode c = container();
    assertEquals(Set.of(containerPort(c, "http"), containerPort(c, "management"), containerPort(c, "remoting")), exposed);

    String entrypoint = lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
    assertTrue(entrypoint.startsWith("ENTRYPOINT [\"java\""),
        "exec form, so java is PID 1 and SIGTERM reaches the node: " + entrypoint);
    assertTrue(entrypoint.contains("/app/microcosm.jar"), entrypoint);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY --from=build /src/target/microcosm.jar ./microcosm.jar")));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("WORKDIR /app")));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY --from=build /src/target/lib/ ./lib/")),
        "the jar's manifest finds its dependencies in lib/ beside it");
    assertFalse(c.has("command"), "the container runs the image's ENTRYPOINT");
    assertFalse(c.has("args"));

    String image = c.path("image").asText();
    assertTrue(image.startsWith("microcosm:"), image);
    assertEquals(image.substring(image.indexOf(':') + 1), env("MICROCOSM_APP_VERSION"),
        "the app-version follows the image tag, so rolling updates place shards on the new nodes");
  }
}
