package io.microcosm.zone;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.RecipientRef;
import io.microcosm.entity.EntityKind;
import io.microcosm.npc.NpcEntity;
import io.microcosm.world.World;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The people of a zone live on its ticks: each pulse catches an NPC's mind up to its last tick, in
 * that tick's weather. Ticked less often while no player is in the zone; an NPC comes out of one
 * pulse over many ticks as it would from one pulse per tick.
 */
public final class NpcResidents implements Residents {

  private final Map<String, List<String>> byZone;
  private final Function<String, RecipientRef<NpcEntity.Command>> npcs;
  private final ActorRef<NpcEntity.Ticked> answers;

  public NpcResidents(World world, Function<String, RecipientRef<NpcEntity.Command>> npcs, ActorSystem<?> system) {
    this(world, npcs, system.ignoreRef());
  }

  /** @param answers who hears each NPC's {@link NpcEntity.Ticked} (nobody, in a running world) */
  public NpcResidents(World world, Function<String, RecipientRef<NpcEntity.Command>> npcs, ActorRef<NpcEntity.Ticked> answers) {
    this.byZone = world.npcs().values().stream().collect(Collectors.groupingBy(n -> n.zone(),
        Collectors.collectingAndThen(Collectors.mapping(n -> n.id(), Collectors.toList()), ids -> ids.stream().sorted().toList())));
    this.npcs = npcs;
    this.answers = answers;
  }

  @Override
  public EntityKind kind() {
    return EntityKind.NPC;
  }

  @Override
  public List<String> in(String zone) {
    return byZone.getOrDefault(zone, List.of());
  }

  @Override
  public boolean levelOfDetail() {
    return true;
  }

  @Override
  public void tick(String id, ZonePulse pulse) {
    npcs.apply(id).tell(new NpcEntity.Tick(pulse.meta(), pulse.toTick(), pulse.now().weather().label(), answers));
  }
}
