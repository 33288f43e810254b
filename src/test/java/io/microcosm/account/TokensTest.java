package io.microcosm.account;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.microcosm.MicrocosmConfig;
import io.microcosm.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {

  private static final byte[] SECRET = "a test secret that is long enough for hs256".getBytes(StandardCharsets.UTF_8);
  private static final Principal ANN = new Principal("ann", List.of("player"), "ann-the-bold");

  private final ManualClock clock = ManualClock.at("2026-03-01T10:00:00.750Z");
  private final Tokens tokens = new Tokens(SECRET, Duration.ofHours(12), clock);

  @Test
  void a_token_names_the_user_roles_character_and_expires_after_the_ttl() {
    Tokens.Issued issued = tokens.issue(ANN);
    assertEquals(Instant.parse("2026-03-01T22:00:00Z"), issued.expiresAt());
    Tokens.Valid valid = assertInstanceOf(Tokens.Valid.class, tokens.verify(issued.token()));
    assertEquals(ANN, valid.principal());
    assertEquals(issued.id(), valid.id());
    assertEquals(issued.expiresAt(), valid.expiresAt());

    String payload = new String(Base64.getUrlDecoder().decode(issued.token().split("\\.")[1]), StandardCharsets.UTF_8);
    for (String claim : List.of("\"sub\":\"ann\"", "\"roles\":[\"player\"]", "\"character\":\"ann-the-bold\"", "\"iat\"",
        "\"exp\"", "\"jti\":\"" + issued.id() + "\"")) {
      assertTrue(payload.contains(claim), claim + " in " + payload);
    }
    assertFalse(issued.id().equals(tokens.issue(ANN).id()), "every token has its own id");
  }

  @Test
  void an_expired_token_is_refused() {
    String token = tokens.issue(ANN).token();
    clock.advance(Duration.ofHours(12).minusSeconds(1));
    assertInstanceOf(Tokens.Valid.class, tokens.verify(token));
    clock.advance(Duration.ofSeconds(Tokens.LEEWAY_SECONDS + 2));
    Tokens.Invalid expired = assertInstanceOf(Tokens.Invalid.class, tokens.verify(token));
    assertTrue(expired.reason().contains("expired"), expired.reason());
  }

  @Test
  void a_token_from_the_future_is_refused_beyond_the_clock_leeway() {
    Tokens later = new Tokens(SECRET, Duration.ofHours(12), new ManualClock(clock.instant().plusSeconds(600)));
    assertInstanceOf(Tokens.Invalid.class, tokens.verify(later.issue(ANN).token()));
    Tokens slightlyAhead = new Tokens(SECRET, Duration.ofHours(12), new ManualClock(clock.instant().plusSeconds(10)));
    assertInstanceOf(Tokens.Valid.class, tokens.verify(slightlyAhead.issue(ANN).token()), "nodes' clocks may differ a little");
  }

  @Test
  void a_tampered_token_is_refused() {
    String[] parts = tokens.issue(ANN).token().split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String promoted = payload.replace("[\"player\"]", "[\"admin\",\"player\"]");
    String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
        promoted.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    Tokens.Invalid invalid = assertInstanceOf(Tokens.Invalid.class, tokens.verify(forged));
    assertTrue(invalid.reason().contains("signature"), invalid.reason());
  }

  @Test
  void a_token_signed_with_another_secret_is_refused() {
    Tokens other = new Tokens("another secret, just as long as the first one".getBytes(StandardCharsets.UTF_8),
        Duration.ofHours(12), clock);
    assertInstanceOf(Tokens.Invalid.class, tokens.verify(other.issue(ANN).token()));
  }

  @Test
  void an_unsigned_token_and_garbage_are_refused() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String payload = new String(Base64.getUrlDecoder().decode(tokens.issue(ANN).token().split("\\.")[1]), StandardCharsets.UTF_8);
    String none = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".";
    assertInstanceOf(Tokens.Invalid.class, tokens.verify(none));
    assertInstanceOf(Tokens.Invalid.class, tokens.verify("not.a.token"));
    assertInstanceOf(Tokens.Invalid.class, tokens.verify(""));
    assertInstanceOf(Tokens.Invalid.class, tokens.verify(null));
  }

  @Test
  void a_revoked_token_is_refused_and_other_tokens_stay_valid() {
    String first = tokens.issue(ANN).token();
    String second = tokens.issue(ANN).token();
    assertTrue(tokens.revoke(first));
    Tokens.Invalid revoked = assertInstanceOf(Tokens.Invalid.class, tokens.verify(first));
    assertTrue(revoked.reason().contains("revoked"), revoked.reason());
    assertInstanceOf(Tokens.Valid.class, tokens.verify(second));
    assertFalse(tokens.revoke(first), "revoking twice is harmless");
    assertFalse(tokens.revoke("garbage"));
    assertEquals(1, tokens.revokedCount());
  }

  @Test
  void revocations_are_forgotten_once_their_tokens_have_expired() {
    tokens.revoke(tokens.issue(ANN).token());
    clock.advance(Duration.ofHours(6));
    String later = tokens.issue(ANN).token();
    tokens.revoke(later);
    assertEquals(2, tokens.revokedCount());
    clock.advance(Duration.ofHours(6).plusMinutes(2));
    assertEquals(1, tokens.revokedCount(), "the first token is dead anyway");
    assertInstanceOf(Tokens.Invalid.class, tokens.verify(later), "the second is still revoked");
    clock.advance(Duration.ofHours(6));
    assertEquals(0, tokens.revokedCount());
  }

  // ---- the secret ----

  private static Config config(String overrides) {
    return MicrocosmConfig.load(ConfigFactory.parseString(overrides));
  }

  @Test
  void the_development_secret_is_fine_on_a_single_node() {
    assertDoesNotThrow(() -> Tokens.requireSafeSecret(config("microcosm.journal = h2")));
  }

  @Test
  void a_cluster_refuses_the_development_secret_and_short_secrets() {
    IllegalStateException cassandra = assertThrows(IllegalStateException.class,
        () -> Tokens.requireSafeSecret(config("microcosm.journal = cassandra")));
    assertTrue(cassandra.getMessage().contains("MICROCOSM_JWT_SECRET"), cassandra.getMessage());
    assertTrue(cassandra.getMessage().contains("development default"), cassandra.getMessage());

    IllegalStateException seeds = assertThrows(IllegalStateException.class, () -> Tokens.requireSafeSecret(config("""
        akka.cluster.seed-nodes = ["akka://microcosm@10.0.0.1:25520"]
        microcosm.auth.jwt-secret = "too short"
        """)));
    assertTrue(seeds.getMessage().contains("9 bytes long"), seeds.getMessage());
    assertTrue(seeds.getMessage().contains("at least 32 bytes"), seeds.getMessage());

    IllegalStateException kubernetes = assertThrows(IllegalStateException.class,
        () -> Tokens.requireSafeSecret(config("microcosm.cluster.formation = kubernetes")));
    assertTrue(kubernetes.getMessage().contains("Kubernetes"), kubernetes.getMessage());

    assertDoesNotThrow(() -> Tokens.requireSafeSecret(config("""
        microcosm.journal = cassandra
        microcosm.auth.jwt-secret = "0123456789abcdef0123456789abcdef"
        """)));
  }

  @Test
  void settings_come_from_application_conf_and_keep_secrets_out_of_their_text() {
    AuthSettings settings = AuthSettings.fromConfig(config("microcosm.auth.admin-password = \"s3cret-admin-pw\""));
    assertEquals(10, settings.bcryptCost());
    assertEquals(Duration.ofHours(12), settings.tokenTtl());
    assertTrue(settings.usesDevelopmentSecret());
    assertEquals("admin", settings.adminUser());
    assertFalse(settings.toString().contains("s3cret-admin-pw"));
    assertFalse(settings.toString().contains(AuthSettings.DEVELOPMENT_SECRET));
    assertThrows(IllegalArgumentException.class,
        () -> AuthSettings.fromConfig(config("microcosm.auth.bcrypt-cost = 3")));
  }
}
