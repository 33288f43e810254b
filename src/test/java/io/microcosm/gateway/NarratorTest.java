package io.microcosm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.microcosm.npc.Mood;
import io.microcosm.player.PlayerEntity;
import io.microcosm.world.WorldLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sentences the player reads for replies that carry more than one piece of news. */
class NarratorTest {

  private final Narrator narrator = new Narrator(WorldLoader.load("vale"));

  @Test
  void a_quest_done_whose_reward_does_not_fit_tells_the_player_to_make_room() {
    PlayerEntity.QuestView rats = new PlayerEntity.QuestView("vale.quest.rats-in-the-mill", "Rats in the mill",
        "vale.npc.hilda", false, true, List.of(), 50, Map.of("bread", 3), Map.of("vale-folk", 8));
    String text = narrator.reply(new PlayerEntity.TalkedToNpc("vale.npc.hilda", "Hilda", "Back already?", Mood.CALM, null,
        List.of(), List.of(), List.of(rats), List.of(), 7));
    assertEquals("Hilda says: \u201cBack already?\u201d Rats in the mill is done, but its reward (3 loaves of bread) does "
        + "not fit into your pack: make room and talk to Hilda again.", text);
  }

  @Test
  void quest_progress_names_what_advanced_and_when_all_is_done_whom_to_go_back_to() {
    PlayerEntity.QuestView before = rats(2, 0);
    assertEquals(java.util.Optional.of("Rats in the mill: kill rats (3/3). All done: return to Hilda."),
        narrator.progress(before, rats(3, 1)));
    assertEquals(java.util.Optional.of("Rats in the mill: kill rats (2/3)."), narrator.progress(rats(1, 0), before));
    assertEquals(java.util.Optional.empty(), narrator.progress(before, before));
  }

  private static PlayerEntity.QuestView rats(int killed, int done) {
    return new PlayerEntity.QuestView("vale.quest.rats-in-the-mill", "Rats in the mill", "vale.npc.hilda", false, done == 1,
        List.of(new PlayerEntity.ObjectiveView("kill", "rat", null, 3, killed, "kill rats")), 50, Map.of("bread", 3),
        Map.of());
  }
}
