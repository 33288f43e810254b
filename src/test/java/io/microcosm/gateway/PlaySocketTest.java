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
import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        microcosm.auth.bcrypt-cost = 4
        microcosm.auth.admin-user = "warden"
        microcosm.auth.admin-password = "warden-password"
        microcosm.limits.commands.burst = 60
        microcosm.limits.abuse.refusals = 1000
        microcosm.moderation.blocked-words = ["badword"]
        """).withFallback(ConfigFactory.parseMap(java.util.Map.of("microcosm.data-dir", data.toString()))));
    World world = WorldLoader.load("vale");
    system = Node.start(config, world);
    TestProbe.create(system).awaitAssert(Duration.ofSeconds(20), () -> {
      assertEquals(MemberStatus.up(), Cluster.get(system).selfMember().status());
      return null;
    });
    ServerBinding binding = Node.startGateway(system, config, world);
    port = binding.localAddress().getPort();
  }

  private static final Set<String> REGISTERED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Registers {@code name} (password "<name>-password") unless done before, and logs in; the session token. */
  static String login(String name) {
    if (!name.equals("warden") && REGISTERED.add(name)) {
      HttpResponse<String> created = post("/api/accounts", GatewayHttp.credentials(name), null);
      assertEquals(201, created.statusCode(), created.body());
    }
    return GatewayHttp.token(port, name);
  }

  static HttpResponse<String> post(String path, String body, String token) {
    return GatewayHttp.post(port, path, body, token);
  }

  static HttpResponse<String> get(String path, String token) {
    return GatewayHttp.get(port, path, token);
  }

  private static WsClient play(String name) {
    return WsClient.connect(port, login(name), -1);
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
    try (WsClient ann = play("ann")) {
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
  void lines_typed_at_once_are_carried_out_in_order_each_after_the_one_before() {
    try (WsClient vic = play("vic")) {
      vic.awaitReply("join");
      // Sent together: the gathering must be understood at the riverbank the first line walks to,
      // and the inventory must show what it gathered.
      vic.send("go south");
      vic.send("please pick some copper nuggets");
      vic.send("i");
      JsonNode moved = vic.awaitReply("move");
      assertTrue(moved.path("ok").asBoolean(), moved.toString());
      JsonNode gathered = vic.awaitReply("gather");
      assertTrue(gathered.path("ok").asBoolean(), gathered.toString());
      assertTrue(vic.awaitReply("inventory").path("text").asText().contains("copper ore"));
    }
  }

  @Test
  void a_deed_that_advances_a_quest_is_told_as_a_notification() {
    try (WsClient wes = play("wes")) {
      wes.awaitReply("join");
      wes.send("accept a word for the keeper");
      JsonNode taken = wes.awaitReply("accept");
      assertTrue(taken.path("ok").asBoolean(), taken.toString());
      wes.send("go northwest");
      assertTrue(wes.awaitReply("move").path("ok").asBoolean());
      JsonNode news = wes.await(m -> m.path("type").asText().equals("notification")
          && m.path("kind").asText().equals("quest"), "a quest notification");
      assertEquals("vale.quest.a-word-for-the-keeper", news.path("quest").asText());
      assertTrue(news.path("text").asText().startsWith("A word for the keeper: "), news.toString());
      assertTrue(news.path("text").asText().contains("(1/1)"), news.toString());
    }
  }

  @Test
  void typed_lines_are_understood_against_what_the_player_sees() {
    try (WsClient lea = play("lea")) {
      lea.awaitReply("join");
      lea.send("go south");
      JsonNode moved = lea.awaitReply("move");
      assertTrue(moved.path("ok").asBoolean(), moved.toString());
      lea.send("please pick some copper nuggets");
      JsonNode gathered = lea.awaitReply("gather");
      assertTrue(gathered.path("ok").asBoolean(), gathered.toString());
      lea.send("i");
      assertTrue(lea.awaitReply("inventory").path("text").asText().contains("copper ore"));
      lea.send("help");
      JsonNode help = lea.awaitReply("help");
      assertTrue(help.path("text").asText().contains("e.g."), help.toString());
      lea.send("atack the dragon");
      JsonNode unknown = lea.awaitReply("unknown");
      assertFalse(unknown.path("ok").asBoolean());
      lea.send("say hello, river");
      JsonNode said = lea.awaitType("chat_message");
      assertEquals("hello, river", said.path("text").asText().toLowerCase());
    }
  }

  @Test
  void others_see_a_player_arrive_and_hear_them_speak() {
    try (WsClient bob = play("bob"); WsClient cat = play("cat")) {
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
      assertTrue(blocked.path("text").asText().contains("not allowed"), blocked.toString());
      cat.send(action("tell", "{\"player\":\"bob\",\"text\":\"psst\"}"));
      JsonNode told = bob.await(m -> m.path("channel").asText().equals("tell"), "a tell");
      assertEquals("psst", told.path("text").asText());
    }
  }

  @Test
  void a_player_gives_another_an_item_and_the_receiver_is_told() {
    try (WsClient oli = play("oli"); WsClient pam = play("pam")) {
      oli.awaitReply("join");
      pam.awaitReply("join");
      String warden = login("warden");
      HttpResponse<String> granted = post("/api/admin/players/oli/items", "{\"item\":\"apple\",\"quantity\":3}", warden);
      assertEquals(200, granted.statusCode(), granted.body());
      oli.send("give two apples to pam");
      JsonNode given = oli.awaitReply("give");
      assertTrue(given.path("ok").asBoolean(), given.toString());
      assertEquals("You give 2 apples to pam.", given.path("text").asText());
      JsonNode told = pam.awaitType("notification");
      assertEquals("oli gives you 2 apples.", told.path("text").asText());
      pam.send(action("inventory", "{}"));
      assertTrue(pam.awaitReply("inventory").path("text").asText().contains("2 apples"));
      oli.send(action("give", "{\"item\":\"apple\",\"quantity\":5,\"to\":\"pam\"}"));
      JsonNode refused = oli.awaitReply("give");
      assertEquals("ITEM_NOT_CARRIED", refused.path("code").asText(), refused.toString());
    }
  }

  @Test
  void a_client_that_reconnects_with_its_last_seq_gets_what_it_missed() throws Exception {
    long last;
    String danToken = login("dan");
    try (WsClient dan = WsClient.connect(port, danToken, -1)) {
      dan.awaitReply("join");
      dan.awaitType("status_update");
      last = dan.lastSeq();
    }
    try (WsClient eve = play("eve")) {
      eve.awaitReply("join");
      eve.send(action("say", "{\"text\":\"Is anyone there?\"}"));
      Thread.sleep(300);
    }
    try (WsClient dan = WsClient.connect(port, danToken, last)) {
      JsonNode missed = dan.awaitType("chat_message");
      assertEquals("Is anyone there?", missed.path("text").asText());
      assertEquals(last + 1, dan.seen().get(0).path("seq").asLong(), "the resend starts right after the last seq seen");
    }
  }

  @Test
  void a_second_login_takes_the_character_over_and_the_first_is_told_why() {
    String fay = login("fay");
    try (WsClient first = WsClient.connect(port, fay, -1)) {
      first.awaitReply("join");
      try (WsClient second = WsClient.connect(port, fay, -1)) {
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
    try (WsClient gil = play("gil")) {
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
  void no_token_or_a_bad_one_is_refused_and_metrics_are_served() {
    assertEquals(401, get("/ws/play", null).statusCode());
    assertEquals(401, get("/ws/play?token=forged", null).statusCode());
    HttpResponse<String> metrics = get("/metrics", null);
    assertEquals(200, metrics.statusCode());
    assertTrue(metrics.body().contains("microcosm_sessions"), metrics.body());
    assertTrue(metrics.body().contains("jvm_memory_bytes_used"));
    assertTrue(metrics.body().contains("# TYPE microcosm_command_seconds histogram"), metrics.body());
    assertTrue(metrics.body().contains("# TYPE microcosm_commands_total counter"), metrics.body());
    assertTrue(metrics.body().contains("microcosm_journal_write_seconds_count{store=\"h2\",}"), metrics.body());
    assertTrue(metrics.body().contains("microcosm_entities{kind=\"Account\",}"), metrics.body());
  }

  @Test
  void accounts_refuse_bad_input_duplicates_and_wrong_passwords() {
    login("hal");
    assertEquals(409, post("/api/accounts", "{\"user\":\"hal\",\"password\":\"another-password\"}", null).statusCode());
    assertEquals(400, post("/api/accounts", "{\"user\":\"x\",\"password\":\"short\"}", null).statusCode());
    assertEquals(400, post("/api/accounts", "{not json", null).statusCode());
    HttpResponse<String> wrong = post("/api/sessions", "{\"user\":\"hal\",\"password\":\"not-the-password\"}", null);
    assertEquals(401, wrong.statusCode());
    assertTrue(wrong.body().contains("error"), wrong.body());
  }

  @Test
  void the_quest_log_is_served_to_its_owner_and_admins_only() throws Exception {
    String kim = login("kim");
    login("lee");
    HttpResponse<String> own = get("/api/players/kim/quests", kim);
    assertEquals(200, own.statusCode(), own.body());
    JsonNode log = new ObjectMapper().readTree(own.body());
    assertTrue(log.path("active").isArray() && log.path("active").isEmpty(), own.body());
    assertTrue(log.path("completed").isArray() && log.path("completed").isEmpty(), own.body());
    assertEquals(403, get("/api/players/kim/quests", login("lee")).statusCode(), "no peeking at another's quests");
    HttpResponse<String> admin = get("/api/players/kim/quests", login("warden"));
    assertEquals(200, admin.statusCode(), "an admin may look at anyone's");
    assertEquals(own.body(), admin.body());
  }

  @Test
  void a_player_sees_only_their_own_character_and_admin_routes_refuse_players() {
    String ivy = login("ivy");
    login("jon");
    assertEquals(200, get("/api/players/ivy", ivy).statusCode());
    assertEquals(403, get("/api/players/jon", ivy).statusCode(), "no peeking at another character");
    assertEquals(403, post("/api/admin/players/jon/teleport", "{\"location\":\"vale.smithy\"}", ivy).statusCode());
    assertEquals(200, get("/api/world/time", ivy).statusCode());
    String warden = login("warden");
    assertEquals(200, get("/api/players/jon", warden).statusCode(), "an admin may look at anyone");
    HttpResponse<String> inspected = get("/api/admin/entities/location/vale.square", warden);
    assertEquals(200, inspected.statusCode(), inspected.body());
    assertTrue(inspected.body().contains("Village Square"));
    try (WsClient jon = WsClient.connect(port, login("jon"), -1)) {
      jon.awaitReply("join");
      HttpResponse<String> moved = post("/api/admin/players/jon/teleport", "{\"location\":\"vale.smithy\"}", warden);
      assertEquals(200, moved.statusCode(), moved.body());
      HttpResponse<String> given = post("/api/admin/players/jon/items", "{\"item\":\"apple\",\"quantity\":2}", warden);
      assertEquals(200, given.statusCode(), given.body());
      assertEquals(200, post("/api/admin/players/jon/kick", "{}", warden).statusCode());
      JsonNode kicked = jon.awaitType("notification");
      assertTrue(kicked.path("text").asText().contains("operator"), kicked.toString());
    }
  }

  @Test
  void the_read_side_serves_presence_to_admins_and_the_leaderboard_and_feed_to_everyone() throws Exception {
    try (WsClient uma = play("uma")) {
      uma.awaitReply("join");
    }
    String uma = login("uma");
    String warden = login("warden");
    assertEquals(403, get("/api/world/presence", uma).statusCode(), "presence is for admins and observers");
    ObjectMapper json = new ObjectMapper();
    TestProbe.create(system).awaitAssert(Duration.ofSeconds(20), () -> {
      HttpResponse<String> presence = get("/api/world/presence?location=vale.square", warden);
      assertEquals(200, presence.statusCode(), presence.body());
      JsonNode square = json.readTree(presence.body()).path("locations").path(0);
      assertEquals("vale.square", square.path("id").asText());
      assertTrue(square.path("players").toString().contains("\"uma\""), "projected into presence: " + square);
      HttpResponse<String> board = get("/api/leaderboard?by=exp&limit=500", uma);
      assertEquals(200, board.statusCode(), board.body());
      assertTrue(board.body().contains("\"name\":\"uma\""), board.body());
      return null;
    });
    assertEquals(400, get("/api/world/presence?location=nowhere", warden).statusCode());
    assertEquals(400, get("/api/leaderboard?by=charm", uma).statusCode());
    assertEquals(400, get("/api/leaderboard?limit=-1", uma).statusCode());
    HttpResponse<String> feed = get("/api/feed?since=0&limit=5", uma);
    assertEquals(200, feed.statusCode(), feed.body());
    assertTrue(json.readTree(feed.body()).path("entries").isArray(), feed.body());
    HttpResponse<String> bad = get("/api/feed?since=yesterday", uma);
    assertEquals(400, bad.statusCode());
    assertTrue(bad.body().contains("since"), bad.body());
    assertEquals(401, get("/api/feed", null).statusCode());
    String spec = get("/api/openapi.yaml", null).body();
    for (String route : List.of("/api/world/presence:", "/api/leaderboard:", "/api/feed:")) {
      assertTrue(spec.contains(route), "openapi.yaml documents " + route);
    }
  }

  @Test
  void sending_too_fast_trips_the_rate_limit_and_the_connection_stays() {
    try (WsClient kim = play("kim")) {
      kim.awaitReply("join");
      for (int i = 0; i < 80; i++) {
        kim.send(action("look", "{}"));
      }
      JsonNode limited = kim.await(m -> m.path("code").asText().equals("RATE_LIMITED"), "a rate-limit error");
      assertTrue(limited.path("text").asText().contains("wait"), limited.toString());
      assertFalse(kim.closed);
    }
  }
}
