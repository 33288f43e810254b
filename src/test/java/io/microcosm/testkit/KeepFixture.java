package io.microcosm.testkit;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.RecipientRef;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import io.microcosm.entity.CommandMeta;
import io.microcosm.entity.EntitySettings;
import io.microcosm.entity.TickClock;
import io.microcosm.location.LocationEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.world.World;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keep's locations as live entities on the in-memory test journal, for tests of entities that
 * talk to locations. {@link #reset} wipes the journal and starts every location afresh.
 */
public final class KeepFixture {

  public final World world = TestWorlds.keep();
  public final EntitySettings settings = TestWorlds.settings();
  /** The world's tick, moved by hand. */
  public final AtomicLong tick = new AtomicLong(1_000);
  public final TickClock ticks = tick::get;
  private final ActorTestKit testKit;
  private final Map<String, ActorRef<LocationEntity.Command>> locations = new HashMap<>();

  public KeepFixture(ActorTestKit testKit) {
    this.testKit = testKit;
  }

  public void reset() {
    locations.values().forEach(testKit::stop);
    locations.clear();
    PersistenceTestKit.create(testKit.system()).clearAll();
    for (String id : world.locations().keySet()) {
      locations.put(id, testKit.spawn(LocationEntity.create(id, world, settings, ticks)));
    }
  }

  public RecipientRef<LocationEntity.Command> location(String id) {
    ActorRef<LocationEntity.Command> ref = locations.get(id);
    if (ref == null) {
      throw new IllegalArgumentException("no location " + id + " in the keep");
    }
    return ref;
  }

  /** Peers for a player: the keep's locations, and no creatures. */
  public PlayerEntity.Peers peers() {
    return new PlayerEntity.Peers(this::location, id -> {
      throw new IllegalArgumentException("no creature " + id + " in the keep");
    });
  }

  /** What the location itself says is there now. */
  public LocationEntity.LocationView look(String id) {
    var probe = testKit.<LocationEntity.LookReply>createTestProbe();
    location(id).tell(new LocationEntity.Look(CommandMeta.fresh("test"), probe.ref()));
    return ((LocationEntity.Seen) probe.receiveMessage()).view();
  }
}
