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
import io.microcosm.account.Principal;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
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
 * NPCs over the gateway: a whole node on 127.0.0.1 (H2 file journal, the shipped Vale), a player
 * who talks to an NPC in words, and the NPC API.
 */
class NpcGatewayTest {

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
        microcosm.auth.bcrypt-cost = 4
        # NPCs keep hours: the test ticks them itself (to 07:30), so the answers do not depend on
        # the hour at which it runs.
        microcosm.clock.enabled = off
        """).withFallback(ConfigFactory.parseMap(java.util.Map.of("microcosm.data-dir", data.toString()))));
    World world = WorldLoader.load("vale");
    system = Node.start(config, world);
    TestProbe.create(system).awaitAssert(Duration.ofSeconds(20), () -> {
      assertEquals(MemberStatus.up(), Cluster.get(system).selfMember().status());
      return null;
    });
    port = Node.startGateway(system, config, world).localAddress().getPort();
  }

  @AfterAll
  static void stop() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
  }

  /** Registers {@code name} (password "<name>-password") and logs in; the session token. */
  private static String login(String name) {
    GatewayHttp.post(port, "/api/accounts", GatewayHttp.credentials(name), null);
    return GatewayHttp.token(port, name);
  }

  private static HttpResponse<String> get(String path, String token) {
    return GatewayHttp.get(port, path, token);
  }

  private static WsClient play(String name) {
    return WsClient.connect(port, login(name), -1);
  }

  @Test
  void players_talk_to_npcs_and_the_api_shows_their_minds() throws Exception {
    var aldric = akka.cluster.sharding.typed.javadsl.ClusterSharding.get(system)
        .entityRefFor(io.microcosm.npc.NpcEntity.ENTITY_KEY, "vale.npc.aldric");
    // 07:30 of day 0: the merchant is at work in the square, where players start
    akka.actor.typed.javadsl.AskPattern.<io.microcosm.npc.NpcEntity.Command, io.microcosm.npc.NpcEntity.Ticked>ask(aldric,
        r -> new io.microcosm.npc.NpcEntity.Tick(io.microcosm.entity.CommandMeta.fresh("zone"), 450, null, r),
        Duration.ofSeconds(30), system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
    try (WsClient nia = play("nia")) {
      JsonNode joined = nia.awaitReply("join");
      assertTrue(joined.path("text").asText().contains("Aldric the merchant"), joined.toString());
      nia.send("ask aldric about the bandits");
      JsonNode said = nia.awaitReply("talk");
      assertTrue(said.path("ok").asBoolean(), said.toString());
      assertTrue(said.path("text").asText().startsWith("Aldric says:"), said.toString());
      assertTrue(said.path("text").asText().contains("cutthroats"), "he tells the lore he knows: " + said);
      nia.send("talk to the ghost");
      assertEquals("unknown", nia.awaitReply("unknown").path("capability").asText());
    }
    String token = login("nia");
    HttpResponse<String> npc = get("/api/npcs/vale.npc.aldric", token);
    assertEquals(200, npc.statusCode(), npc.body());
    assertTrue(npc.body().contains("\"location\":\"vale.square\"") && npc.body().contains("\"activity\":\"work\""), npc.body());
    HttpResponse<String> memories = get("/api/npcs/vale.npc.aldric/memories?type=dialogue&limit=5", token);
    assertEquals(200, memories.statusCode(), memories.body());
    assertTrue(memories.body().contains("nia asked me about bandits"), memories.body());
    assertEquals(400, get("/api/npcs/vale.npc.aldric/memories?type=gossip", token).statusCode());
    HttpResponse<String> badLimit = get("/api/npcs/vale.npc.aldric/memories?limit=0", token);
    assertEquals(400, badLimit.statusCode());
    assertTrue(badLimit.body().contains("limit must be a whole number from 1 to 200"), badLimit.body());
    assertEquals(404, get("/api/npcs/vale.npc.nobody", token).statusCode());
    HttpResponse<String> factions = get("/api/factions", token);
    assertEquals(200, factions.statusCode());
    assertTrue(factions.body().contains("hill-guild") && factions.body().contains("lantern-order"), factions.body());
  }

}
