package io.microcosm.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorRef;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import io.microcosm.account.AccountEntity.AccountView;
import io.microcosm.account.Accounts.AdminBootstrap;
import io.microcosm.account.Accounts.Ok;
import io.microcosm.account.Accounts.Outcome;
import io.microcosm.account.Accounts.Refused;
import io.microcosm.account.Accounts.Session;
import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.TestWorlds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The accounts service over live (unsharded) account entities on the in-memory journal. */
class AccountsTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  private static final AtomicInteger generation = new AtomicInteger();
  private static final String PASSWORD = "open sesame 42";

  private final Map<String, ActorRef<AccountEntity.Command>> entities = new ConcurrentHashMap<>();
  private Accounts accounts;

  @BeforeEach
  void setUp() {
    PersistenceTestKit.create(kit.testKit().system()).clearAll();
    accounts = accounts("");
  }

  private static AuthSettings auth(String adminUser, String adminPassword) {
    return new AuthSettings(PasswordHasher.MIN_COST, Duration.ofHours(12), AuthSettings.DEVELOPMENT_SECRET,
        adminUser, adminPassword, 3);
  }

  private Accounts accounts(String adminPassword) {
    return accounts("root", adminPassword);
  }

  /** Entities live as long as the test; a new service instance sees the same ones, as after a restart. */
  private Accounts accounts(String adminUser, String adminPassword) {
    AuthSettings auth = auth(adminUser, adminPassword);
    PasswordHasher hasher = new PasswordHasher(auth.bcryptCost());
    int gen = generation.incrementAndGet();
    return new Accounts(kit.testKit().system(),
        name -> entities.computeIfAbsent(name, n -> kit.testKit().spawn(
            AccountEntity.create(n, TestWorlds.settings(), auth, hasher), "account-" + gen + "-" + n)),
        auth, Duration.ofSeconds(10), new Tokens(auth.secretBytes(), auth.tokenTtl(), Clock.systemUTC()));
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("no answer", e);
    }
  }

  private static <T> T ok(CompletionStage<Outcome<T>> stage) {
    return ok(await(stage));
  }

  private static <T> T ok(Outcome<T> outcome) {
    if (outcome instanceof Refused<T> refused) {
      throw new AssertionError("refused: " + refused.rejection());
    }
    return ((Ok<T>) outcome).value();
  }

  private static Rejection refused(CompletionStage<? extends Outcome<?>> stage, Code code) {
    return refused(await(stage), code);
  }

  private static Rejection refused(Outcome<?> outcome, Code code) {
    Refused<?> refused = assertInstanceOf(Refused.class, outcome);
    assertEquals(code, refused.rejection().code(), refused.rejection().message());
    return refused.rejection();
  }

  @Test
  void a_registered_user_logs_in_with_any_case_and_plays_their_own_name() {
    AccountView opened = ok(accounts.register("Ann", PASSWORD));
    assertEquals(new AccountView("ann", List.of(Roles.PLAYER), List.of("ann")), opened);

    Session session = ok(accounts.login("ANN", PASSWORD));
    assertEquals(new Principal("ann", List.of(Roles.PLAYER), "ann"), session.principal());
    assertEquals(session.principal(), ok(accounts.verifyToken(session.token())));
    assertFalse(session.toString().contains(session.token()), "tokens stay out of logs");
  }

  @Test
  void registration_explains_what_is_wrong_with_the_name_or_password() {
    assertEquals("A user name must be 3 to 20 characters long; 'ab' has 2.",
        refused(accounts.register("ab", PASSWORD), Code.INVALID_NAME).message());
    refused(accounts.register("a".repeat(21), PASSWORD), Code.INVALID_NAME);
    assertEquals("A user name may contain only letters a-z, digits, '_' and '-'; 'ann!' does not.",
        refused(accounts.register("ann!", PASSWORD), Code.INVALID_NAME).message());
    assertEquals("A password must be 8 to 128 characters long; this one has 7.",
        refused(accounts.register("ann", "1234567"), Code.INVALID_PASSWORD).message());
    refused(accounts.register("ann", "x".repeat(129)), Code.INVALID_PASSWORD);
    ok(accounts.register("ann", "x".repeat(128)));
    assertEquals("The name 'ann' is already taken; please choose another.",
        refused(accounts.register("aNN", PASSWORD), Code.NAME_TAKEN).message());
  }

  @Test
  void a_wrong_password_and_an_unknown_user_get_the_same_answer() {
    ok(accounts.register("bob", PASSWORD));
    Rejection wrong = refused(accounts.login("bob", "not " + PASSWORD), Code.BAD_CREDENTIALS);
    Rejection unknown = refused(accounts.login("nobody", PASSWORD), Code.BAD_CREDENTIALS);
    Rejection malformed = refused(accounts.login("no body", PASSWORD), Code.BAD_CREDENTIALS);
    assertEquals("The user name or password is wrong.", wrong.message());
    assertEquals(wrong, unknown);
    assertEquals(wrong, malformed);
  }

  @Test
  void every_character_of_a_long_password_counts() {
    String longPassword = "é".repeat(40) + "-tail-one";
    ok(accounts.register("cid", longPassword));
    assertTrue(longPassword.getBytes(StandardCharsets.UTF_8).length > 72, "longer than bcrypt reads");
    ok(accounts.login("cid", longPassword));
    refused(accounts.login("cid", "é".repeat(40) + "-tail-two"), Code.BAD_CREDENTIALS);
  }

  @Test
  void logging_out_revokes_the_session_token() {
    ok(accounts.register("dot", PASSWORD));
    Session first = ok(accounts.login("dot", PASSWORD));
    Session second = ok(accounts.login("dot", PASSWORD));
    assertTrue(accounts.logout(first.token()));
    assertEquals("Your session is not valid (any more); please log in again.",
        refused(accounts.verifyToken(first.token()), Code.INVALID_TOKEN).message());
    assertFalse(accounts.logout(first.token()));
    assertEquals(second.principal(), ok(accounts.verifyToken(second.token())), "other sessions go on");
    refused(accounts.verifyToken("forged.token.here"), Code.INVALID_TOKEN);
  }

  @Test
  void character_names_are_unique_across_users_and_characters() {
    ok(accounts.register("eve", PASSWORD));
    ok(accounts.register("fay", PASSWORD));
    Principal eve = ok(accounts.login("eve", PASSWORD)).principal();
    Principal fay = ok(accounts.login("fay", PASSWORD)).principal();

    assertEquals(List.of("eve", "hero"), ok(accounts.addCharacter(eve, "Hero")).characters());
    assertEquals(List.of("eve", "hero"), ok(accounts.addCharacter(eve, "hero")).characters(), "adding twice is harmless");
    refused(accounts.addCharacter(fay, "HERO"), Code.NAME_TAKEN);
    refused(accounts.addCharacter(fay, "eve"), Code.NAME_TAKEN);
    refused(accounts.register("hero", PASSWORD), Code.NAME_TAKEN);
    refused(accounts.addCharacter(fay, "x"), Code.INVALID_NAME);

    assertEquals("hero", ok(accounts.login("eve", PASSWORD, "Hero")).principal().character());
    assertEquals("You have no character named 'hero'.",
        refused(accounts.login("fay", PASSWORD, "hero"), Code.NOT_PERMITTED).message());
  }

  @Test
  void a_full_account_reserves_no_more_names() {
    ok(accounts.register("gus", PASSWORD));
    ok(accounts.register("ian", PASSWORD));
    Principal gus = ok(accounts.login("gus", PASSWORD)).principal();
    ok(accounts.addCharacter(gus, "gus2"));
    ok(accounts.addCharacter(gus, "gus3"));
    assertEquals("An account may own 3 characters, and you already own gus, gus2, gus3.",
        refused(accounts.addCharacter(gus, "gus4"), Code.TOO_MANY_CHARACTERS).message());
    Principal ian = ok(accounts.login("ian", PASSWORD)).principal();
    assertEquals(List.of("ian", "gus4"), ok(accounts.addCharacter(ian, "gus4")).characters(), "gus4 is still free");
  }

  @Test
  void only_an_admin_changes_roles_and_the_change_shows_at_the_next_login() {
    Accounts withAdmin = accounts("s3cure-admin-pass");
    assertEquals(AdminBootstrap.CREATED, await(withAdmin.bootstrapAdmin()));
    ok(withAdmin.register("jay", PASSWORD));
    Principal jay = ok(withAdmin.login("jay", PASSWORD)).principal();
    Principal root = ok(withAdmin.login("root", "s3cure-admin-pass")).principal();
    assertTrue(root.isAdmin());
    assertEquals(List.of(Roles.ADMIN, Roles.PLAYER), root.roles());

    assertEquals("Only an admin may change roles.",
        refused(withAdmin.setRoles(jay, "jay", List.of("admin")), Code.NOT_PERMITTED).message());
    assertEquals(List.of("builder", "player"), ok(withAdmin.setRoles(root, "JAY", List.of("player", "builder"))).roles());
    assertEquals(List.of("builder", "player"), ok(withAdmin.login("jay", PASSWORD)).principal().roles());
    refused(withAdmin.setRoles(root, "nobody", List.of("player")), Code.NO_SUCH_ACCOUNT);
    refused(withAdmin.setRoles(root, "jay", List.of("no roles here")), Code.INVALID_NAME);
  }

  @Test
  void the_admin_account_is_created_once_and_only_when_configured() {
    assertEquals(AdminBootstrap.NOT_CONFIGURED, await(accounts.bootstrapAdmin()));
    refused(accounts.show("root"), Code.NO_SUCH_ACCOUNT);

    assertEquals(AdminBootstrap.CREATED, await(accounts("s3cure-admin-pass").bootstrapAdmin()));
    assertEquals(AdminBootstrap.ALREADY_PRESENT, await(accounts("s3cure-admin-pass").bootstrapAdmin()),
        "a second start finds it");
    assertEquals(List.of(Roles.ADMIN, Roles.PLAYER), ok(accounts.show("root")).roles());
  }

  @Test
  void an_admin_name_already_held_by_a_player_is_not_promoted() {
    ok(accounts.register("boss", PASSWORD));
    assertEquals(AdminBootstrap.NAME_HELD_BY_NON_ADMIN, await(accounts("boss", "s3cure-admin-pass").bootstrapAdmin()));
    assertEquals(List.of(Roles.PLAYER), ok(accounts.show("boss")).roles());
  }

  @Test
  void a_malformed_admin_configuration_fails_loudly() {
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> accounts("root", "short").bootstrapAdmin().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertInstanceOf(IllegalArgumentException.class, failed.getCause());
    assertTrue(failed.getCause().getMessage().contains("MICROCOSM_ADMIN_PASSWORD"), failed.getCause().getMessage());
    assertFalse(failed.getCause().getMessage().contains("short"), "the configured password is not repeated");
  }
}
