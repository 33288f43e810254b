package io.microcosm.gateway;

import java.util.concurrent.CompletionStage;

/**
 * What the REST API needs from accounts. A refusal completes the stage with an {@link ApiProblem}
 * carrying the HTTP status and a sentence for the client.
 */
public interface AccountService {

  record Login(String token, String character, long expiresAtEpochSecond) {}

  /** Creates the account and its character; completes with the character's name. */
  CompletionStage<String> register(String user, String password);

  CompletionStage<Login> login(String user, String password);

  /** Revokes the token; a token already invalid is no problem. */
  CompletionStage<Void> logout(String token);
}
