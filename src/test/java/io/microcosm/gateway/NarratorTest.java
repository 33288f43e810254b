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
        List.of(), List.of(), List.of(rats), 7));
    assertEquals("Hilda says: \u201cBack already?\u201d Rats in the mill is done, but its reward (3 loaves of bread) does "
        + "not fit into your pack: make room and talk to Hilda again.", text);
  }
}
