package io.microcosm.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.microcosm.creature.CreatureEntity;
import io.microcosm.location.LocationEntity;
import io.microcosm.npc.Memory;
import io.microcosm.npc.MemoryType;
import io.microcosm.npc.NpcEntity;
import io.microcosm.player.PlayerEntity;
import io.microcosm.readside.ReadModelStore.CreatureRow;
import io.microcosm.readside.ReadModelStore.FeedEntry;
import io.microcosm.readside.ReadModelStore.GroundRow;
import io.microcosm.readside.ReadModelStore.PlayerRow;
import io.microcosm.rules.CombatRules.Blow;
import io.microcosm.rules.CombatRules.Outcome;
import io.microcosm.rules.Inventory;
import io.microcosm.testkit.CampWorld;
import io.microcosm.world.World;
import io.microcosm.world.WorldLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The read models' update rules, on rows kept in maps: what each event changes, and that replays change nothing. */
class ReadModelUpdateTest {

  private final World world = CampWorld.create();

  /** Rows in memory, as a store would keep them. */
  static final class MapRows implements ReadModelStore.Rows {
    final Map<String, PlayerRow> players = new TreeMap<>();
    final Map<String, CreatureRow> creatures = new TreeMap<>();
    final Map<String, GroundRow> ground = new TreeMap<>();
    final Map<String, FeedEntry> feed = new TreeMap<>();
    int writes;

    @Override
    public Optional<PlayerRow> player(String name) {
      return Optional.ofNullable(players.get(name));
    }

    @Override
    public Optional<CreatureRow> creature(String id) {
      return Optional.ofNullable(creatures.get(id));
    }

    @Override
    public Optional<GroundRow> ground(String location, String item) {
      return Optional.ofNullable(ground.get(location + "/" + item));
    }

    @Override
    public void save(PlayerRow row) {
      writes++;
      players.put(row.name(), row);
    }

    @Override
    public void save(CreatureRow row) {
      writes++;
      creatures.put(row.id(), row);
    }

    @Override
    public void save(GroundRow row) {
      writes++;
      ground.put(row.location() + "/" + row.item(), row);
    }

    @Override
    public void save(FeedEntry entry) {
      writes++;
      feed.put(entry.id(), entry);
    }

    String snapshot() {
      return players + "|" + creatures + "|" + ground + "|" + feed;
    }
  }

  record Env(String persistenceId, long seqNr, Object event) {}

  private static final UUID C = UUID.fromString("00000000-0000-0000-0000-000000000001");

  private final List<Env> journal = List.of(
      new Env("Player|ann", 1, new PlayerEntity.EnteredWorld(1, C, CampWorld.CLEARING, 10)),
      new Env("Location|camp.clearing", 1, new LocationEntity.ItemTaken(2, C, "ann", "pickaxe", 1, 10)),
      new Env("Player|ann", 2, new PlayerEntity.ItemReceived(3, C, "pickaxe", 1, CampWorld.CLEARING, 10)),
      new Env("Player|ann", 3, new PlayerEntity.ItemsCrafted(4, C, "copper-sword", 2, Inventory.EMPTY, Inventory.EMPTY,
          CampWorld.CLEARING, 6, 60, 11)),
      new Env("Creature|camp.rat.1", 1, new CreatureEntity.Struck(5, C, "ann", CampWorld.CLEARING, 7,
          new Blow(Outcome.HIT, 3), Blow.NONE, null, 0, true, 5, new Inventory(Map.of("pelt", 1)), 1_050, 12)),
      new Env("Location|camp.clearing", 2, new LocationEntity.ItemDropped(6, C, "camp.rat.1", "pelt", 1)),
      new Env("Player|ann", 4, new PlayerEntity.CreatureFought(7, C, "camp.rat.1", new Blow(Outcome.HIT, 3), Blow.NONE,
          null, true, 5, 1, 12)),
      new Env("Player|ann", 5, new PlayerEntity.Moved(8, C, CampWorld.CLEARING, CampWorld.DEN, null, 1, 13)),
      new Env("Player|ann", 6, new PlayerEntity.Died(9, C, CampWorld.DEN, CampWorld.CLEARING, Inventory.EMPTY, 6, 14)));

  private void apply(MapRows rows, List<Env> envs) throws Exception {
    ReadModelUpdate update = new ReadModelUpdate(world, 100, rows);
    long at = 1_000;
    for (Env e : envs) {
      update.apply(e.persistenceId(), e.seqNr(), e.event(), at + e.seqNr());
    }
    update.flush();
  }

  @Test
  void each_event_changes_the_rows_it_is_about() throws Exception {
    MapRows rows = new MapRows();
    apply(rows, journal);
    PlayerRow ann = rows.players.get("ann");
    assertEquals(new PlayerRow("ann", CampWorld.CLEARING, 2, 59, 1, 2, 0, 1, 6, 1_006), ann,
        "woke at home after dying, 65 experience less the 6 lost, one kill, two swords");
    assertEquals(new CreatureRow("camp.rat.1", CampWorld.CLEARING, true, 1_050, "ann", 1), rows.creatures.get("camp.rat.1"));
    assertEquals(0, rows.ground.get("camp.clearing/pickaxe").quantity(), "the world's one pickaxe was taken");
    assertEquals(1, rows.ground.get("camp.clearing/pelt").quantity());
    assertEquals(List.of("death", "level_up", "rare_loot"), rows.feed.values().stream().map(FeedEntry::type).sorted().toList());
  }

  @Test
  void quests_and_help_count_on_the_leaderboard_and_the_feed_tells_of_them_and_of_what_npcs_come_to_think() throws Exception {
    World vale = WorldLoader.load("vale");
    MapRows rows = new MapRows();
    Memory insight = new Memory(7, 400, MemoryType.REFLECTION, 6, "Ann is someone I can count on.", List.of("ann"), 1,
        List.of(3L, 5L));
    List<Env> envs = List.of(
        new Env("Player|ann", 1, new PlayerEntity.EnteredWorld(1, C, "vale.square", 100)),
        new Env("Player|ann", 2, new PlayerEntity.HelpRewarded(2, C, "vale.npc.mira", "bread", 30, 200)),
        new Env("Player|ann", 3, new PlayerEntity.QuestCompleted(3, C, "vale.npc.mira/bread", 0, Map.of(), 200)),
        new Env("Player|ann", 4, new PlayerEntity.QuestCompleted(4, C, "vale.quest.rats-in-the-mill", 50,
            Map.of("bread", 3), 300)),
        new Env("Npc|vale.npc.mira", 9, new NpcEntity.Reflected(5, C, 400, List.of(insight))));
    ReadModelUpdate update = new ReadModelUpdate(vale, 100, rows);
    for (Env e : envs) {
      update.apply(e.persistenceId(), e.seqNr(), e.event(), 1_000 + e.seqNr());
    }
    update.flush();

    assertEquals(80, rows.players.get("ann").exp(), "30 for the help, 50 for the quest: the leaderboard agrees with ann's own state");
    List<String> feed = rows.feed.values().stream().map(f -> f.type() + ": " + f.text()).sorted().toList();
    assertEquals(List.of(
        "help: ann helped Mira (bread).",
        "level_up: ann reached level 2.",
        "quest: ann completed the quest \"Rats in the mill\".",
        "reflection: Mira thinks: Ann is someone I can count on."), feed);
  }

  @Test
  void events_delivered_again_change_nothing() throws Exception {
    MapRows once = new MapRows();
    apply(once, journal);
    String expected = once.snapshot();

    MapRows again = new MapRows();
    apply(again, journal.subList(0, 6));
    apply(again, journal.subList(3, journal.size()));
    apply(again, journal);
    assertEquals(expected, again.snapshot(), "an at-least-once redelivery of any suffix is harmless");
  }

  @Test
  void a_batch_writes_each_row_it_touched_once() throws Exception {
    MapRows rows = new MapRows();
    apply(rows, journal);
    assertEquals(1 + 1 + 2 + 3, rows.writes, "one player, one creature, two ground rows and three feed entries");
    assertTrue(rows.feed.keySet().stream().allMatch(id -> id.contains("#")), "feed ids name their source event");
  }
}
