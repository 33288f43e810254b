package io.microcosm.world;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An NPC from world data.
 *
 * @param id {@code zone.npc.name}; the zone is the NPC's shard
 * @param role what it does for a living ("smith", "herbalist"), which colours its talk
 * @param faction a faction id, or null
 * @param home where it sleeps and is safe
 * @param workplace where it works
 * @param haunt where it goes for company
 * @param pack what it carries when the world begins
 * @param ration what its household gives it each morning at home, topping its pack up to these counts
 * @param schedule its day, covering all 24 hours
 * @param affinities how it feels about other NPCs when the world begins, -100 to 100
 * @param topics words it likes to talk about, besides its role
 */
public record NpcDef(
    String id, String zone, String name, List<String> aliases, String role, String description, String faction,
    String home, String workplace, String haunt, Personality personality, Map<String, Integer> pack,
    Map<String, Integer> ration, List<ScheduleBlock> schedule, Map<String, Integer> affinities, List<String> topics) {

  public NpcDef {
    aliases = List.copyOf(aliases);
    pack = Collections.unmodifiableMap(new LinkedHashMap<>(pack));
    ration = Collections.unmodifiableMap(new LinkedHashMap<>(ration));
    schedule = List.copyOf(schedule);
    affinities = Collections.unmodifiableMap(new LinkedHashMap<>(affinities));
    topics = List.copyOf(topics);
  }

  /** The block of the schedule that covers {@code hour}; the schedule covers the whole day. */
  public ScheduleBlock blockAt(int hour) {
    for (ScheduleBlock b : schedule) {
      if (b.covers(hour)) {
        return b;
      }
    }
    throw new IllegalStateException("the schedule of " + id + " does not cover hour " + hour);
  }

  /** The usual day: sleep at home, meals, work morning and afternoon, company in the evening. */
  public static List<ScheduleBlock> usualDay(String home, String workplace, String haunt) {
    return List.of(
        new ScheduleBlock(22, 6, NpcActivity.SLEEP, home),
        new ScheduleBlock(6, 7, NpcActivity.EAT, home),
        new ScheduleBlock(7, 12, NpcActivity.WORK, workplace),
        new ScheduleBlock(12, 13, NpcActivity.EAT, haunt),
        new ScheduleBlock(13, 18, NpcActivity.WORK, workplace),
        new ScheduleBlock(18, 19, NpcActivity.EAT, home),
        new ScheduleBlock(19, 22, NpcActivity.SOCIALISE, haunt));
  }
}
