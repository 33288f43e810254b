package io.microcosm.account;

import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Role names. Roles are free-form lower-case words; these are the ones the server itself knows. */
public final class Roles {

  /** Every registered user. */
  public static final String PLAYER = "player";
  /** May change other accounts' roles. */
  public static final String ADMIN = "admin";
  /** May watch the whole world (presence of everyone everywhere) without playing in it. */
  public static final String OBSERVER = "observer";

  private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  private Roles() {}

  /** Lower-case, without duplicates, sorted: the form roles are stored and compared in. */
  public static List<String> normalize(Collection<String> roles) {
    TreeSet<String> sorted = new TreeSet<>();
    for (String role : roles) {
      sorted.add(role.strip().toLowerCase(Locale.ROOT));
    }
    return List.copyOf(sorted);
  }

  public static Optional<Rejection> check(Collection<String> roles) {
    for (String role : roles) {
      if (role == null || !ROLE.matcher(role.strip().toLowerCase(Locale.ROOT)).matches()) {
        return Optional.of(Rejection.of(Code.INVALID_NAME,
            "A role is a word of 1 to 32 letters, digits, '_' or '-' starting with a letter; '" + role + "' is not."));
      }
    }
    return Optional.empty();
  }
}
