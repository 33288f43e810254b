package io.microcosm.gateway;

import io.microcosm.account.Accounts;
import io.microcosm.account.Principal;
import io.microcosm.entity.Rejection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The account service and token check the gateway uses, over {@link Accounts}. */
public final class AccountsGateway implements AccountService, GatewayServer.Authenticator {

  private final Accounts accounts;

  public AccountsGateway(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public CompletionStage<String> register(String user, String password) {
    return accounts.register(user, password).thenApplyAsync(outcome -> {
      if (outcome instanceof Accounts.Ok<?> ok) {
        return ((io.microcosm.account.AccountEntity.AccountView) ok.value()).characters().get(0);
      }
      throw problem(((Accounts.Refused<?>) outcome).rejection());
    }, Runnable::run);
  }

  @Override
  public CompletionStage<Login> login(String user, String password) {
    return accounts.login(user, password).thenApplyAsync(outcome -> {
      if (outcome instanceof Accounts.Ok<Accounts.Session> ok) {
        Accounts.Session s = ok.value();
        return new Login(s.token(), s.principal().character(), s.expiresAt().getEpochSecond());
      }
      throw problem(((Accounts.Refused<?>) outcome).rejection());
    }, Runnable::run);
  }

  @Override
  public CompletionStage<Void> logout(String token) {
    accounts.logout(token);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletionStage<Optional<Principal>> principal(String token) {
    Accounts.Outcome<Principal> outcome = accounts.verifyToken(token);
    return CompletableFuture.completedFuture(outcome instanceof Accounts.Ok<Principal> ok
        ? Optional.of(ok.value()) : Optional.empty());
  }

  private static ApiProblem problem(Rejection rejection) {
    int status = switch (rejection.code()) {
      case NAME_TAKEN -> 409;
      case BAD_CREDENTIALS, INVALID_TOKEN -> 401;
      case NOT_PERMITTED -> 403;
      case UNAVAILABLE -> 503;
      default -> 400;
    };
    return new ApiProblem(status, rejection.message());
  }
}
