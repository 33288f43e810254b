package io.microcosm.zone;

import akka.actor.typed.RecipientRef;
import io.microcosm.creature.CreatureEntity;
import io.microcosm.entity.EntityKind;
import io.microcosm.entity.ShardRouting;
import io.microcosm.world.World;
import java.util.List;
import java.util.function.Function;

/** Creatures live on their zone's ticks: they respawn, roam, and attack when aggressive. */
public final class CreatureResidents implements Residents {

  private final World world;
  private final Function<String, RecipientRef<CreatureEntity.Command>> creatures;

  public CreatureResidents(World world, Function<String, RecipientRef<CreatureEntity.Command>> creatures) {
    this.world = world;
    this.creatures = creatures;
  }

  @Override
  public EntityKind kind() {
    return EntityKind.CREATURE;
  }

  @Override
  public List<String> in(String zone) {
    return world.creatures().keySet().stream().filter(id -> ShardRouting.zoneOf(id).equals(zone)).toList();
  }

  @Override
  public boolean levelOfDetail() {
    return true;
  }

  @Override
  public void tick(String id, ZonePulse pulse) {
    creatures.apply(id).tell(new CreatureEntity.Live(pulse.meta(), pulse.fromTick(), pulse.toTick(), pulse.now(),
        pulse.players()));
  }
}
