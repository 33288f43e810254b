package io.microcosm.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** quests.json: the shipped Vale's quests, and a copy of the Vale with broken ones. */
class QuestDataTest {

  @TempDir Path dir;

  @BeforeEach
  void copyTheVale() throws IOException {
    Path vale = Path.of("src/main/resources/worlds/vale");
    try (Stream<Path> files = Files.walk(vale)) {
      files.filter(Files::isRegularFile).forEach(f -> {
        try {
          Path to = dir.resolve(vale.relativize(f).toString());
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  @Test
  void the_vale_has_quests_of_every_kind_from_its_people() {
    World vale = WorldLoader.load("vale");
    assertTrue(vale.quests().size() >= 6, vale.quests().keySet().toString());
    Set<QuestDef.Kind> kinds = vale.quests().values().stream().flatMap(q -> q.objectives().stream())
        .map(QuestDef.Objective::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(QuestDef.Kind.class)));
    assertEquals(EnumSet.allOf(QuestDef.Kind.class), kinds);
    QuestDef rats = vale.quests().get("vale.quest.rats-in-the-mill");
    assertEquals("vale.npc.greta", rats.giver());
    assertEquals(new QuestDef.Objective(QuestDef.Kind.KILL, "rat", 3, null), rats.objectives().get(0));
    assertEquals(50, rats.rewards().exp());
    assertEquals(8, rats.rewards().standing().get("vale-folk"));
    assertEquals(-100, rats.minStanding(), "no minimum unless given");
    assertEquals(20, vale.quests().get("vale.quest.spider-silk").minStanding());
  }

  @Test
  void unknown_items_npcs_creatures_places_and_factions_are_named() {
    write("""
        {"quests": [{"id": "q1", "title": "Bad", "giver": "vale.npc.nobody", "text": "...",
          "objectives": [
            {"kind": "gather", "item": "unobtainium", "count": 2},
            {"kind": "talk", "npc": "vale.npc.ghost"},
            {"kind": "kill", "creature": "dragon", "count": 1},
            {"kind": "deliver", "item": "bread", "count": 1, "npc": "vale.npc.phantom"},
            {"kind": "reach", "location": "vale.atlantis"}],
          "rewards": {"exp": 5, "items": {"gold-bar": 1}, "standing": {"thieves": 5}}}]}
        """);
    WorldValidationException e = assertThrows(WorldValidationException.class, this::load);
    String m = e.getMessage();
    for (String named : new String[] {"giver", "'vale.npc.nobody'", "objectives[0].item", "'unobtainium'",
        "objectives[1].npc", "'vale.npc.ghost'", "objectives[2].creature", "'dragon'", "objectives[3].npc",
        "'vale.npc.phantom'", "objectives[4].location", "'vale.atlantis'", "rewards.items.gold-bar",
        "rewards.standing.thieves"}) {
      assertTrue(m.contains(named), named + " in:\n" + m);
    }
    assertEquals(8, e.problems().size(), m);
    assertTrue(e.problems().stream().allMatch(p -> p.file().endsWith("quests.json") && "quest 'q1'".equals(p.entry())), m);
  }

  @Test
  void an_unknown_objective_kind_and_missing_fields_are_refused() {
    write("""
        {"quests": [
          {"id": "q1", "title": "A", "giver": "vale.npc.mira", "text": "...",
           "objectives": [{"kind": "dance", "item": "bread"}]},
          {"id": "q2", "title": "B", "giver": "vale.npc.mira", "text": "...",
           "objectives": [{"kind": "gather", "count": 0, "item": "bread"}, {"kind": "deliver", "item": "bread"}]},
          {"id": "q3", "title": "C", "giver": "vale.npc.mira", "text": "..."}]}
        """);
    String m = assertThrows(WorldValidationException.class, this::load).getMessage();
    assertTrue(m.contains("unknown kind 'dance'; allowed: talk, gather, craft, kill, deliver, reach"), m);
    assertTrue(m.contains("objectives[0].count"), m);
    assertTrue(m.contains("objectives[1].npc") && m.contains("is required"), m);
    assertTrue(m.contains("quest 'q3'") && m.contains("objectives"), m);
  }

  private World load() {
    return WorldLoader.load("vale", WorldSource.directory(dir));
  }

  private void write(String quests) {
    try {
      Files.writeString(dir.resolve("quests.json"), quests);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
