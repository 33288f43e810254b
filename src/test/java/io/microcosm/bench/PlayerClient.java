package io.microcosm.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import akka.japi.function.Function;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.location.LocationEntity.LocationView;
import io.microcosm.player.PlayerEntity;
import io.microcosm.rules.ItemStack;
import io.microcosm.world.ExitDef;
import io.microcosm.world.ItemDef;
import io.microcosm.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * One simulated player, a closed loop: it sends its next command when the previous one is answered.
 * Each cycle is a move (only when it has the stamina, which it estimates from its replies the way a
 * client would), then some take-and-drop pairs, then a look. It takes what its latest view of the
 * location shows, so a take can lose the race to another player; that rejection is a real answer,
 * and the drop that would have followed is skipped. Where nothing can be taken it looks instead.
 */
final class PlayerClient extends AbstractBehavior<PlayerClient.Message> {

  enum Step { MOVE, TAKE, DROP, LOOK }

  sealed interface Message permits Start, Answered {}

  enum Start implements Message { INSTANCE }

  private record Answered(String verb, Object reply, Throwable failure, long sentNanos) implements Message {}

  private final String name;
  private final World world;
  private final EntityRef<PlayerEntity.Command> player;
  private final LoadControl control;
  private final SplittableRandom random;
  private final Step[] cycle;
  private int step;

  private String location;
  private List<ItemStack> itemsHere = List.of();
  private List<ItemStack> carried = List.of();
  /** The item of the take in flight. */
  private String taking;
  private int staminaKnown;
  private long staminaKnownAt;

  private PlayerClient(ActorContext<Message> context, String name, World world, ClusterSharding sharding,
      LoadControl control, long seed, int takeDropPairs) {
    super(context);
    this.name = name;
    this.world = world;
    this.player = sharding.entityRefFor(PlayerEntity.ENTITY_KEY, name);
    this.control = control;
    this.random = new SplittableRandom(seed);
    List<Step> steps = new ArrayList<>();
    steps.add(Step.MOVE);
    for (int i = 0; i < takeDropPairs; i++) {
      steps.add(Step.TAKE);
      steps.add(Step.DROP);
    }
    steps.add(Step.LOOK);
    this.cycle = steps.toArray(Step[]::new);
    // Players start at different points of the cycle, so they do not all move at once.
    this.step = random.nextInt(cycle.length);
  }

  static Behavior<Message> create(
      String name, World world, ClusterSharding sharding, LoadControl control, long seed, int takeDropPairs) {
    return Behaviors.setup(ctx -> new PlayerClient(ctx, name, world, sharding, control, seed, takeDropPairs));
  }

  @Override
  public Receive<Message> createReceive() {
    return newReceiveBuilder()
        .onMessage(Start.class, s -> sendNext())
        .onMessage(Answered.class, this::onAnswered)
        .build();
  }

  // ---- answers ----

  private Behavior<Message> onAnswered(Answered a) {
    if (a.failure() != null) {
      control.failed(a.verb(), a.failure());
      return sendNext();
    }
    if (a.reply() instanceof PlayerEntity.Rejected r) {
      control.answered(a.verb(), r.rejection().code().name(), a.sentNanos());
      onRejected(r.rejection().code());
    } else {
      control.answered(a.verb(), Tally.ACCEPTED, a.sentNanos());
      absorb(a.reply());
    }
    return sendNext();
  }

  private void absorb(Object reply) {
    if (reply instanceof PlayerEntity.Joined j) {
      seeHere(j.here());
      stamina(j.status().sp());
    } else if (reply instanceof PlayerEntity.Arrived a) {
      seeHere(a.here());
      stamina(a.stamina());
    } else if (reply instanceof PlayerEntity.Looked l) {
      seeHere(l.here());
    } else if (reply instanceof PlayerEntity.Taken t) {
      carried = t.inventory().items();
    } else if (reply instanceof PlayerEntity.Dropped d) {
      carried = d.inventory().items();
    } else {
      throw new IllegalStateException(name + " got an answer it does not know: " + reply);
    }
  }

  private void onRejected(Code code) {
    switch (code) {
      case NOT_ENOUGH_STAMINA -> stamina(0);
      case ITEM_NOT_HERE -> itemsHere = itemsHere.stream().filter(stack -> !stack.item().equals(taking)).toList();
      case NOT_IN_WORLD -> location = null;
      default -> { }
    }
  }

  private void seeHere(LocationView view) {
    location = view.id();
    itemsHere = view.items();
    control.clientIsAt(name, location);
  }

  private void stamina(int sp) {
    staminaKnown = sp;
    staminaKnownAt = System.currentTimeMillis();
  }

  /** Rounded down like the player's own recovery, so an estimate never promises stamina it lacks. */
  private int staminaNow() {
    long gained = (System.currentTimeMillis() - staminaKnownAt) * (world.player().spRegenTicks() == 0 ? 0 : 60 / world.player().spRegenTicks()) / 60_000;
    return (int) Math.min(world.player().sp(), staminaKnown + gained);
  }

  // ---- commands ----

  private Behavior<Message> sendNext() {
    if (control.stopping()) {
      control.clientStopped();
      return Behaviors.stopped();
    }
    if (location == null) {
      this.<PlayerEntity.JoinReply>send("join", replyTo -> new PlayerEntity.Join(meta(), replyTo));
      return this;
    }
    // Only moves and drops can be skipped, and every cycle ends with a look, so this ends.
    while (true) {
      Step next = cycle[step];
      step = (step + 1) % cycle.length;
      switch (next) {
        case MOVE -> {
          ExitDef exit = affordableExit();
          if (exit != null) {
            String direction = exit.direction().label();
            this.<PlayerEntity.MoveReply>send("move", replyTo -> new PlayerEntity.Move(meta(), direction, replyTo));
            return this;
          }
        }
        case TAKE -> {
          String item = itemWorthTaking();
          if (item == null) {
            look();
          } else {
            taking = item;
            this.<PlayerEntity.TakeReply>send("take", replyTo -> new PlayerEntity.Take(meta(), item, 1, replyTo));
          }
          return this;
        }
        case DROP -> {
          // Nothing to drop when the take was refused: the cycle goes on to its next step.
          if (!carried.isEmpty()) {
            String item = carried.get(0).item();
            this.<PlayerEntity.DropReply>send("drop", replyTo -> new PlayerEntity.Drop(meta(), item, 1, replyTo));
            return this;
          }
        }
        case LOOK -> {
          look();
          return this;
        }
      }
    }
  }

  private void look() {
    this.<PlayerEntity.LookReply>send("look", replyTo -> new PlayerEntity.Look(meta(), replyTo));
  }

  private ExitDef affordableExit() {
    List<ExitDef> open = world.location(location).map(l -> l.exits().values().stream().filter(ExitDef::passable).toList())
        .orElse(List.of());
    if (open.isEmpty()) {
      return null;
    }
    ExitDef exit = open.get(random.nextInt(open.size()));
    return staminaNow() >= exit.staminaCost() ? exit : null;
  }

  /**
   * An item in view that the pack can still hold, chosen in proportion to how many lie here: players
   * who all saw the same ground then spread over its stacks instead of racing for the biggest.
   */
  private String itemWorthTaking() {
    int spareGrams = world.player().carryGrams() - carriedGrams();
    List<ItemStack> takeable = itemsHere.stream()
        .filter(stack -> world.item(stack.item()).map(def -> def.weightGrams() <= spareGrams).orElse(false))
        .toList();
    int units = takeable.stream().mapToInt(ItemStack::quantity).sum();
    if (units == 0) {
      return null;
    }
    int pick = random.nextInt(units);
    for (ItemStack stack : takeable) {
      pick -= stack.quantity();
      if (pick < 0) {
        return stack.item();
      }
    }
    throw new IllegalStateException("unreachable: " + units + " units in " + takeable);
  }

  private int carriedGrams() {
    int grams = 0;
    for (ItemStack stack : carried) {
      grams += world.item(stack.item()).map(ItemDef::weightGrams).orElse(0) * stack.quantity();
    }
    return grams;
  }

  /** Ids from the client's own seeded random: cheaper than UUID.randomUUID's shared SecureRandom. */
  private CommandMeta meta() {
    return new CommandMeta(new UUID(random.nextLong(), random.nextLong()), name, 0);
  }

  private <R> void send(String verb, Function<ActorRef<R>, PlayerEntity.Command> request) {
    long sent = System.nanoTime();
    AskToSelf.<PlayerEntity.Command, R, Message>ask(getContext(), player, control.askTimeout(), request,
        (reply, failure) -> new Answered(verb, reply, failure, sent));
  }
}
