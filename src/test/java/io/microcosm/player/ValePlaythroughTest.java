package io.microcosm.player;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.Rejection.Code;
import io.microcosm.player.PlayerEntity.*;
import io.microcosm.testkit.ActorTestKitExtension;
import io.microcosm.testkit.TestConfigs;
import io.microcosm.testkit.WorldFixture;
import io.microcosm.world.WorldLoader;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A new character in the shipped Vale goes from the square to a copper sword and a dead wolf using
 * nothing but capability commands, waiting (letting ticks pass) when tired or when a node is bare.
 * Command ids are fixed, so every roll, and so the whole game, is the same on every run. At the end
 * the player's journal replays to the same state.
 */
class ValePlaythroughTest {

  @RegisterExtension
  static final ActorTestKitExtension kit = new ActorTestKitExtension(TestConfigs.eventSourcedUnit());

  private WorldFixture vale;
  private EventSourcedBehaviorTestKit<Command, Event, State> hero;
  private long commands;

  @Test
  void from_the_square_to_a_copper_sword_and_a_dead_wolf() {
    vale = new WorldFixture(kit.testKit(), WorldLoader.load("vale"));
    vale.reset();
    hero = EventSourcedBehaviorTestKit.create(kit.testKit().system(),
        PlayerEntity.create("hero", vale.world, vale.settings, vale.peers(), vale.ticks),
        EventSourcedBehaviorTestKit.enabledSerializationSettings());

    Joined joined = assertInstanceOf(Joined.class, this.<JoinReply>run(r -> new Join(meta(), r)));
    assertEquals("vale.square", joined.here().id());
    assertEquals(1, joined.status().level());

    go("south");
    while (carried("copper-ore") < 10) {
      gatherOrWait("copper-nuggets");
    }
    while (carried("branch") < 3) {
      gatherOrWait("fallen-branches");
    }
    go("north");
    go("east");
    craft("copper-ingot", 5);
    craft("copper-pickaxe", 1);
    assertTrue(status().level() >= 2, "gathering and smithing bring a new character to level 2: " + status().exp());
    Crafted sword = craft("copper-sword", 1);
    assertEquals("copper-sword", sword.produced().get(0).item());
    Equipped wielded = assertInstanceOf(Equipped.class, this.<EquipReply>run(r -> new Equip(meta(), "copper-sword", r)));
    assertTrue(wielded.status().attack() > 2 + wielded.status().level(), "the sword adds attack");

    go("west");
    go("north");
    go("northwest");
    go("north");
    assertEquals("wilds.clearing", status().location());
    long expBefore = status().exp();
    Fought last = null;
    for (int blows = 0; blows < 40 && (last == null || !last.killed()); blows++) {
      StatusView now = status();
      if (now.hp() < now.hpMax() / 2 || now.sp() < 2) {
        waitTicks(300);
      }
      last = assertInstanceOf(Fought.class, this.<AttackReply>run(r -> new Attack(meta(), "wolf", r)));
      assertNull(last.death(), "a level-2 character with a copper sword survives a grey wolf");
    }
    assertTrue(last.killed(), "the wolf is dead");
    assertEquals("wolf", last.kind());
    assertEquals(expBefore + 28, status().exp(), "a grey wolf is worth 28 experience");

    State end = hero.getState();
    assertEquals(end, hero.restart().state(), "the journal replays to the same end state");
  }

  private void gatherOrWait(String node) {
    GatherReply reply = run(r -> new Gather(meta(), node, r));
    if (reply instanceof Rejected rejected) {
      Code code = rejected.rejection().code();
      assertTrue(code == Code.DEPLETED || code == Code.NOT_ENOUGH_STAMINA, rejected.toString());
      waitTicks(60);
    }
  }

  private Crafted craft(String recipe, int count) {
    CraftReply reply = run(r -> new Craft(meta(), recipe, count, r));
    if (reply instanceof Rejected rejected && rejected.rejection().code() == Code.NOT_ENOUGH_STAMINA) {
      waitTicks(150);
      reply = run(r -> new Craft(meta(), recipe, count, r));
    }
    CraftReply answer = reply;
    return assertInstanceOf(Crafted.class, answer, () -> answer.toString());
  }

  private void go(String direction) {
    MoveReply reply = run(r -> new Move(meta(), direction, r));
    assertInstanceOf(Arrived.class, reply, () -> reply.toString());
  }

  private void waitTicks(long ticks) {
    vale.tick.addAndGet(ticks);
  }

  private int carried(String item) {
    return hero.getState().inventory().quantity(item);
  }

  private StatusView status() {
    return run(r -> new ShowStatus(meta(), r));
  }

  private <R> R run(Function<akka.actor.typed.ActorRef<R>, Command> command) {
    return hero.<R>runCommand(command::apply).reply();
  }

  /** Fixed command ids: the dice are seeded by them, so the game plays out the same every time. */
  private CommandMeta meta() {
    return new CommandMeta(new UUID(0x5EEDL, ++commands), "hero", 0);
  }
}
