package io.microcosm.npc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryTest {

  private static MemoryStream stream(Memory... ms) {
    MemoryStream s = MemoryStream.EMPTY;
    for (Memory m : ms) {
      s = s.add(m, 100);
    }
    return s;
  }

  @Test
  void retrieval_ranks_a_known_set_by_recency_importance_and_relevance() {
    MemoryStream s = stream(
        Memory.of(0, MemoryType.OBSERVATION, 9, "Wolves attacked the mill at night.", List.of("vale.mill"), -1),   // 1
        Memory.of(900, MemoryType.OBSERVATION, 1, "Ate a loaf of bread at home.", List.of(), 1),                    // 2
        Memory.of(950, MemoryType.DIALOGUE, 3, "ann asked me about the mine.", List.of("ann"), 1),                   // 3
        Memory.of(1000, MemoryType.OBSERVATION, 2, "Saw bob at the square.", List.of("bob"), 0));                  // 4
    MemoryRetrieval r = MemoryRetrieval.standard();

    // no query: recency (0.998^age, normalised: 0, .79, .89, 1) plus importance (normalised: 1, 0, .25, .125)
    List<MemoryRetrieval.Scored> plain = r.rank(s.memories(), null, 1000, 4);
    assertEquals(List.of(3L, 4L, 1L, 2L), plain.stream().map(x -> x.memory().id()).toList());

    // about the mine: the one memory that mentions it comes first
    List<MemoryRetrieval.Scored> mine = r.rank(s.memories(), "the old mine", 1000, 2);
    assertEquals(3L, mine.get(0).memory().id());
    assertEquals(1.0, mine.get(0).relevance(), 1e-9);

    // each component is normalised to 0..1
    for (MemoryRetrieval.Scored x : plain) {
      assertTrue(x.recency() >= 0 && x.recency() <= 1 && x.importance() >= 0 && x.importance() <= 1);
    }
    assertEquals(1.0, plain.stream().mapToDouble(MemoryRetrieval.Scored::importance).max().orElseThrow(), 1e-9);
  }

  @Test
  void relevance_is_behind_an_interface() {
    Relevance everythingAboutWolves = (q, ms) -> ms.stream().mapToDouble(m -> m.text().contains("Wolves") ? 1 : 0).toArray();
    MemoryRetrieval r = new MemoryRetrieval(0.998, 0, 0, 1, everythingAboutWolves);
    MemoryStream s = stream(
        Memory.of(5, MemoryType.OBSERVATION, 1, "Saw bob.", List.of(), 0),
        Memory.of(1, MemoryType.OBSERVATION, 1, "Wolves howled.", List.of(), 0));
    assertEquals(2L, r.rank(s.memories(), "anything", 10, 1).get(0).memory().id());
  }

  @Test
  void the_stream_forgets_the_least_worth_keeping_and_stays_bounded() {
    MemoryStream s = MemoryStream.EMPTY;
    for (int i = 0; i < 50; i++) {
      int importance = i == 3 ? 10 : 1;
      s = s.add(Memory.of(i, MemoryType.OBSERVATION, importance, "thing " + i, List.of(), 0), 20);
      assertTrue(s.memories().size() <= 20);
    }
    assertEquals(30, s.forgotten());
    assertTrue(s.memories().stream().anyMatch(m -> m.id() == 4), "the important old memory is kept");
    assertTrue(s.memories().stream().anyMatch(m -> m.id() == 50), "the newest is kept");
  }

  @Test
  void reflection_comes_when_importance_adds_up_and_cites_its_evidence() {
    MemoryStream s = MemoryStream.EMPTY;
    s = s.add(Memory.of(1, MemoryType.DIALOGUE, 4, "Talked with Elric at the square.", List.of("vale.npc.elric"), 1), 100);
    s = s.add(Memory.of(2, MemoryType.OBSERVATION, 6, "vale.npc.elric gave me bread.", List.of("vale.npc.elric"), 1), 100);
    assertFalse(Reflection.due(s, 20));
    s = s.add(Memory.of(3, MemoryType.OBSERVATION, 8, "Wolves attacked the mill.", List.of("vale.mill"), -1), 100);
    s = s.add(Memory.of(4, MemoryType.OBSERVATION, 3, "I was hungry and had no food left.", List.of(), -1), 100);
    assertTrue(Reflection.due(s, 20));
    List<Memory> insights = Reflection.insights(s, 5, id -> id.equals("vale.npc.elric") ? "Elric" : id);
    assertTrue(insights.stream().anyMatch(i -> i.text().startsWith("Elric has been good to me")
        && i.evidence().equals(List.of(1L, 2L))), insights.toString());
    assertTrue(insights.stream().anyMatch(i -> i.text().contains("dangerous") && i.evidence().equals(List.of(3L))));
    insights.forEach(i -> assertEquals(MemoryType.REFLECTION, i.type()));
    MemoryStream after = s.reflected(insights, 100);
    assertEquals(0, after.importanceSinceReflection());
    assertEquals(4 + insights.size(), after.memories().size());
  }
}
