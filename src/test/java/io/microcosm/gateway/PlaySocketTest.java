package io.microcosm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorSystem;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.Node;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over real WebSocket connections on 127.0.0.1: a whole node (H2 file journal, the
 * shipped Vale, the gateway on an ephemeral port) and clients speaking the play protocol.
 */
class PlaySocketTest {

  @TempDir static Path data;
  static ActorSystem<Void> system;
  static int port;

  @BeforeAll
  static void start() {
    Config config = MicrocosmConfig.load(ConfigFactory.parseString("""
        akka.remote.artery.canonical.port = 0
        akka.coordinated-shutdown.exit-jvm = off
        akka.loglevel = WARNING
        microcosm.http.port = 0
        microcosm.gateway.resume-window = 30s
        microcosm.gateway.max-frame-chars = 1000
        """).withFallback(ConfigFactory.parseMap(java.util.Map.of("microcosm.data-dir", data.toString()))));
    World world = WorldLoader.load("vale");
    system = Node.start(config, world);
    TestProbe.create(system).awaitAssert(Duration.ofSeconds(20), () -> {
      assertEquals(MemberStatus.up(), Cluster.get(system).selfMember().status());
      return null;
    });
    Gateway gateway = new Gateway(system, config, world, (character, line, location) -> Optional.empty(),
        principal -> Optional.empty(), (speaker, text) -> text.contains("badword")
            ? Optional.of("That word is not allowed here.") : Optional.empty(), new GatewayMetrics());
    // Tokens here are "t-<name>"; real accounts and tokens have their own tests.
    GatewayServer server = new GatewayServer(system, gateway, token -> CompletableFuture.completedFuture(
        token.startsWith("t-") ? Optional.of(new Principal(token.substring(2), token.substring(2), Set.of("player")))
            : Optional.empty()), TestAccounts.NONE, () -> 42L, Duration.ofSeconds(1));
    ServerBinding binding = server.bind(config).toCompletableFuture().join();
    port = binding.localAddress().getPort();
  }

  @AfterAll
  static void stop() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }

  private static String action(String capability, String params) {
    return "{\"type\":\"player_action\",\"capability\":\"" + capability + "\",\"params\":" + params + "}";
  }

  @Test
  void a_player_joins_plays_and_sees_status_updates() {
    try (WsClient ann = WsClient.connect(port, "t-ann", -1)) {
      JsonNode joined = ann.awaitReply("join");
      assertTrue(joined.path("ok").asBoolean());
      assertTrue(joined.path("text").asText().contains("Village Square"), joined.toString());
      ann.awaitType("status_update");
      ann.send(action("move", "{\"direction\":\"south\"}"));
      JsonNode moved = ann.awaitReply("move");
      assertTrue(moved.path("text").asText().toLowerCase().contains("riverbank"), moved.toString());
      ann.send(action("gather", "{\"node\":\"copper-nuggets\"}"));
      JsonNode gathered = ann.awaitReply("gather");
      assertTrue(gathered.path("ok").asBoolean(), gathered.toString());
      assertEquals("copper-ore", gathered.path("data").path("item").asText());
      ann.send(action("attack", "{\"target\":\"dragon\"}"));
      JsonNode refused = ann.awaitReply("attack");
      assertFalse(refused.path("ok").asBoolean());
      assertEquals("NO_SUCH_TARGET", refused.path("code").asText());
      long previous = 0;
      for (JsonNode m : ann.seen()) {
        assertTrue(m.path("seq").asLong() > previous, "seq rises: " + ann.seen());
        previous = m.path("seq").asLong();
      }
    }
  }

  @Test
  void others_see_a_player_arrive_and_hear_them_speak() {
    try (WsClient bob = WsClient.connect(port, "t-bob", -1); WsClient cat = WsClient.connect(port, "t-cat", -1)) {
      bob.awaitReply("join");
      cat.awaitReply("join");
      bob.send(action("move", "{\"direction\":\"west\"}"));
      bob.awaitReply("move");
      // A new subscription spreads through the cluster's pub-sub registry in a moment; until it has,
      // events at the tavern do not reach bob. Cat walks in and out until bob has seen one arrival.
      JsonNode arrival = null;
      for (int i = 0; i < 20 && arrival == null; i++) {
        cat.send(action("move", "{\"direction\":\"" + (i % 2 == 0 ? "west" : "east") + "\"}"));
        cat.awaitReply("move");
        arrival = bob.poll(m -> m.path("type").asText().equals("world_update")
            && m.path("text").asText().equals("cat arrives."), Duration.ofMillis(500));
      }
      if (cat.lastReplyText("move").toLowerCase().contains("square")) {
        cat.send(action("move", "{\"direction\":\"west\"}"));
        cat.awaitReply("move");
      }
      assertTrue(arrival != null, "bob saw cat arrive: " + bob.seen());
      assertEquals("vale.tavern", arrival.path("location").asText());
      cat.send(action("say", "{\"text\":\"Hello, bob.\"}"));
      JsonNode heard = bob.awaitType("chat_message");
      assertEquals("cat", heard.path("from").asText());
      assertEquals("Hello, bob.", heard.path("text").asText());
      cat.send(action("say", "{\"text\":\"a badword here\"}"));
      JsonNode blocked = cat.await(m -> m.path("code").asText().equals("MESSAGE_BLOCKED"), "blocked");
      assertEquals("That word is not allowed here.", blocked.path("text").asText());
      cat.send(action("tell", "{\"player\":\"bob\",\"text\":\"psst\"}"));
      JsonNode told = bob.await(m -> m.path("channel").asText().equals("tell"), "a tell");
      assertEquals("psst", told.path("text").asText());
    }
  }

  @Test
  void a_client_that_reconnects_with_its_last_seq_gets_what_it_missed() throws Exception {
    long last;
    try (WsClient dan = WsClient.connect(port, "t-dan", -1)) {
      dan.awaitReply("join");
      dan.awaitType("status_update");
      last = dan.lastSeq();
    }
    try (WsClient eve = WsClient.connect(port, "t-eve", -1)) {
      eve.awaitReply("join");
      eve.send(action("say", "{\"text\":\"Is anyone there?\"}"));
      Thread.sleep(300);
    }
    try (WsClient dan = WsClient.connect(port, "t-dan", last)) {
      JsonNode missed = dan.awaitType("chat_message");
      assertEquals("Is anyone there?", missed.path("text").asText());
      assertEquals(last + 1, dan.seen().get(0).path("seq").asLong(), "the resend starts right after the last seq seen");
    }
  }

  @Test
  void a_second_login_takes_the_character_over_and_the_first_is_told_why() {
    try (WsClient first = WsClient.connect(port, "t-fay", -1)) {
      first.awaitReply("join");
      try (WsClient second = WsClient.connect(port, "t-fay", -1)) {
        JsonNode notice = first.awaitType("notification");
        assertTrue(notice.path("text").asText().contains("taken over"), notice.toString());
        TestProbe.create(system).awaitAssert(Duration.ofSeconds(10), () -> {
          assertTrue(first.closed, "the first connection is closed");
          return null;
        });
        second.send(action("look", "{}"));
        assertTrue(second.awaitReply("look").path("ok").asBoolean());
      }
    }
  }

  @Test
  void malformed_unknown_and_oversized_frames_are_answered_and_the_connection_stays() {
    try (WsClient gil = WsClient.connect(port, "t-gil", -1)) {
      gil.awaitReply("join");
      gil.send("{not json");
      assertEquals("BAD_JSON", gil.awaitType("error").path("code").asText());
      gil.send("{\"type\":\"launch_missiles\"}");
      assertEquals("UNKNOWN_TYPE", gil.awaitType("error").path("code").asText());
      gil.send(action("fly", "{}"));
      assertEquals("BAD_ACTION", gil.awaitType("error").path("code").asText());
      gil.send("{\"type\":\"player_action\",\"a\":[[[[[[[[[[[1]]]]]]]]]]]}");
      assertEquals("BAD_JSON", gil.awaitType("error").path("code").asText());
      gil.send("x".repeat(5_000));
      assertEquals("TOO_LARGE", gil.awaitType("error").path("code").asText());
      gil.send(action("look", "{}"));
      assertTrue(gil.awaitReply("look").path("ok").asBoolean(), "still playing after bad frames");
      assertFalse(gil.closed);
    }
  }

  @Test
  void no_token_or_a_bad_one_is_refused_and_metrics_are_served() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/ws/play")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());
    HttpResponse<String> forged = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/ws/play?token=forged")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, forged.statusCode());
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("microcosm_sessions"), metrics.body());
    assertTrue(metrics.body().contains("jvm_memory_bytes_used"));
  }
}
