package io.microcosm.npc;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * TF-IDF cosine similarity between the words of a query and of each memory (with the ids it is
 * about), the document frequencies taken over the memories being ranked.
 */
public final class KeywordRelevance implements Relevance {

  private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for",
      "with", "is", "was", "are", "were", "it", "i", "me", "my", "we", "you", "your", "he", "she", "they", "them",
      "his", "her", "about", "what", "do", "did", "does", "this", "that", "there", "here", "be", "been", "by", "from",
      "as", "so", "some", "have", "had", "has", "not", "no", "tell");

  @Override
  public double[] scores(String query, List<Memory> memories) {
    double[] out = new double[memories.size()];
    Map<String, Integer> q = terms(query);
    if (q.isEmpty() || memories.isEmpty()) {
      return out;
    }
    List<Map<String, Integer>> docs = memories.stream().map(m -> terms(m.text() + " " + String.join(" ", m.about()))).toList();
    Map<String, Integer> df = new HashMap<>();
    for (Map<String, Integer> d : docs) {
      d.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
    }
    int n = docs.size();
    Map<String, Double> qv = weights(q, df, n);
    double qNorm = norm(qv);
    for (int i = 0; i < n; i++) {
      Map<String, Double> dv = weights(docs.get(i), df, n);
      double dot = 0;
      for (Map.Entry<String, Double> e : qv.entrySet()) {
        dot += e.getValue() * dv.getOrDefault(e.getKey(), 0.0);
      }
      double dNorm = norm(dv);
      out[i] = dot == 0 ? 0 : dot / (qNorm * dNorm);
    }
    return out;
  }

  private static Map<String, Double> weights(Map<String, Integer> tf, Map<String, Integer> df, int n) {
    Map<String, Double> w = new HashMap<>();
    tf.forEach((t, f) -> w.put(t, f * (1 + Math.log((1.0 + n) / (1.0 + df.getOrDefault(t, 0))))));
    return w;
  }

  private static double norm(Map<String, Double> v) {
    double s = 0;
    for (double x : v.values()) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** Lower-case words and id parts, stop words out, a plural's final s dropped. */
  static Map<String, Integer> terms(String text) {
    Map<String, Integer> tf = new HashMap<>();
    for (String raw : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (raw.length() < 2 || STOP.contains(raw)) {
        continue;
      }
      String t = raw.length() > 3 && raw.endsWith("s") && !raw.endsWith("ss") ? raw.substring(0, raw.length() - 1) : raw;
      tf.merge(t, 1, Integer::sum);
    }
    return tf;
  }
}
