package io.microcosm.account;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.CommandHandlerWithReplyBuilder;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.RetentionCriteria;
import io.microcosm.entity.CborSerializable;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.EntityBehaviors;
import io.microcosm.entity.EntityCommand;
import io.microcosm.entity.EntityKind;
import io.microcosm.entity.EntitySettings;
import io.microcosm.entity.Lamport;
import io.microcosm.entity.RecentCommands;
import io.microcosm.entity.Rejection;
import io.microcosm.entity.Rejection.Code;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One name in the namespace that user names and character names share, sharded by a hash of the
 * (lower-case) name. A name is free, the account of a user (with a bcrypt hash of the password, the
 * roles and the characters the user owns, the first being the user's own name), or reserved as a
 * character of another user. Keeping both in one entity makes a name unique across users and
 * characters without a second registry.
 *
 * <p>Passwords: {@link Register} carries a hash made by the caller; {@link Verify} carries the
 * password and is checked here, against the stored hash, so the hash never leaves the entity. That
 * check takes tens of milliseconds at the default cost, so {@link #init} runs account entities on
 * their own small dispatcher ({@link AuthSettings#DISPATCHER}) where it cannot hold up the game; it
 * also serialises the attempts on one account, a natural brake on guessing its password. Nothing
 * persisted, replied or logged contains a password. In a cluster the password of a login crosses
 * from the node the player is connected to to the node of the account: deployments over untrusted
 * networks enable Artery's TLS transport.
 */
public final class AccountEntity
    extends EventSourcedBehaviorWithEnforcedReplies<AccountEntity.Command, AccountEntity.Event, AccountEntity.State> {

  public static final EntityTypeKey<Command> ENTITY_KEY =
      EntityTypeKey.create(Command.class, EntityKind.ACCOUNT.typeName());

  static final String WRONG_CREDENTIALS = "The user name or password is wrong.";

  // ---- protocol --------------------------------------------------------------------------------

  public sealed interface Command extends EntityCommand, CborSerializable
      permits Register, Verify, ReserveName, AddCharacter, SetRoles, Show {}

  /**
   * Opens the account {@code user} (which must be this entity's name). A retry with the same command
   * id is answered again; any other attempt on an existing name is refused.
   */
  public record Register(
      CommandMeta meta, String user, String passwordHash, List<String> roles, ActorRef<RegisterReply> replyTo)
      implements Command {
    @Override
    public String toString() {
      return "Register[meta=" + meta + ", user=" + user + ", passwordHash=(hidden), roles=" + roles + "]";
    }
  }

  /** Checks a login. Wrong password and unknown user get the same answer, after the same work. */
  public record Verify(CommandMeta meta, String password, ActorRef<VerifyReply> replyTo) implements Command {
    @Override
    public String toString() {
      return "Verify[meta=" + meta + ", password=(hidden)]";
    }
  }

  /**
   * First step of adding a character: reserves this name for {@code owner}. Idempotent for the same
   * owner; a user's own name is always theirs.
   */
  public record ReserveName(CommandMeta meta, String owner, ActorRef<ReserveReply> replyTo) implements Command {}

  /**
   * Second step: this account now owns the character {@code name}, whose name the caller has
   * reserved with {@link ReserveName}. Adding a character already owned changes nothing.
   */
  public record AddCharacter(CommandMeta meta, String name, ActorRef<CharacterReply> replyTo) implements Command {}

  /** Replaces the account's roles. Whether the sender may do so is checked by the sender. */
  public record SetRoles(CommandMeta meta, List<String> roles, ActorRef<RolesReply> replyTo) implements Command {}

  public record Show(CommandMeta meta, ActorRef<ShowReply> replyTo) implements Command {}

  public sealed interface RegisterReply extends CborSerializable permits Opened, Rejected {}

  public sealed interface VerifyReply extends CborSerializable permits Verified, Rejected {}

  public sealed interface ReserveReply extends CborSerializable permits Reserved, Rejected {}

  public sealed interface CharacterReply extends CborSerializable permits CharacterOwned, Rejected {}

  public sealed interface RolesReply extends CborSerializable permits RolesSet, Rejected {}

  public sealed interface ShowReply extends CborSerializable permits Shown, Rejected {}

  public record Opened(AccountView account, long lamport) implements RegisterReply {}

  public record Verified(String user, List<String> roles, List<String> characters, long lamport) implements VerifyReply {}

  public record Reserved(String name, String owner, long lamport) implements ReserveReply {}

  public record CharacterOwned(String character, AccountView account, long lamport) implements CharacterReply {}

  public record RolesSet(AccountView account, long lamport) implements RolesReply {}

  public record Shown(AccountView account, long lamport) implements ShowReply {}

  public record Rejected(Rejection rejection, long lamport)
      implements RegisterReply, VerifyReply, ReserveReply, CharacterReply, RolesReply, ShowReply {}

  /** An account as others may see it: never its password hash. */
  public record AccountView(String user, List<String> roles, List<String> characters) implements CborSerializable {
    public AccountView {
      roles = List.copyOf(roles);
      characters = List.copyOf(characters);
    }
  }

  // ---- events ----------------------------------------------------------------------------------

  public sealed interface Event extends CborSerializable permits Registered, NameReserved, CharacterAdded, RolesChanged {
    long lamport();

    UUID commandId();
  }

  /** The account was opened, owning one character: {@code character}, the user's own name. */
  public record Registered(
      long lamport, UUID commandId, String user, String passwordHash, List<String> roles, String character)
      implements Event {
    @Override
    public String toString() {
      return "Registered[lamport=" + lamport + ", commandId=" + commandId + ", user=" + user
          + ", passwordHash=(hidden), roles=" + roles + ", character=" + character + "]";
    }
  }

  public record NameReserved(long lamport, UUID commandId, String owner) implements Event {}

  public record CharacterAdded(long lamport, UUID commandId, String character) implements Event {}

  public record RolesChanged(long lamport, UUID commandId, List<String> roles) implements Event {}

  // ---- state -----------------------------------------------------------------------------------

  /**
   * @param user the user, once registered (else null)
   * @param passwordHash the bcrypt hash of the password, once registered
   * @param roles sorted, distinct
   * @param characters owned characters in the order they were added; the first is the user's name
   * @param reservedFor the user this name is a character of, when it is not an account itself
   * @param clock this account's Lamport clock
   * @param recent ids of recently applied commands
   */
  public record State(
      String user, String passwordHash, List<String> roles, List<String> characters, String reservedFor, long clock,
      RecentCommands recent)
      implements CborSerializable {

    public State {
      roles = List.copyOf(roles);
      characters = List.copyOf(characters);
    }

    static State free(int dedupWindow) {
      return new State(null, null, List.of(), List.of(), null, 0, RecentCommands.withCapacity(dedupWindow));
    }

    public boolean isOpen() {
      return user != null;
    }

    public boolean isReserved() {
      return user == null && reservedFor != null;
    }

    public boolean isFree() {
      return user == null && reservedFor == null;
    }

    public AccountView view() {
      return new AccountView(user, roles, characters);
    }

    State applied(Event event, int dedupWindow) {
      return new State(user, passwordHash, roles, characters, reservedFor, Math.max(clock, event.lamport()),
          recent.resized(dedupWindow).add(event.commandId()));
    }

    State with(String user, String passwordHash, List<String> roles, List<String> characters, String reservedFor) {
      return new State(user, passwordHash, roles, characters, reservedFor, clock, recent);
    }

    @Override
    public String toString() {
      return "State[user=" + user + ", passwordHash=" + (passwordHash == null ? "null" : "(hidden)") + ", roles=" + roles
          + ", characters=" + characters + ", reservedFor=" + reservedFor + ", clock=" + clock + "]";
    }
  }

  // ---- behaviour -------------------------------------------------------------------------------

  private final String name;
  private final EntitySettings settings;
  private final AuthSettings auth;
  private final PasswordHasher hasher;

  private AccountEntity(String name, EntitySettings settings, AuthSettings auth, PasswordHasher hasher) {
    super(PersistenceId.of(ENTITY_KEY.name(), name));
    this.name = name;
    this.settings = settings;
    this.auth = auth;
    this.hasher = hasher;
  }

  /** Registers accounts with sharding, on the {@link AuthSettings#DISPATCHER} (see the class comment). */
  public static void init(ClusterSharding sharding, EntitySettings settings, AuthSettings auth) {
    PasswordHasher hasher = new PasswordHasher(auth.bcryptCost());
    sharding.init(settings.routing().placed(Entity.of(ENTITY_KEY, ctx -> create(ctx.getEntityId(), settings, auth, hasher)), EntityKind.ACCOUNT)
            .withEntityProps(DispatcherSelector.fromConfig(AuthSettings.DISPATCHER)));
  }

  /** @param name the lower-case user or character name this entity stands for */
  public static Behavior<Command> create(String name, EntitySettings settings, AuthSettings auth, PasswordHasher hasher) {
    return Behaviors.setup(context -> EntityBehaviors.withMdc(Command.class, EntityKind.ACCOUNT, name,
        new AccountEntity(name, settings, auth, hasher)));
  }

  /**
   * The entity outside any actor system, for its {@link #emptyState()} and {@link #eventHandler()}
   * only: the journal replay rebuilds states with the entity's own event handler. Running its
   * commands is not possible (it cannot hash or check passwords).
   */
  public static AccountEntity forReplay(String name, EntitySettings settings) {
    return new AccountEntity(name, settings, null, null);
  }

  @Override
  public State emptyState() {
    return State.free(settings.dedupWindow());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.keepSnapshots());
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return settings.tagsFor(EntityKind.ACCOUNT, persistenceId());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    CommandHandlerWithReplyBuilder<Command, Event, State> builder = newCommandHandlerWithReplyBuilder();
    builder.forState(State::isFree)
        .onCommand(Register.class, this::onRegister)
        .onCommand(Verify.class, (state, cmd) -> wrongCredentials(state, cmd))
        .onCommand(ReserveName.class, this::onReserveFree)
        .onCommand(AddCharacter.class, (state, cmd) -> noAccount(state, cmd.meta(), cmd.replyTo()))
        .onCommand(SetRoles.class, (state, cmd) -> noAccount(state, cmd.meta(), cmd.replyTo()))
        .onCommand(Show.class, (state, cmd) -> noAccount(state, cmd.meta(), cmd.replyTo()));
    builder.forState(State::isReserved)
        .onCommand(Register.class, (state, cmd) -> nameTaken(state, cmd.meta(), cmd.replyTo()))
        .onCommand(Verify.class, (state, cmd) -> wrongCredentials(state, cmd))
        .onCommand(ReserveName.class, (state, cmd) -> cmd.owner().equals(state.reservedFor())
            ? Effect().reply(cmd.replyTo(), new Reserved(name, cmd.owner(), stamp(state, cmd.meta())))
            : nameTaken(state, cmd.meta(), cmd.replyTo()))
        .onCommand(AddCharacter.class, (state, cmd) -> noAccount(state, cmd.meta(), cmd.replyTo()))
        .onCommand(SetRoles.class, (state, cmd) -> noAccount(state, cmd.meta(), cmd.replyTo()))
        .onCommand(Show.class, (state, cmd) -> noAccount(state, cmd.meta(), cmd.replyTo()));
    builder.forState(State::isOpen)
        .onCommand(Register.class, (state, cmd) -> state.recent().contains(cmd.meta().commandId())
            ? Effect().reply(cmd.replyTo(), new Opened(state.view(), stamp(state, cmd.meta())))
            : nameTaken(state, cmd.meta(), cmd.replyTo()))
        .onCommand(Verify.class, this::onVerify)
        .onCommand(ReserveName.class, (state, cmd) -> cmd.owner().equals(name)
            ? Effect().reply(cmd.replyTo(), new Reserved(name, name, stamp(state, cmd.meta())))
            : nameTaken(state, cmd.meta(), cmd.replyTo()))
        .onCommand(AddCharacter.class, this::onAddCharacter)
        .onCommand(SetRoles.class, this::onSetRoles)
        .onCommand(Show.class, (state, cmd) ->
            Effect().reply(cmd.replyTo(), new Shown(state.view(), stamp(state, cmd.meta()))));
    return builder.build();
  }

  private ReplyEffect<Event, State> onRegister(State state, Register cmd) {
    long stamp = stamp(state, cmd.meta());
    Optional<Rejection> bad = AccountNames.checkName("user name", cmd.user())
        .or(() -> AccountNames.normalize(cmd.user()).equals(name) ? Optional.empty()
            : Optional.of(Rejection.of(Code.INVALID_NAME, "This is the account '" + name + "', not '" + cmd.user() + "'.")))
        .or(() -> Roles.check(cmd.roles()));
    if (bad.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(bad.get(), stamp));
    }
    if (cmd.passwordHash() == null || cmd.passwordHash().isBlank()) {
      return Effect().reply(cmd.replyTo(), new Rejected(
          Rejection.of(Code.INVALID_PASSWORD, "An account needs a password hash."), stamp));
    }
    Registered event = new Registered(stamp, cmd.meta().commandId(), name, cmd.passwordHash(), Roles.normalize(cmd.roles()), name);
    return Effect().persist(event).thenReply(cmd.replyTo(), s -> new Opened(s.view(), stamp));
  }

  private ReplyEffect<Event, State> onVerify(State state, Verify cmd) {
    long stamp = stamp(state, cmd.meta());
    if (!AccountNames.plausiblePassword(cmd.password()) || !hasher.verify(cmd.password(), state.passwordHash())) {
      return Effect().reply(cmd.replyTo(), new Rejected(Rejection.of(Code.BAD_CREDENTIALS, WRONG_CREDENTIALS), stamp));
    }
    return Effect().reply(cmd.replyTo(), new Verified(state.user(), state.roles(), state.characters(), stamp));
  }

  private ReplyEffect<Event, State> onReserveFree(State state, ReserveName cmd) {
    long stamp = stamp(state, cmd.meta());
    Optional<Rejection> bad = AccountNames.checkName("character name", name)
        .or(() -> AccountNames.checkName("user name", cmd.owner()));
    if (bad.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(bad.get(), stamp));
    }
    String owner = AccountNames.normalize(cmd.owner());
    return Effect().persist(new NameReserved(stamp, cmd.meta().commandId(), owner))
        .thenReply(cmd.replyTo(), s -> new Reserved(name, owner, stamp));
  }

  private ReplyEffect<Event, State> onAddCharacter(State state, AddCharacter cmd) {
    long stamp = stamp(state, cmd.meta());
    Optional<Rejection> bad = AccountNames.checkName("character name", cmd.name());
    if (bad.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(bad.get(), stamp));
    }
    String character = AccountNames.normalize(cmd.name());
    if (state.characters().contains(character)) {
      return Effect().reply(cmd.replyTo(), new CharacterOwned(character, state.view(), stamp));
    }
    if (state.characters().size() >= auth.maxCharacters()) {
      return Effect().reply(cmd.replyTo(), new Rejected(Rejection.of(Code.TOO_MANY_CHARACTERS, String.format(
          "An account may own %d characters, and %s already owns %s.", auth.maxCharacters(), name,
          String.join(", ", state.characters()))), stamp));
    }
    return Effect().persist(new CharacterAdded(stamp, cmd.meta().commandId(), character))
        .thenReply(cmd.replyTo(), s -> new CharacterOwned(character, s.view(), stamp));
  }

  private ReplyEffect<Event, State> onSetRoles(State state, SetRoles cmd) {
    long stamp = stamp(state, cmd.meta());
    Optional<Rejection> bad = Roles.check(cmd.roles());
    if (bad.isPresent()) {
      return Effect().reply(cmd.replyTo(), new Rejected(bad.get(), stamp));
    }
    List<String> roles = Roles.normalize(cmd.roles());
    if (roles.equals(state.roles())) {
      return Effect().reply(cmd.replyTo(), new RolesSet(state.view(), stamp));
    }
    return Effect().persist(new RolesChanged(stamp, cmd.meta().commandId(), roles))
        .thenReply(cmd.replyTo(), s -> new RolesSet(s.view(), stamp));
  }

  private ReplyEffect<Event, State> wrongCredentials(State state, Verify cmd) {
    // The same work as a real check, so the answer's timing does not tell that the account is missing.
    hasher.verifyAgainstNothing(cmd.password());
    return Effect().reply(cmd.replyTo(), new Rejected(Rejection.of(Code.BAD_CREDENTIALS, WRONG_CREDENTIALS),
        stamp(state, cmd.meta())));
  }

  private ReplyEffect<Event, State> noAccount(State state, CommandMeta meta, ActorRef<? super Rejected> replyTo) {
    return Effect().reply(replyTo, new Rejected(
        Rejection.of(Code.NO_SUCH_ACCOUNT, "There is no account named '" + name + "'."), stamp(state, meta)));
  }

  private ReplyEffect<Event, State> nameTaken(State state, CommandMeta meta, ActorRef<? super Rejected> replyTo) {
    return Effect().reply(replyTo, new Rejected(
        Rejection.of(Code.NAME_TAKEN, "The name '" + name + "' is already taken; please choose another."),
        stamp(state, meta)));
  }

  private static long stamp(State state, CommandMeta meta) {
    return Lamport.receive(state.clock(), meta.lamport());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    int window = settings.dedupWindow();
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Registered.class, (s, e) ->
            s.with(e.user(), e.passwordHash(), e.roles(), List.of(e.character()), null).applied(e, window))
        .onEvent(NameReserved.class, (s, e) ->
            s.with(s.user(), s.passwordHash(), s.roles(), s.characters(), e.owner()).applied(e, window))
        .onEvent(CharacterAdded.class, (s, e) -> {
          List<String> characters = new ArrayList<>(s.characters());
          if (!characters.contains(e.character())) {
            characters.add(e.character());
          }
          return s.with(s.user(), s.passwordHash(), s.roles(), characters, s.reservedFor()).applied(e, window);
        })
        .onEvent(RolesChanged.class, (s, e) ->
            s.with(s.user(), s.passwordHash(), e.roles(), s.characters(), s.reservedFor()).applied(e, window))
        .build();
  }
}
