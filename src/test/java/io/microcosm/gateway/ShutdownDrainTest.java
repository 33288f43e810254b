package io.microcosm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.CoordinatedShutdown;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorSystem;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.Node;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that shuts down (SIGTERM runs the same coordinated shutdown) tells every player connected
 * to it to reconnect elsewhere, closes their connections and stops accepting new ones.
 */
class ShutdownDrainTest {

  @TempDir Path data;
  private ActorSystem<Void> system;

  @AfterEach
  void stop() {
    if (system != null) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
  }

  @Test
  void players_are_told_to_reconnect_and_disconnected_before_the_node_leaves() throws Exception {
    var config = MicrocosmConfig.load(ConfigFactory.parseString("""
        akka.remote.artery.canonical.port = 0
        akka.coordinated-shutdown.exit-jvm = off
        akka.loglevel = WARNING
        microcosm.http.port = 0
        microcosm.auth.bcrypt-cost = 4
        """).withFallback(ConfigFactory.parseMap(Map.of("microcosm.data-dir", data.toString()))));
    World world = WorldLoader.load("vale");
    system = Node.start(config, world);
    TestProbe.create(system).awaitAssert(Duration.ofSeconds(20), () -> {
      assertEquals(MemberStatus.up(), Cluster.get(system).selfMember().status());
      return null;
    });
    ServerBinding binding = Node.startGateway(system, config, world);
    int port = binding.localAddress().getPort();
    HttpClient http = HttpClient.newHttpClient();
    String credentials = "{\"user\":\"gil\",\"password\":\"gil-password\"}";
    // The first account a fresh node creates may take longer than its ask timeout on a busy machine.
    HttpResponse<String> created = http.send(json(port, "/api/accounts", credentials), HttpResponse.BodyHandlers.ofString());
    for (int attempt = 1; created.statusCode() == 503 && attempt < 6; attempt++) {
      created = http.send(json(port, "/api/accounts", credentials), HttpResponse.BodyHandlers.ofString());
    }
    // 409: an attempt that timed out had created it after all
    assertTrue(created.statusCode() == 201 || created.statusCode() == 409, created.statusCode() + " " + created.body());
    String session = http.send(json(port, "/api/sessions", credentials), HttpResponse.BodyHandlers.ofString()).body();
    String token = new ObjectMapper().readTree(session).path("token").asText();

    try (WsClient gil = WsClient.connect(port, token, -1)) {
      gil.awaitReply("join");
      CoordinatedShutdown.get(system).run(CoordinatedShutdown.unknownReason());

      JsonNode notice = gil.awaitType("notification");
      assertEquals("server_shutdown", notice.path("reason").asText(), notice.toString());
      assertTrue(notice.path("text").asText().contains("Reconnect"), notice.toString());
      assertTrue(notice.path("seq").asLong() > 0, "numbered like every message, so the client can resume");
      TestProbe.create(system).awaitAssert(Duration.ofSeconds(10), () -> {
        assertTrue(gil.closed, "the connection is closed by the node");
        return null;
      });
    }
    system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    assertThrows(ConnectException.class,
        () -> http.send(json(port, "/api/sessions", credentials), HttpResponse.BodyHandlers.ofString()),
        "a node that has shut down accepts no connections");
  }

  private static HttpRequest json(int port, String path, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }
}
