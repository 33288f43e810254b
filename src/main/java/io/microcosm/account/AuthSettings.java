package io.microcosm.account;

import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Settings of accounts and sessions, from {@code microcosm.auth}.
 *
 * @param bcryptCost log2 of the bcrypt rounds for new password hashes (4..31); existing hashes keep
 *     the cost they were made with
 * @param tokenTtl how long a session token is valid after login
 * @param jwtSecret the HMAC key session tokens are signed with; every node of a cluster needs the same
 * @param adminUser the account created with the admin role on first start (when a password is given)
 * @param adminPassword that account's password; empty means no admin account is created
 * @param maxCharacters how many characters one account may own
 */
public record AuthSettings(
    int bcryptCost, Duration tokenTtl, String jwtSecret, String adminUser, String adminPassword, int maxCharacters) {

  /** The dispatcher account entities and password hashing run on, away from the game's threads. */
  public static final String DISPATCHER = "microcosm.auth.dispatcher";

  /** The secret in {@code application.conf}: fine on a developer's machine, refused in a cluster. */
  public static final String DEVELOPMENT_SECRET = "microcosm-development-secret-not-for-clusters";

  /** HS256 wants a key at least as long as its 256-bit output. */
  public static final int MIN_SECRET_BYTES = 32;

  public AuthSettings {
    if (bcryptCost < PasswordHasher.MIN_COST || bcryptCost > PasswordHasher.MAX_COST) {
      throw new IllegalArgumentException(String.format("microcosm.auth.bcrypt-cost must be %d to %d, was %d",
          PasswordHasher.MIN_COST, PasswordHasher.MAX_COST, bcryptCost));
    }
    if (tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("microcosm.auth.token-ttl must be positive, was " + tokenTtl);
    }
    if (jwtSecret == null || jwtSecret.isEmpty()) {
      throw new IllegalArgumentException("microcosm.auth.jwt-secret (MICROCOSM_JWT_SECRET) must not be empty");
    }
    if (maxCharacters < 1) {
      throw new IllegalArgumentException("microcosm.auth.max-characters must be >= 1, was " + maxCharacters);
    }
    adminUser = AccountNames.normalize(adminUser == null ? "" : adminUser);
    adminPassword = adminPassword == null ? "" : adminPassword;
  }

  public static AuthSettings fromConfig(Config config) {
    Config c = config.getConfig("microcosm.auth");
    return new AuthSettings(
        c.getInt("bcrypt-cost"),
        c.getDuration("token-ttl"),
        c.getString("jwt-secret"),
        c.getString("admin-user"),
        c.getString("admin-password"),
        c.getInt("max-characters"));
  }

  public byte[] secretBytes() {
    return jwtSecret.getBytes(StandardCharsets.UTF_8);
  }

  public boolean usesDevelopmentSecret() {
    return jwtSecret.equals(DEVELOPMENT_SECRET);
  }

  /** Secrets stay out of logs and error messages. */
  @Override
  public String toString() {
    return "AuthSettings[bcryptCost=" + bcryptCost + ", tokenTtl=" + tokenTtl + ", jwtSecret=(" + secretBytes().length
        + " bytes), adminUser=" + adminUser + ", adminPassword=(" + (adminPassword.isEmpty() ? "unset" : "set")
        + "), maxCharacters=" + maxCharacters + "]";
  }
}
