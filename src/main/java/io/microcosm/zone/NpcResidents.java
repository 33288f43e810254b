package io.microcosm.zone;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.RecipientRef;
import io.microcosm.entity.EntityKind;
import io.microcosm.npc.NpcEntity;
import io.microcosm.world.World;
import java.util.List;
import java.util.function.Function;

/**
 * The people of a zone live on its ticks: each pulse catches an NPC's mind up to its last tick, in
 * that tick's weather. Ticked less often while no player is in the zone; an NPC comes out of one
 * pulse over many ticks as it would from one pulse per tick.
 */
public final class NpcResidents implements Residents {

  private final World world;
  private final Function<String, RecipientRef<NpcEntity.Command>> npcs;
  private final ActorSystem<?> system;

  public NpcResidents(World world, Function<String, RecipientRef<NpcEntity.Command>> npcs, ActorSystem<?> system) {
    this.world = world;
    this.npcs = npcs;
    this.system = system;
  }

  @Override
  public EntityKind kind() {
    return EntityKind.NPC;
  }

  @Override
  public List<String> in(String zone) {
    return world.npcs().values().stream().filter(n -> n.zone().equals(zone)).map(n -> n.id()).sorted().toList();
  }

  @Override
  public boolean levelOfDetail() {
    return true;
  }

  @Override
  public void tick(String id, ZonePulse pulse) {
    npcs.apply(id).tell(new NpcEntity.Tick(pulse.meta(), pulse.toTick(), pulse.now().weather().label(), system.ignoreRef()));
  }
}
