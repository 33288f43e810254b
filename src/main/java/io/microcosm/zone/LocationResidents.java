package io.microcosm.zone;

import akka.actor.typed.RecipientRef;
import io.microcosm.entity.EntityKind;
import io.microcosm.location.LocationEntity;
import io.microcosm.world.LocationDef;
import io.microcosm.world.World;
import java.util.List;
import java.util.function.Function;

/**
 * Locations on their zone's ticks tell the players present of resource nodes grown full again.
 * Regrowth itself is computed from the tick whenever a node is looked at or worked.
 */
public final class LocationResidents implements Residents {

  private final World world;
  private final Function<String, RecipientRef<LocationEntity.Command>> locations;

  public LocationResidents(World world, Function<String, RecipientRef<LocationEntity.Command>> locations) {
    this.world = world;
    this.locations = locations;
  }

  @Override
  public EntityKind kind() {
    return EntityKind.LOCATION;
  }

  @Override
  public List<String> in(String zone) {
    return world.locations().values().stream().filter(l -> l.zone().equals(zone)).map(LocationDef::id).toList();
  }

  @Override
  public boolean levelOfDetail() {
    return true;
  }

  @Override
  public void tick(String id, ZonePulse pulse) {
    // Nobody to tell in an empty zone; a pulse there only wakes the location.
    if (pulse.playersPresent()) {
      locations.apply(id).tell(new LocationEntity.Tick(pulse.meta(), pulse.fromTick(), pulse.toTick()));
    }
  }
}
