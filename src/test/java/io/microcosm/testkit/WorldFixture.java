package io.microcosm.testkit;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.RecipientRef;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import akka.persistence.testkit.javadsl.SnapshotTestKit;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.EntitySettings;
import io.microcosm.entity.TickClock;
import io.microcosm.clock.Almanac;
import io.microcosm.location.Crowds;
import io.microcosm.location.LocationEntity;
import io.microcosm.location.Onlookers;
import io.microcosm.player.PlayerEntity;
import io.microcosm.world.World;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A world's locations and creatures as live entities on the in-memory test journal, for tests of
 * entities that talk to them, with a world tick moved by hand. {@link #reset} wipes the journal and
 * the snapshots and starts every entity afresh.
 */
public final class WorldFixture {

  public final World world;
  public final EntitySettings settings = TestWorlds.settings();
  /** The world's tick, moved by hand. */
  public final AtomicLong tick = new AtomicLong(1_000);
  public final TickClock ticks = tick::get;
  private final ActorTestKit testKit;
  private final Map<String, ActorRef<LocationEntity.Command>> locations = new HashMap<>();
  private final Map<String, ActorRef<CreatureEntity.Command>> creatures = new HashMap<>();
  private final Map<String, ActorRef<PlayerEntity.Command>> players = new HashMap<>();

  /** Who the locations tell what happens there; nobody unless given. */
  private final Onlookers onlookers;

  public WorldFixture(ActorTestKit testKit, World world) {
    this(testKit, world, Onlookers.NONE);
  }

  /** With the NPCs present at a location told what happens there through {@code onlookers}. */
  public WorldFixture(ActorTestKit testKit, World world, Onlookers onlookers) {
    this.testKit = testKit;
    this.world = world;
    this.onlookers = onlookers;
  }

  public void reset() {
    locations.values().forEach(testKit::stop);
    creatures.values().forEach(testKit::stop);
    players.values().forEach(testKit::stop);
    locations.clear();
    creatures.clear();
    players.clear();
    PersistenceTestKit.create(testKit.system()).clearAll();
    SnapshotTestKit.create(testKit.system()).clearAll();
    for (String id : world.locations().keySet()) {
      locations.put(id, testKit.spawn(onlookers == Onlookers.NONE ? LocationEntity.create(id, world, settings, ticks)
          : LocationEntity.create(id, world, settings, ticks, Almanac.calm(world), LocationEntity.PresenceListener.NONE,
              Crowds.DEFAULT, onlookers)));
    }
    for (String id : world.creatures().keySet()) {
      creatures.put(id, testKit.spawn(CreatureEntity.create(id, world, settings, ticks, this::location)));
    }
  }

  public RecipientRef<LocationEntity.Command> location(String id) {
    ActorRef<LocationEntity.Command> ref = locations.get(id);
    if (ref == null) {
      throw new IllegalArgumentException("no location " + id + " in " + world.name());
    }
    return ref;
  }

  public RecipientRef<CreatureEntity.Command> creature(String id) {
    ActorRef<CreatureEntity.Command> ref = creatures.get(id);
    if (ref == null) {
      throw new IllegalArgumentException("no creature " + id + " in " + world.name());
    }
    return ref;
  }

  /** A character spawned as a live entity that the others can reach by name (for gives). */
  public ActorRef<PlayerEntity.Command> spawnPlayer(String name) {
    ActorRef<PlayerEntity.Command> ref = testKit.spawn(PlayerEntity.create(name, world, settings, peers(), ticks));
    players.put(name, ref);
    return ref;
  }

  public RecipientRef<PlayerEntity.Command> player(String name) {
    ActorRef<PlayerEntity.Command> ref = players.get(name);
    if (ref == null) {
      throw new IllegalArgumentException("no player " + name + " spawned in this fixture");
    }
    return ref;
  }

  public PlayerEntity.Peers peers() {
    return new PlayerEntity.Peers(this::location, this::creature, this::player);
  }

  /** What the location itself says is there now. */
  public LocationEntity.LocationView look(String id) {
    var probe = testKit.<LocationEntity.LookReply>createTestProbe();
    location(id).tell(new LocationEntity.Look(CommandMeta.fresh("test"), probe.ref()));
    return ((LocationEntity.Seen) probe.receiveMessage()).view();
  }

  /** What the creature itself says of its state now. */
  public CreatureEntity.CreatureView inspect(String id) {
    var probe = testKit.<CreatureEntity.CreatureView>createTestProbe();
    creature(id).tell(new CreatureEntity.Inspect(CommandMeta.fresh("test"), probe.ref()));
    return probe.receiveMessage();
  }
}
