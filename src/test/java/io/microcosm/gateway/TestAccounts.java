package io.microcosm.gateway;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Accounts for gateway tests that do not exercise them: every call is refused. */
final class TestAccounts {

  static final AccountService NONE = new AccountService() {
    @Override
    public CompletionStage<String> register(String user, String password) {
      return CompletableFuture.failedFuture(new ApiProblem(503, "No accounts in this test."));
    }

    @Override
    public CompletionStage<Login> login(String user, String password) {
      return CompletableFuture.failedFuture(new ApiProblem(503, "No accounts in this test."));
    }

    @Override
    public CompletionStage<Void> logout(String token) {
      return CompletableFuture.completedFuture(null);
    }
  };

  private TestAccounts() {}
}
