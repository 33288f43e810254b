package io.microcosm.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategy;
import java.util.Arrays;

/**
 * bcrypt hashing of passwords. A hash carries its own salt and cost, so raising the configured cost
 * affects new hashes only and old ones still verify.
 *
 * <p>bcrypt reads at most 72 bytes; a longer password (up to 128 characters are allowed) is first
 * reduced with SHA-512, so every character counts instead of the tail being silently ignored.
 *
 * <p>Each call costs about 2^cost bcrypt rounds of CPU (tens of milliseconds at cost 10): callers run
 * it on the {@link AuthSettings#DISPATCHER}, never on the game's dispatcher.
 */
public final class PasswordHasher {

  public static final int MIN_COST = 4;
  public static final int MAX_COST = 31;

  private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
  private static final LongPasswordStrategy LONG_PASSWORDS = LongPasswordStrategies.hashSha512(VERSION);

  private final int cost;
  private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LONG_PASSWORDS);
  private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LONG_PASSWORDS);
  /** Checked against when there is no account, so a missing account takes as long as a wrong password. */
  private volatile String decoy;

  public PasswordHasher(int cost) {
    if (cost < MIN_COST || cost > MAX_COST) {
      throw new IllegalArgumentException("bcrypt cost must be " + MIN_COST + " to " + MAX_COST + ", was " + cost);
    }
    this.cost = cost;
  }

  public int cost() {
    return cost;
  }

  public String hash(String password) {
    char[] chars = password.toCharArray();
    try {
      return hasher.hashToString(cost, chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /** Whether {@code password} matches {@code hash}; a malformed hash matches nothing. */
  public boolean verify(String password, String hash) {
    if (password == null || hash == null) {
      return false;
    }
    char[] chars = password.toCharArray();
    try {
      return verifyer.verify(chars, hash).verified;
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /** Spends the time a real check would, and always fails. */
  public boolean verifyAgainstNothing(String password) {
    String d = decoy;
    if (d == null) {
      d = hash("no account has this password " + cost);
      decoy = d;
    }
    verify(password == null ? "" : password, d);
    return false;
  }
}
