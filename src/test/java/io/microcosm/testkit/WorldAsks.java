package io.microcosm.testkit;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.EntityRef;
import akka.japi.function.Function;
import io.microcosm.entity.CommandMeta;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Blocking asks of a running node's sharded entities, as a test script plays: each command a fresh
 * command id, each answer awaited within the timeout. The node is looked up on every ask, so one
 * instance serves across restarts.
 */
public final class WorldAsks {

  private final Supplier<? extends ActorSystem<?>> node;
  private final Duration timeout;

  public WorldAsks(Supplier<? extends ActorSystem<?>> node, Duration timeout) {
    this.node = node;
    this.timeout = timeout;
  }

  public static CommandMeta meta(String who) {
    return CommandMeta.fresh(who);
  }

  public EntityRef<PlayerEntity.Command> player(String name) {
    return ClusterSharding.get(node.get()).entityRefFor(PlayerEntity.ENTITY_KEY, name);
  }

  public <C, R> R ask(EntityRef<C> ref, Function<ActorRef<R>, C> message) {
    return await(ref.ask(message, timeout));
  }

  public <R> R await(CompletionStage<R> stage) {
    return stage.toCompletableFuture().orTimeout(timeout.toSeconds() + 5, TimeUnit.SECONDS).join();
  }

  public PlayerEntity.JoinReply join(String who) {
    return ask(player(who), r -> new PlayerEntity.Join(meta(who), r));
  }

  public PlayerEntity.TakeReply take(String who, String item, int quantity) {
    return ask(player(who), r -> new PlayerEntity.Take(meta(who), item, quantity, r));
  }

  public PlayerEntity.MoveReply move(String who, String direction) {
    return ask(player(who), r -> new PlayerEntity.Move(meta(who), direction, r));
  }

  public PlayerEntity.DropReply drop(String who, String item, int quantity) {
    return ask(player(who), r -> new PlayerEntity.Drop(meta(who), item, quantity, r));
  }

  public PlayerEntity.AttackReply attack(String who, String target) {
    return ask(player(who), r -> new PlayerEntity.Attack(meta(who), target, r));
  }

  public PlayerEntity.InventoryView inventory(String who) {
    return ask(player(who), r -> new PlayerEntity.ShowInventory(meta(who), r));
  }

  public PlayerEntity.StatusView status(String who) {
    return ask(player(who), r -> new PlayerEntity.ShowStatus(meta(who), r));
  }

  /** What a location shows; fails the test when the location refuses to be looked at. */
  public LocationEntity.LocationView look(String location) {
    LocationEntity.LookReply reply = ask(ClusterSharding.get(node.get()).entityRefFor(LocationEntity.ENTITY_KEY, location),
        r -> new LocationEntity.Look(meta("test"), r));
    if (reply instanceof LocationEntity.Seen seen) {
      return seen.view();
    }
    throw new AssertionError("looking at " + location + " was refused: " + reply);
  }
}
