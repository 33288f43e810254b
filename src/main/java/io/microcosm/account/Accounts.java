package io.microcosm.account;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.japi.function.Function;
import io.microcosm.account.AccountEntity.AccountView;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.EntitySettings;
import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration, login and sessions, in front of the {@link AccountEntity}s: what the gateway calls.
 *
 * <p>Expected outcomes (a taken name, a wrong password, an invalid token) are data: an {@link Ok}
 * or a {@link Refused} with a {@link Rejection} to show the user. A stage completes exceptionally
 * only when the accounts did not answer in time; the call may then be retried.
 *
 * <p>Threads: new password hashes are made on the {@link AuthSettings#DISPATCHER}, the same small
 * pool the account entities check logins on, so bcrypt never occupies the game's dispatcher.
 * Continuations on ask replies run on the system dispatcher through the {@code *Async} variants: the
 * plain ones would start a thread per callback on a two-core machine.
 */
public final class Accounts {

  private static final Logger log = LoggerFactory.getLogger(Accounts.class);

  private static final String SELF = "accounts";

  /** The result of a call that the user may be refused. */
  public sealed interface Outcome<T> permits Ok, Refused {}

  public record Ok<T>(T value) implements Outcome<T> {}

  public record Refused<T>(Rejection rejection) implements Outcome<T> {}

  /** A logged-in session: the token the client presents from now on, and who it stands for. */
  public record Session(String token, Principal principal, Instant expiresAt) {
    @Override
    public String toString() {
      return "Session[token=(hidden), principal=" + principal + ", expiresAt=" + expiresAt + "]";
    }
  }

  /** What {@link #bootstrapAdmin} found or did. */
  public enum AdminBootstrap {
    /** No admin password is configured, so no admin account is made. */
    NOT_CONFIGURED,
    CREATED,
    /** The admin account exists already, with the admin role. */
    ALREADY_PRESENT,
    /** The name belongs to an account without the admin role, or to a character: left alone. */
    NAME_HELD_BY_NON_ADMIN
  }

  private final ActorSystem<?> system;
  private final java.util.function.Function<String, RecipientRef<AccountEntity.Command>> accounts;
  private final AuthSettings auth;
  private final Duration askTimeout;
  private final Tokens tokens;
  private final PasswordHasher hasher;
  private final Executor hashing;
  private final Executor replies;

  /**
   * @param accounts finds the account entity of a (lower-case) name: sharding in production, test
   *     actors in tests
   */
  public Accounts(
      ActorSystem<?> system, java.util.function.Function<String, RecipientRef<AccountEntity.Command>> accounts,
      AuthSettings auth, Duration askTimeout, Tokens tokens) {
    this.system = system;
    this.accounts = accounts;
    this.auth = auth;
    this.askTimeout = askTimeout;
    this.tokens = tokens;
    this.hasher = new PasswordHasher(auth.bcryptCost());
    this.hashing = system.dispatchers().lookup(DispatcherSelector.fromConfig(AuthSettings.DISPATCHER));
    this.replies = system.executionContext();
  }

  /** The service over the sharded account entities ({@link AccountEntity#init} must have run). */
  public static Accounts create(
      ActorSystem<?> system, ClusterSharding sharding, EntitySettings settings, AuthSettings auth) {
    if (auth.usesDevelopmentSecret()) {
      log.warn("Session tokens are signed with the development secret: set MICROCOSM_JWT_SECRET before anyone else "
          + "can reach this server.");
    }
    return new Accounts(system, name -> sharding.entityRefFor(AccountEntity.ENTITY_KEY, name), auth,
        settings.askTimeout(), Tokens.fromSettings(auth, Clock.systemUTC()));
  }

  public Tokens tokens() {
    return tokens;
  }

  /** Opens an account with the player role; its first character has the user's name. */
  public CompletionStage<Outcome<AccountView>> register(String user, String password) {
    return register(user, password, List.of(Roles.PLAYER));
  }

  private CompletionStage<Outcome<AccountView>> register(String user, String password, List<String> roles) {
    Optional<Rejection> bad = AccountNames.checkName("user name", user).or(() -> AccountNames.checkPassword(password));
    if (bad.isPresent()) {
      return refused(bad.get());
    }
    String name = AccountNames.normalize(user);
    return CompletableFuture.supplyAsync(() -> hasher.hash(password), hashing)
        .thenComposeAsync(hash -> this.<AccountEntity.RegisterReply>ask(name,
            r -> new AccountEntity.Register(CommandMeta.fresh(name), name, hash, roles, r)), replies)
        .thenApplyAsync(reply -> {
          if (reply instanceof AccountEntity.Opened opened) {
            log.info("Account '{}' opened with roles {}", name, opened.account().roles());
            return new Ok<>(opened.account());
          }
          return new Refused<>(((AccountEntity.Rejected) reply).rejection());
        }, replies);
  }

  /** Logs in to play the account's first character (the user's own name). */
  public CompletionStage<Outcome<Session>> login(String user, String password) {
    return login(user, password, null);
  }

  /** Logs in to play {@code character}, one the account owns; null means the first. */
  public CompletionStage<Outcome<Session>> login(String user, String password, String character) {
    if (AccountNames.checkName("user name", user).isPresent() || !AccountNames.plausiblePassword(password)) {
      // Names and passwords that could never have been registered: no need to ask anyone.
      return refused(Rejection.of(Code.BAD_CREDENTIALS, AccountEntity.WRONG_CREDENTIALS));
    }
    String name = AccountNames.normalize(user);
    return this.<AccountEntity.VerifyReply>ask(name, r -> new AccountEntity.Verify(CommandMeta.fresh(name), password, r))
        .thenApplyAsync(reply -> {
          if (reply instanceof AccountEntity.Rejected rejected) {
            log.info("Login as '{}' refused: {}", name, rejected.rejection().code());
            return new Refused<>(rejected.rejection());
          }
          AccountEntity.Verified verified = (AccountEntity.Verified) reply;
          String playing = character == null ? verified.characters().get(0) : AccountNames.normalize(character);
          if (!verified.characters().contains(playing)) {
            return new Refused<>(Rejection.of(Code.NOT_PERMITTED, "You have no character named '" + playing + "'."));
          }
          Principal principal = new Principal(verified.user(), verified.roles(), playing);
          Tokens.Issued issued = tokens.issue(principal);
          log.info("'{}' logged in to play '{}' (session {})", name, playing, issued.id());
          return new Ok<>(new Session(issued.token(), principal, issued.expiresAt()));
        }, replies);
  }

  /** Ends the session of {@code token}; false when it was not a valid session token. */
  public boolean logout(String token) {
    return tokens.revoke(token);
  }

  /**
   * Who a session token stands for. Roles are those at login: a change of roles applies from the
   * next login on.
   */
  public Outcome<Principal> verifyToken(String token) {
    Tokens.Check check = tokens.verify(token);
    if (check instanceof Tokens.Valid valid) {
      return new Ok<>(valid.principal());
    }
    log.debug("Session token refused: {}", ((Tokens.Invalid) check).reason());
    return new Refused<>(Rejection.of(Code.INVALID_TOKEN, "Your session is not valid (any more); please log in again."));
  }

  public CompletionStage<Outcome<AccountView>> show(String user) {
    if (AccountNames.checkName("user name", user).isPresent()) {
      return refused(Rejection.of(Code.NO_SUCH_ACCOUNT, "There is no account named '" + user + "'."));
    }
    String name = AccountNames.normalize(user);
    return this.<AccountEntity.ShowReply>ask(name, r -> new AccountEntity.Show(CommandMeta.fresh(SELF), r))
        .thenApplyAsync(reply -> reply instanceof AccountEntity.Shown shown
            ? new Ok<>(shown.account())
            : new Refused<>(((AccountEntity.Rejected) reply).rejection()), replies);
  }

  /**
   * Gives {@code owner}'s account one more character. The name is first reserved in the namespace
   * users and characters share, so no user name and no other user's character can have it.
   */
  public CompletionStage<Outcome<AccountView>> addCharacter(Principal owner, String character) {
    Optional<Rejection> bad = AccountNames.checkName("character name", character);
    if (bad.isPresent()) {
      return refused(bad.get());
    }
    String name = AccountNames.normalize(character);
    String user = owner.user();
    return show(user).thenComposeAsync(shown -> {
      if (!(shown instanceof Ok<AccountView> ok)) {
        return CompletableFuture.completedFuture(shown);
      }
      List<String> owned = ok.value().characters();
      if (owned.contains(name)) {
        return CompletableFuture.completedFuture(shown);
      }
      if (owned.size() >= auth.maxCharacters()) {
        // Checked before reserving, so a full account does not reserve names it cannot use.
        return refused(Rejection.of(Code.TOO_MANY_CHARACTERS, String.format(
            "An account may own %d characters, and you already own %s.", auth.maxCharacters(), String.join(", ", owned))));
      }
      return this.<AccountEntity.ReserveReply>ask(name, r -> new AccountEntity.ReserveName(CommandMeta.fresh(user), user, r))
          .thenComposeAsync(reserved -> reserved instanceof AccountEntity.Rejected rejected
              ? refused(rejected.rejection())
              : ownCharacter(user, name), replies);
    }, replies);
  }

  private CompletionStage<Outcome<AccountView>> ownCharacter(String user, String character) {
    return this.<AccountEntity.CharacterReply>ask(user, r -> new AccountEntity.AddCharacter(CommandMeta.fresh(user), character, r))
        .thenApplyAsync(reply -> {
          if (reply instanceof AccountEntity.CharacterOwned owned) {
            log.info("'{}' now owns the character '{}'", user, character);
            return new Ok<>(owned.account());
          }
          return new Refused<>(((AccountEntity.Rejected) reply).rejection());
        }, replies);
  }

  /** Replaces {@code user}'s roles; only an admin may. */
  public CompletionStage<Outcome<AccountView>> setRoles(Principal actor, String user, List<String> roles) {
    if (!actor.isAdmin()) {
      return refused(Rejection.of(Code.NOT_PERMITTED, "Only an admin may change roles."));
    }
    Optional<Rejection> bad = AccountNames.checkName("user name", user).or(() -> Roles.check(roles));
    if (bad.isPresent()) {
      return refused(bad.get());
    }
    String name = AccountNames.normalize(user);
    return this.<AccountEntity.RolesReply>ask(name, r -> new AccountEntity.SetRoles(CommandMeta.fresh(actor.user()), roles, r))
        .thenApplyAsync(reply -> {
          if (reply instanceof AccountEntity.RolesSet set) {
            log.info("'{}' set the roles of '{}' to {}", actor.user(), name, set.account().roles());
            return new Ok<>(set.account());
          }
          return new Refused<>(((AccountEntity.Rejected) reply).rejection());
        }, replies);
  }

  /**
   * Creates the admin account ({@code microcosm.auth.admin-user}, with the admin and player roles)
   * when an admin password is configured and the account does not exist. Safe to call on every
   * start and on every node. An existing account of that name without the admin role is not
   * promoted: someone may have registered the name before it was configured.
   *
   * @return completes exceptionally when the configured name or password breaks the rules
   */
  public CompletionStage<AdminBootstrap> bootstrapAdmin() {
    if (auth.adminPassword().isEmpty()) {
      log.info("No admin account configured (set MICROCOSM_ADMIN_USER and MICROCOSM_ADMIN_PASSWORD to create one)");
      return CompletableFuture.completedFuture(AdminBootstrap.NOT_CONFIGURED);
    }
    String admin = auth.adminUser();
    Optional<Rejection> bad = AccountNames.checkName("user name", admin).or(() -> AccountNames.checkPassword(auth.adminPassword()));
    if (bad.isPresent()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "microcosm.auth.admin-user / admin-password (MICROCOSM_ADMIN_USER / MICROCOSM_ADMIN_PASSWORD): "
              + bad.get().message()));
    }
    return show(admin).thenComposeAsync(shown -> {
      if (shown instanceof Ok<AccountView> ok) {
        return CompletableFuture.completedFuture(adminPresence(admin, ok.value()));
      }
      return register(admin, auth.adminPassword(), List.of(Roles.ADMIN, Roles.PLAYER)).thenApplyAsync(opened -> {
        if (opened instanceof Ok<AccountView>) {
          return AdminBootstrap.CREATED;
        }
        log.warn("The admin account '{}' cannot be created: {}", admin, ((Refused<AccountView>) opened).rejection().message());
        return AdminBootstrap.NAME_HELD_BY_NON_ADMIN;
      }, replies);
    }, replies);
  }

  private static AdminBootstrap adminPresence(String admin, AccountView account) {
    if (account.roles().contains(Roles.ADMIN)) {
      return AdminBootstrap.ALREADY_PRESENT;
    }
    log.warn("The account '{}' exists without the admin role; it is not promoted. Choose another "
        + "MICROCOSM_ADMIN_USER, or have an admin grant the role.", admin);
    return AdminBootstrap.NAME_HELD_BY_NON_ADMIN;
  }

  private <R> CompletionStage<R> ask(String name, Function<ActorRef<R>, AccountEntity.Command> message) {
    return AskPattern.ask(accounts.apply(name), message, askTimeout, system.scheduler());
  }

  private static <T> CompletionStage<Outcome<T>> refused(Rejection rejection) {
    return CompletableFuture.completedFuture(new Refused<>(rejection));
  }
}
