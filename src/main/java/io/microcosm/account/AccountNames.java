package io.microcosm.account;

import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for user names, character names and passwords. User and character names share one
 * namespace (a character is a player entity, addressed by its name), are case-insensitive and are
 * stored in lower case.
 */
public final class AccountNames {

  public static final int MIN_NAME = 3;
  public static final int MAX_NAME = 20;
  public static final int MIN_PASSWORD = 8;
  public static final int MAX_PASSWORD = 128;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private AccountNames() {}

  /** The stored form of a name: lower case, with surrounding blanks removed. Null stays null. */
  public static String normalize(String name) {
    return name == null ? null : name.strip().toLowerCase(Locale.ROOT);
  }

  /** Why {@code name} cannot be a user or character name, if it cannot. */
  public static Optional<Rejection> checkName(String what, String name) {
    String n = name == null ? "" : name.strip();
    if (n.length() < MIN_NAME || n.length() > MAX_NAME) {
      return Optional.of(Rejection.of(Code.INVALID_NAME, String.format(
          "A %s must be %d to %d characters long; '%s' has %d.", what, MIN_NAME, MAX_NAME, n, n.length())));
    }
    if (!NAME.matcher(n).matches()) {
      return Optional.of(Rejection.of(Code.INVALID_NAME, String.format(
          "A %s may contain only letters a-z, digits, '_' and '-'; '%s' does not.", what, n)));
    }
    return Optional.empty();
  }

  /** Why {@code password} cannot be chosen, if it cannot. The message never repeats the password. */
  public static Optional<Rejection> checkPassword(String password) {
    int length = password == null ? 0 : password.codePointCount(0, password.length());
    if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
      return Optional.of(Rejection.of(Code.INVALID_PASSWORD, String.format(
          "A password must be %d to %d characters long; this one has %d.", MIN_PASSWORD, MAX_PASSWORD, length)));
    }
    return Optional.empty();
  }

  /** Whether a login attempt's password is worth hashing at all (a huge one only costs us work). */
  static boolean plausiblePassword(String password) {
    return checkPassword(password).isEmpty();
  }
}
