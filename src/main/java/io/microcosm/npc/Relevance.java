package io.microcosm.npc;

import java.util.List;

/**
 * How relevant each memory is to a query, 0 or more (higher is more relevant). The default is
 * {@link KeywordRelevance}; an embedding model can take its place behind this interface.
 */
public interface Relevance {

  double[] scores(String query, List<Memory> memories);
}
