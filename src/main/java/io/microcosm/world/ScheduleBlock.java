package io.microcosm.world;

/**
 * One part of an NPC's day: from hour {@code from} (inclusive) to {@code to} (exclusive), 0 to 24;
 * a block may wrap past midnight ({@code from} 22, {@code to} 6).
 *
 * @param place where it happens, a location id
 */
public record ScheduleBlock(int from, int to, NpcActivity activity, String place) {

  public boolean covers(int hour) {
    return from < to ? hour >= from && hour < to : hour >= from || hour < to;
  }
}
