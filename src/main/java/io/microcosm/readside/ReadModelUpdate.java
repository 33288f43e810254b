package io.microcosm.readside;

import io.microcosm.creature.CreatureEntity;
import io.microcosm.location.LocationEntity;
import io.microcosm.npc.Memory;
import io.microcosm.npc.NpcEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.readside.ReadModelStore.CreatureRow;
import io.microcosm.readside.ReadModelStore.FeedEntry;
import io.microcosm.readside.ReadModelStore.GroundRow;
import io.microcosm.readside.ReadModelStore.PlayerRow;
import io.microcosm.rules.ItemStack;
import io.microcosm.rules.LevelRules;
import io.microcosm.world.CreatureKindDef;
import io.microcosm.world.CreatureSpawn;
import io.microcosm.world.LocationDef;
import io.microcosm.world.LootDrop;
import io.microcosm.world.NpcDef;
import io.microcosm.world.QuestDef;
import io.microcosm.world.World;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a batch of journal events to the read models: presence (players, creatures and the ground
 * of every location), the leaderboard (level, experience, kills, crafts) and the activity feed
 * (level-ups, rare loot, deaths, quests completed, needs met, NPCs' reflections).
 *
 * <p>Rows touched by the batch are read once, changed in memory and written once at {@link #flush}.
 * An event is applied to a row only if its sequence number is above the row's, so replaying events
 * the row has already seen changes nothing: with exactly-once offsets (H2) this never happens, with
 * at-least-once offsets (Cassandra) it makes the redelivered events after a restart harmless.
 */
final class ReadModelUpdate {

  private final World world;
  private final int rareLootPercent;
  private final ReadModelStore.Rows rows;
  private final Map<String, PlayerRow> players = new LinkedHashMap<>();
  private final Map<String, CreatureRow> creatures = new LinkedHashMap<>();
  private final Map<String, GroundRow> ground = new LinkedHashMap<>();
  private final Map<String, FeedEntry> feed = new LinkedHashMap<>();
  private final Map<String, Boolean> changed = new LinkedHashMap<>();

  ReadModelUpdate(World world, int rareLootPercent, ReadModelStore.Rows rows) {
    this.world = world;
    this.rareLootPercent = rareLootPercent;
    this.rows = rows;
  }

  /** @param timestamp when the event was written, in epoch milliseconds */
  void apply(String persistenceId, long seqNr, Object event, long timestamp) throws Exception {
    String id = entityId(persistenceId);
    if (event instanceof PlayerEntity.Event e) {
      applyPlayer(id, seqNr, e, timestamp);
    } else if (event instanceof CreatureEntity.Event e) {
      applyCreature(id, seqNr, e, timestamp);
    } else if (event instanceof LocationEntity.Event e) {
      applyLocation(id, seqNr, e);
    } else if (event instanceof NpcEntity.Reflected e) {
      noteReflection(id, seqNr, e, timestamp);
    }
  }

  /** Writes every row the batch changed. */
  void flush() throws Exception {
    for (PlayerRow row : players.values()) {
      if (changed.containsKey("p:" + row.name())) {
        rows.save(row);
      }
    }
    for (CreatureRow row : creatures.values()) {
      if (changed.containsKey("c:" + row.id())) {
        rows.save(row);
      }
    }
    for (GroundRow row : ground.values()) {
      if (changed.containsKey("g:" + row.location() + "/" + row.item())) {
        rows.save(row);
      }
    }
    for (FeedEntry entry : feed.values()) {
      rows.save(entry);
    }
  }

  static String entityId(String persistenceId) {
    int bar = persistenceId.indexOf('|');
    return bar < 0 ? persistenceId : persistenceId.substring(bar + 1);
  }

  // ---- players ----

  private void applyPlayer(String name, long seqNr, PlayerEntity.Event event, long timestamp) throws Exception {
    PlayerRow row = players.get(name);
    if (row == null) {
      row = rows.player(name).orElseGet(() -> new PlayerRow(name, null, 1, 0, 0, 0, 0, 0, 0, 0));
      players.put(name, row);
    }
    if (seqNr <= row.seq()) {
      return;
    }
    String location = row.location();
    long exp = row.exp();
    long kills = row.kills();
    long crafts = row.crafts();
    long gathered = row.gathered();
    long deaths = row.deaths();
    if (event instanceof PlayerEntity.EnteredWorld e) {
      location = e.location();
    } else if (event instanceof PlayerEntity.Moved e) {
      location = e.to();
    } else if (event instanceof PlayerEntity.ResourcesGathered e) {
      gathered += e.quantity();
      exp += e.exp();
    } else if (event instanceof PlayerEntity.ItemsCrafted e) {
      crafts += e.count();
      exp += e.exp();
    } else if (event instanceof PlayerEntity.CreatureFought e) {
      exp += e.exp();
      kills += e.killed() ? 1 : 0;
    } else if (event instanceof PlayerEntity.HelpRewarded e) {
      exp += e.exp();
      note(new FeedEntry(feedId(name, seqNr, "help"), timestamp, e.tick(), "help", name, location, e.npc(), e.exp(),
          name + " helped " + npcName(e.npc()) + " (" + e.goal() + ")."));
    } else if (event instanceof PlayerEntity.QuestCompleted e) {
      exp += e.exp();
      Optional<QuestDef> quest = Optional.ofNullable(world.quests().get(e.quest()));
      if (quest.isPresent()) { // an NPC's need met is noted with its help above
        note(new FeedEntry(feedId(name, seqNr, "quest"), timestamp, e.tick(), "quest", name, location, e.quest(), e.exp(),
            name + " completed the quest \"" + quest.get().title() + "\"."));
      }
    } else if (event instanceof PlayerEntity.Died e) {
      deaths++;
      exp -= e.expLost();
      location = e.home();
      note(new FeedEntry(feedId(name, seqNr, "death"), timestamp, e.tick(), "death", name, e.place(), null, 0,
          name + " died at " + placeName(e.place()) + "."));
    }
    int level = LevelRules.levelFor(exp);
    if (level > row.level()) {
      note(new FeedEntry(feedId(name, seqNr, "level_up"), timestamp, event.tick(), "level_up", name, location, null, level,
          name + " reached level " + level + "."));
    }
    players.put(name, new PlayerRow(name, location, level, exp, kills, crafts, gathered, deaths, seqNr, timestamp));
    changed.put("p:" + name, true);
  }

  // ---- creatures ----

  private void applyCreature(String id, long seqNr, CreatureEntity.Event event, long timestamp) throws Exception {
    Optional<CreatureSpawn> spawn = world.creature(id);
    CreatureRow row = creatures.get(id);
    if (row == null) {
      row = rows.creature(id).orElseGet(() -> new CreatureRow(id, spawn.map(CreatureSpawn::home).orElse(null), false, 0,
          null, 0));
      creatures.put(id, row);
    }
    if (seqNr <= row.seq()) {
      return;
    }
    CreatureRow next = row;
    if (event instanceof CreatureEntity.Struck e) {
      next = e.killed()
          ? new CreatureRow(id, e.location(), true, e.respawnAt(), e.attacker(), seqNr)
          : new CreatureRow(id, e.location(), false, 0, row.killedBy(), seqNr);
      if (e.killed() && spawn.isPresent()) {
        noteRareLoot(id, world.kindOf(spawn.get()), e, seqNr, timestamp);
      }
    } else if (event instanceof CreatureEntity.Respawned e) {
      next = new CreatureRow(id, e.location(), false, 0, row.killedBy(), seqNr);
    }
    creatures.put(id, next);
    changed.put("c:" + id, true);
  }

  private void noteRareLoot(String creature, CreatureKindDef kind, CreatureEntity.Struck e, long seqNr, long timestamp) {
    for (ItemStack stack : e.loot().asStacks()) {
      int percent = kind.loot().stream().filter(d -> d.item().equals(stack.item())).mapToInt(LootDrop::percent).min()
          .orElse(100);
      if (percent <= rareLootPercent) {
        note(new FeedEntry(feedId(creature, seqNr, "rare_loot/" + stack.item()), timestamp, e.tick(), "rare_loot",
            e.attacker(), e.location(), stack.item(), stack.quantity(),
            e.attacker() + " found " + stack.quantity() + " " + world.itemName(stack.item()) + " on a " + kind.name()
                + " (a " + percent + " % drop)."));
      }
    }
  }

  // ---- NPCs ----

  private void noteReflection(String npc, long seqNr, NpcEntity.Reflected event, long timestamp) {
    List<Memory> insights = event.insights();
    for (int i = 0; i < insights.size(); i++) {
      note(new FeedEntry(feedId(npc, seqNr, "reflection/" + i), timestamp, event.tick(), "reflection", null, null, npc, 0,
          npcName(npc) + " thinks: " + insights.get(i).text()));
    }
  }

  private String npcName(String npc) {
    return world.npc(npc).map(NpcDef::name).orElse(npc);
  }

  // ---- locations ----

  private void applyLocation(String location, long seqNr, LocationEntity.Event event) throws Exception {
    if (event instanceof LocationEntity.ItemTaken e) {
      changeGround(location, e.item(), -e.quantity(), seqNr);
    } else if (event instanceof LocationEntity.ItemDropped e) {
      changeGround(location, e.item(), e.quantity(), seqNr);
    }
  }

  private void changeGround(String location, String item, int delta, long seqNr) throws Exception {
    String key = location + "/" + item;
    GroundRow row = ground.get(key);
    if (row == null) {
      row = rows.ground(location, item).orElseGet(() -> new GroundRow(location, item, initialStock(location, item), 0));
      ground.put(key, row);
    }
    if (seqNr <= row.seq()) {
      return;
    }
    ground.put(key, new GroundRow(location, item, row.quantity() + delta, seqNr));
    changed.put("g:" + key, true);
  }

  private int initialStock(String location, String item) {
    return world.location(location).map(LocationDef::items).map(items -> items.getOrDefault(item, 0)).orElse(0);
  }

  // ---- feed ----

  private void note(FeedEntry entry) {
    feed.put(entry.id(), entry);
  }

  private static String feedId(String entity, long seqNr, String what) {
    return entity + "#" + seqNr + "#" + what;
  }

  private String placeName(String location) {
    return world.location(location).map(LocationDef::name).orElse(location);
  }
}
