package io.microcosm.account;

import io.microcosm.entity.CborSerializable;
import java.util.List;
import java.util.Objects;

/**
 * Who is behind a session: the user, what they may do, and the character they play.
 *
 * @param user the account's (lower-case) user name
 * @param roles the account's roles when the session began
 * @param character the character (player entity id) this session plays
 */
public record Principal(String user, List<String> roles, String character) implements CborSerializable {

  public Principal {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(character, "character");
    roles = List.copyOf(roles);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public boolean isAdmin() {
    return hasRole(Roles.ADMIN);
  }
}
