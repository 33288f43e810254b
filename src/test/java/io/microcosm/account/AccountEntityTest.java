package io.microcosm.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit.CommandResultWithReply;
import io.microcosm.account.AccountEntity.*;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.TestWorlds;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountEntityTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  static final String PASSWORD = "correct horse battery";
  static final AuthSettings AUTH =
      new AuthSettings(PasswordHasher.MIN_COST, Duration.ofHours(12), AuthSettings.DEVELOPMENT_SECRET, "admin", "", 3);
  static final PasswordHasher HASHER = new PasswordHasher(PasswordHasher.MIN_COST);

  private EventSourcedBehaviorTestKit<Command, Event, State> account(String name) {
    var testKit = EventSourcedBehaviorTestKit.<Command, Event, State>create(kit.testKit().system(),
        AccountEntity.create(name, TestWorlds.settings(), AUTH, HASHER),
        EventSourcedBehaviorTestKit.enabledSerializationSettings());
    testKit.clear();
    return testKit;
  }

  private static CommandMeta meta() {
    return CommandMeta.fresh("test");
  }

  private static CommandResultWithReply<Command, Event, State, RegisterReply> register(
      EventSourcedBehaviorTestKit<Command, Event, State> account, CommandMeta meta, String user, List<String> roles) {
    return account.<RegisterReply>runCommand(r -> new Register(meta, user, HASHER.hash(PASSWORD), roles, r));
  }

  private static Rejected assertRejected(CommandResultWithReply<Command, Event, State, ?> result, Code code) {
    Rejected rejected = assertInstanceOf(Rejected.class, result.reply());
    assertEquals(code, rejected.rejection().code(), rejected.rejection().message());
    assertTrue(result.hasNoEvents(), "a rejection persists nothing");
    return rejected;
  }

  @Test
  void registering_opens_the_account_with_its_own_name_as_first_character_and_stores_only_a_hash() {
    var ann = account("ann");
    var result = register(ann, meta(), "Ann", List.of("player"));
    Opened opened = assertInstanceOf(Opened.class, result.reply());
    assertEquals(new AccountView("ann", List.of("player"), List.of("ann")), opened.account());
    Registered event = assertInstanceOf(Registered.class, result.event());
    assertEquals("ann", event.user());
    assertEquals("ann", event.character());
    assertNotEquals(PASSWORD, event.passwordHash());
    assertTrue(event.passwordHash().startsWith("$2b$04$"), "a bcrypt hash at the configured cost");
    assertTrue(HASHER.verify(PASSWORD, result.state().passwordHash()));
    assertFalse(event.toString().contains(event.passwordHash()), "hashes stay out of logs");
    assertFalse(result.state().toString().contains(event.passwordHash()));
  }

  @Test
  void registering_a_taken_name_is_refused_with_a_clear_sentence_but_a_retry_is_answered_again() {
    var bob = account("bob");
    CommandMeta first = meta();
    register(bob, first, "bob", List.of("player"));

    var retry = register(bob, first, "bob", List.of("player"));
    assertInstanceOf(Opened.class, retry.reply());
    assertTrue(retry.hasNoEvents());

    Rejected taken = assertRejected(register(bob, meta(), "BOB", List.of("player")), Code.NAME_TAKEN);
    assertEquals("The name 'bob' is already taken; please choose another.", taken.rejection().message());
  }

  @Test
  void registering_checks_the_name_roles_and_hash() {
    var cid = account("cid");
    assertRejected(register(cid, meta(), "dan", List.of("player")), Code.INVALID_NAME);
    assertRejected(register(cid, meta(), "cid", List.of("Not A Role!")), Code.INVALID_NAME);
    assertRejected(cid.<RegisterReply>runCommand(r -> new Register(meta(), "cid", " ", List.of("player"), r)), Code.INVALID_PASSWORD);
    var bad = account("x y");
    Rejected name = assertRejected(register(bad, meta(), "x y", List.of("player")), Code.INVALID_NAME);
    assertTrue(name.rejection().message().contains("letters a-z, digits, '_' and '-'"), name.rejection().message());
  }

  @Test
  void verify_answers_the_account_for_the_right_password_and_one_vague_refusal_otherwise() {
    var eve = account("eve");
    register(eve, meta(), "eve", List.of("player"));
    var ok = eve.<VerifyReply>runCommand(r -> new Verify(meta(), PASSWORD, r));
    assertEquals(List.of("player"), assertInstanceOf(Verified.class, ok.reply()).roles());
    assertEquals(new Verified("eve", List.of("player"), List.of("eve"), 2), ok.reply());
    assertTrue(ok.hasNoEvents());

    Rejected wrong = assertRejected(eve.<VerifyReply>runCommand(r -> new Verify(meta(), "not the password", r)), Code.BAD_CREDENTIALS);
    Rejected tooShort = assertRejected(eve.<VerifyReply>runCommand(r -> new Verify(meta(), "short", r)), Code.BAD_CREDENTIALS);
    Rejected nobody = assertRejected(account("nobody").<VerifyReply>runCommand(r -> new Verify(meta(), PASSWORD, r)), Code.BAD_CREDENTIALS);
    assertEquals("The user name or password is wrong.", wrong.rejection().message());
    assertEquals(wrong.rejection(), nobody.rejection(), "an unknown user is not told apart from a wrong password");
    assertEquals(wrong.rejection(), tooShort.rejection());
  }

  @Test
  void commands_carrying_secrets_do_not_print_them() {
    String hash = HASHER.hash(PASSWORD);
    assertFalse(new Verify(meta(), PASSWORD, null).toString().contains(PASSWORD));
    assertFalse(new Register(meta(), "ann", hash, List.of(), null).toString().contains(hash));
  }

  @Test
  void an_account_gains_characters_up_to_the_limit_and_adding_one_twice_changes_nothing() {
    var fay = account("fay");
    register(fay, meta(), "fay", List.of("player"));
    var added = fay.<CharacterReply>runCommand(r -> new AddCharacter(meta(), "Fay-Two", r));
    CharacterOwned owned = assertInstanceOf(CharacterOwned.class, added.reply());
    assertEquals("fay-two", owned.character());
    assertEquals(List.of("fay", "fay-two"), owned.account().characters());
    assertInstanceOf(CharacterAdded.class, added.event());

    var again = fay.<CharacterReply>runCommand(r -> new AddCharacter(meta(), "fay-two", r));
    assertInstanceOf(CharacterOwned.class, again.reply());
    assertTrue(again.hasNoEvents());

    assertRejected(fay.<CharacterReply>runCommand(r -> new AddCharacter(meta(), "no", r)), Code.INVALID_NAME);
    fay.<CharacterReply>runCommand(r -> new AddCharacter(meta(), "fay3", r));
    Rejected full = assertRejected(fay.<CharacterReply>runCommand(r -> new AddCharacter(meta(), "fay4", r)), Code.TOO_MANY_CHARACTERS);
    assertEquals("An account may own 3 characters, and fay already owns fay, fay-two, fay3.", full.rejection().message());
    Verified login = assertInstanceOf(Verified.class, fay.<VerifyReply>runCommand(r -> new Verify(meta(), PASSWORD, r)).reply());
    assertEquals(List.of("fay", "fay-two", "fay3"), login.characters());
  }

  @Test
  void a_name_reserved_as_a_character_cannot_be_registered_or_logged_into() {
    var hero = account("hero");
    var reserved = hero.<ReserveReply>runCommand(r -> new ReserveName(meta(), "gus", r));
    assertEquals(new Reserved("hero", "gus", 1), reserved.reply());
    assertEquals(new NameReserved(1, reserved.event().commandId(), "gus"), reserved.event());

    var same = hero.<ReserveReply>runCommand(r -> new ReserveName(meta(), "gus", r));
    assertInstanceOf(Reserved.class, same.reply());
    assertTrue(same.hasNoEvents());
    assertRejected(hero.<ReserveReply>runCommand(r -> new ReserveName(meta(), "ian", r)), Code.NAME_TAKEN);
    assertRejected(register(hero, meta(), "hero", List.of("player")), Code.NAME_TAKEN);
    assertRejected(hero.<VerifyReply>runCommand(r -> new Verify(meta(), PASSWORD, r)), Code.BAD_CREDENTIALS);
    assertRejected(hero.<ShowReply>runCommand(r -> new Show(meta(), r)), Code.NO_SUCH_ACCOUNT);
    assertRejected(hero.<CharacterReply>runCommand(r -> new AddCharacter(meta(), "other", r)), Code.NO_SUCH_ACCOUNT);
  }

  @Test
  void an_account_name_can_be_reserved_only_by_its_own_user() {
    var jay = account("jay");
    register(jay, meta(), "jay", List.of("player"));
    var own = jay.<ReserveReply>runCommand(r -> new ReserveName(meta(), "jay", r));
    assertEquals("jay", assertInstanceOf(Reserved.class, own.reply()).owner());
    assertTrue(own.hasNoEvents());
    assertRejected(jay.<ReserveReply>runCommand(r -> new ReserveName(meta(), "kim", r)), Code.NAME_TAKEN);
  }

  @Test
  void roles_are_replaced_normalised_and_an_unchanged_set_persists_nothing() {
    var kim = account("kim");
    assertRejected(kim.<RolesReply>runCommand(r -> new SetRoles(meta(), List.of("admin"), r)), Code.NO_SUCH_ACCOUNT);
    assertRejected(kim.<ShowReply>runCommand(r -> new Show(meta(), r)), Code.NO_SUCH_ACCOUNT);
    register(kim, meta(), "kim", List.of("player"));
    var set = kim.<RolesReply>runCommand(r -> new SetRoles(meta(), List.of("Player", "admin", "player"), r));
    assertEquals(List.of("admin", "player"), assertInstanceOf(RolesSet.class, set.reply()).account().roles());
    assertInstanceOf(RolesChanged.class, set.event());
    var same = kim.<RolesReply>runCommand(r -> new SetRoles(meta(), List.of("player", "admin"), r));
    assertInstanceOf(RolesSet.class, same.reply());
    assertTrue(same.hasNoEvents());
    assertRejected(kim.<RolesReply>runCommand(r -> new SetRoles(meta(), List.of("two words"), r)), Code.INVALID_NAME);
  }

  @Test
  void the_account_survives_a_restart() {
    var lee = account("lee");
    register(lee, meta(), "lee", List.of("player"));
    lee.<CharacterReply>runCommand(r -> new AddCharacter(meta(), "lee-mage", r));
    CommandMeta last = meta();
    lee.<RolesReply>runCommand(r -> new SetRoles(last, List.of("player", "builder"), r));
    State before = lee.getState();
    var restarted = lee.restart();
    assertEquals(before.view(), restarted.state().view());
    assertEquals(new AccountView("lee", List.of("builder", "player"), List.of("lee", "lee-mage")), restarted.state().view());
    assertEquals(before.passwordHash(), restarted.state().passwordHash());
    assertEquals(before.clock(), restarted.state().clock());
    assertTrue(restarted.state().recent().contains(last.commandId()));
    assertInstanceOf(Verified.class, lee.<VerifyReply>runCommand(r -> new Verify(meta(), PASSWORD, r)).reply());
  }

  @Test
  void events_carry_a_lamport_clock_above_the_senders() {
    var mo = account("mo-1");
    var result = register(mo, new CommandMeta(UUID.randomUUID(), "mo-1", 41), "mo-1", List.of("player"));
    assertEquals(42, result.event().lamport());
    assertEquals(42, result.state().clock());
  }
}
