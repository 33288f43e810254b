package io.microcosm.gateway;

import java.util.Set;

/** Who is connected: the account, the character it plays, and its roles ("player", "admin"). */
public record Principal(String user, String character, Set<String> roles) {

  public Principal {
    roles = Set.copyOf(roles);
  }

  public boolean isAdmin() {
    return roles.contains("admin");
  }
}
