package io.microcosm.zone;

import io.microcosm.entity.EntityKind;
import java.util.List;

/**
 * One kind of entity that lives in zones and is ticked by its zone: how the zone finds its residents
 * of this kind in world data and how it tells each that ticks have passed. Locations and creatures
 * are residents; another kind joins by implementing this and being added to the list given to
 * {@link ZoneEntity#init} (one line in {@code Node.start}).
 *
 * <p>A kind with {@link #levelOfDetail()} is ticked every tick while a player is anywhere in the
 * zone, and otherwise only every {@code microcosm.zone.lod-every} ticks, with a pulse covering every
 * tick since its last one. Its residents must come out of one pulse over ticks {@code a..b} exactly
 * as they would from one pulse per tick: they decide from their state, their seed and the tick,
 * never from how the ticks were grouped (see {@code CreatureEntity.Live}).
 */
public interface Residents {

  EntityKind kind();

  /** The ids of the residents of this kind in {@code zone}, from world data, in a stable order. */
  List<String> in(String zone);

  /** Whether these residents may be ticked less often while no player is in the zone. */
  boolean levelOfDetail();

  /** Tells resident {@code id} that the ticks of {@code pulse} have passed. Must not block. */
  void tick(String id, ZonePulse pulse);
}
