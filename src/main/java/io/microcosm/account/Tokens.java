package io.microcosm.account;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session tokens: JWTs signed with HS256. A token names the user ({@code sub}), their roles, the
 * character the session plays, when it was issued and when it expires, and carries a unique id
 * ({@code jti}) so that logging out can revoke it before it expires.
 *
 * <p>Revocations are kept in memory on this node until the revoked token would have expired anyway,
 * so memory grows only with the logouts of one token lifetime. A cluster needs them shared (a
 * replicated set, or a projection every node reads); until then a token revoked on one node stays
 * valid on the others until it expires.
 */
public final class Tokens {

  static final String ISSUER = "microcosm";
  static final String ROLES = "roles";
  static final String CHARACTER = "character";
  /** Nodes' clocks differ a little: a token issued on one is not "from the future" on another. */
  static final long LEEWAY_SECONDS = 30;

  /** A token just issued. */
  public record Issued(String token, String id, Instant expiresAt) {}

  /** What checking a token found. */
  public sealed interface Check permits Valid, Invalid {}

  public record Valid(Principal principal, String id, Instant expiresAt) implements Check {}

  /** @param reason for logs and the client; it never contains the token */
  public record Invalid(String reason) implements Check {}

  private final Algorithm algorithm;
  private final JWTVerifier verifier;
  private final Duration ttl;
  private final Clock clock;
  /** Revoked token ids, with the instant after which the token is dead anyway. */
  private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
  private volatile Instant nextPurge = Instant.MIN;

  public Tokens(byte[] secret, Duration ttl, Clock clock) {
    if (secret.length == 0) {
      throw new IllegalArgumentException("the token secret must not be empty");
    }
    this.algorithm = Algorithm.HMAC256(secret);
    this.ttl = Objects.requireNonNull(ttl, "ttl");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
        .withIssuer(ISSUER)
        .withClaimPresence("sub")
        .withClaimPresence("jti")
        .withClaimPresence("exp")
        .withClaimPresence(ROLES)
        .withClaimPresence(CHARACTER)
        .acceptLeeway(LEEWAY_SECONDS))
        .build(clock);
  }

  public static Tokens fromSettings(AuthSettings settings, Clock clock) {
    return new Tokens(settings.secretBytes(), settings.tokenTtl(), clock);
  }

  /**
   * Refuses to go on when this node is part of a cluster (the Cassandra journal, or seed nodes
   * configured) and the token secret is still the development default or shorter than 32 bytes:
   * anyone who read the source could forge any session there.
   *
   * @throws IllegalStateException saying what to set
   */
  public static void requireSafeSecret(Config config) {
    AuthSettings settings = AuthSettings.fromConfig(config);
    boolean cassandra = config.getString("microcosm.journal").equals("cassandra");
    boolean seeds = !config.getStringList("akka.cluster.seed-nodes").isEmpty();
    boolean kubernetes = config.getString("microcosm.cluster.formation").equals("kubernetes");
    if (!cassandra && !seeds && !kubernetes) {
      return;
    }
    String mode = cassandra ? "the Cassandra journal" : seeds ? "cluster seed nodes" : "the Kubernetes cluster formation";
    if (settings.usesDevelopmentSecret()) {
      throw new IllegalStateException("microcosm.auth.jwt-secret (MICROCOSM_JWT_SECRET) is still the development "
          + "default, which is public; with " + mode + " configured, set a random secret of at least "
          + AuthSettings.MIN_SECRET_BYTES + " bytes, the same on every node (e.g. `openssl rand -base64 48`).");
    }
    int length = settings.secretBytes().length;
    if (length < AuthSettings.MIN_SECRET_BYTES) {
      throw new IllegalStateException("microcosm.auth.jwt-secret (MICROCOSM_JWT_SECRET) is " + length
          + " bytes long; with " + mode + " configured it must be at least " + AuthSettings.MIN_SECRET_BYTES
          + " bytes (e.g. `openssl rand -base64 48`).");
    }
  }

  public Duration ttl() {
    return ttl;
  }

  public Issued issue(Principal principal) {
    // JWT times are whole seconds; truncating here makes the expiry we report the one in the token.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expires = now.plus(ttl);
    String id = UUID.randomUUID().toString();
    String token = JWT.create()
        .withIssuer(ISSUER)
        .withSubject(principal.user())
        .withClaim(ROLES, principal.roles())
        .withClaim(CHARACTER, principal.character())
        .withIssuedAt(now)
        .withExpiresAt(expires)
        .withJWTId(id)
        .sign(algorithm);
    return new Issued(token, id, expires);
  }

  public Check verify(String token) {
    if (token == null || token.isBlank()) {
      return new Invalid("no token");
    }
    DecodedJWT jwt;
    try {
      jwt = verifier.verify(token.strip());
    } catch (TokenExpiredException e) {
      return new Invalid("the token expired at " + e.getExpiredOn());
    } catch (SignatureVerificationException e) {
      return new Invalid("the token's signature is wrong");
    } catch (JWTDecodeException e) {
      return new Invalid("the token is malformed");
    } catch (JWTVerificationException e) {
      return new Invalid("the token is not acceptable: " + e.getMessage());
    }
    if (revoked.containsKey(jwt.getId())) {
      return new Invalid("the token was revoked (logged out)");
    }
    List<String> roles = jwt.getClaim(ROLES).asList(String.class);
    String character = jwt.getClaim(CHARACTER).asString();
    if (roles == null || character == null) {
      return new Invalid("the token's roles or character are malformed");
    }
    return new Valid(new Principal(jwt.getSubject(), roles, character), jwt.getId(), jwt.getExpiresAtAsInstant());
  }

  /**
   * Revokes a valid token until it expires. Returns false for a token that is not valid (already
   * revoked, expired or forged), so revoking is idempotent.
   */
  public boolean revoke(String token) {
    if (!(verify(token) instanceof Valid valid)) {
      return false;
    }
    // Kept until it would fail on expiry at every node: its expiry plus the leeway.
    revoked.put(valid.id(), valid.expiresAt().plusSeconds(LEEWAY_SECONDS));
    purgeExpired();
    return true;
  }

  /** How many revocations are remembered (they are forgotten once their tokens have expired). */
  public int revokedCount() {
    purgeExpired();
    return revoked.size();
  }

  private void purgeExpired() {
    Instant now = clock.instant();
    if (now.isBefore(nextPurge)) {
      return;
    }
    nextPurge = now.plusSeconds(60);
    for (Iterator<Instant> it = revoked.values().iterator(); it.hasNext(); ) {
      if (!it.next().isAfter(now)) {
        it.remove();
      }
    }
  }
}
