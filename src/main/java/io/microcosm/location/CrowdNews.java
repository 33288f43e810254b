package io.microcosm.location;

import java.util.ArrayList;
import java.util.List;

/**
 * Who came to and went from a crowded place since it last announced it: the first few names of
 * each, and how many in all. Kept by the location between announcements and never persisted (it is
 * news, not state).
 */
final class CrowdNews {

  private final int named;
  private final List<String> arrived = new ArrayList<>();
  private final List<String> departed = new ArrayList<>();
  private int arrivals;
  private int departures;

  CrowdNews(int named) {
    this.named = named;
  }

  void arrived(String occupant) {
    arrivals++;
    if (arrived.size() < named) {
      arrived.add(occupant);
    }
  }

  void departed(String occupant) {
    departures++;
    if (departed.size() < named) {
      departed.add(occupant);
    }
  }

  boolean isEmpty() {
    return arrivals == 0 && departures == 0;
  }

  /** The announcement of everything gathered so far, which is then forgotten. */
  LocationEntity.Crowd announce(String location, int present, long lamport) {
    LocationEntity.Crowd crowd =
        new LocationEntity.Crowd(location, List.copyOf(arrived), arrivals, List.copyOf(departed), departures, present, lamport);
    arrived.clear();
    departed.clear();
    arrivals = 0;
    departures = 0;
    return crowd;
  }
}
