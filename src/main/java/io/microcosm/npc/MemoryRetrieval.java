package io.microcosm.npc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranks memories for a query as Generative Agents do: recency (exponential decay per tick since the
 * memory), importance and relevance, each min-max normalised over the candidates, then summed with
 * weights.
 *
 * @param decayPerTick recency of a memory {@code d} ticks old is {@code decayPerTick^d}
 */
public record MemoryRetrieval(double decayPerTick, double recencyWeight, double importanceWeight, double relevanceWeight,
    Relevance relevance) {

  /** Recency halves in about six game hours (at one tick a minute). */
  public static MemoryRetrieval standard() {
    return new MemoryRetrieval(0.998, 1.0, 1.0, 1.0, new KeywordRelevance());
  }

  public record Scored(Memory memory, double score, double recency, double importance, double relevance) {}

  public List<Scored> rank(List<Memory> memories, String query, long now, int limit) {
    int n = memories.size();
    if (n == 0 || limit <= 0) {
      return List.of();
    }
    double[] rec = new double[n];
    double[] imp = new double[n];
    for (int i = 0; i < n; i++) {
      Memory m = memories.get(i);
      rec[i] = Math.pow(decayPerTick, Math.max(0, now - m.tick()));
      imp[i] = m.importance();
    }
    double[] rel = query == null || query.isBlank() ? new double[n] : relevance.scores(query, memories);
    normalise(rec);
    normalise(imp);
    normalise(rel);
    List<Scored> scored = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double s = recencyWeight * rec[i] + importanceWeight * imp[i] + relevanceWeight * rel[i];
      scored.add(new Scored(memories.get(i), s, rec[i], imp[i], rel[i]));
    }
    // ties: the newer memory first
    scored.sort(Comparator.comparingDouble(Scored::score).reversed()
        .thenComparing(Comparator.comparingLong((Scored s) -> s.memory().id()).reversed()));
    return scored.subList(0, Math.min(limit, n));
  }

  /** To 0..1 by min and max; when all are equal the component tells nothing apart and is 0. */
  static void normalise(double[] v) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    double span = max - min;
    for (int i = 0; i < v.length; i++) {
      v[i] = span <= 1e-12 ? 0 : (v[i] - min) / span;
    }
  }
}
